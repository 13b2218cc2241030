"""Row locks on the capacity rows: the conference, then its workshops by primary key.

Every service that counts or changes places locks through `lock_capacity`, always in
the same order, so two transactions never wait for each other in a circle. A lock
held too long (PostgreSQL `lock_timeout`) becomes `CapacityBusy`, a polite
"try again", never a server error.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, transaction

from ..choices import SessionKind
from ..exceptions import CapacityBusy

# Each attempt waits at most this long for the capacity rows (PostgreSQL); with the
# retries in `registration.register_participants` a person facing a lock held
# elsewhere hears "try again" after about 3 s in all, while a burst of registrations
# queued behind each other keeps waiting as long as the queue moves.
LOCK_WAIT_MS = 1500

# SQLSTATE codes: lock_not_available, deadlock_detected, query_canceled (statement
# timeout); SQLite reports a busy database in the message only.
BUSY_SQLSTATES = {"55P03", "40P01", "57014"}


def is_busy_error(error: OperationalError) -> bool:
    """True when the database gave up waiting for a lock."""
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(error)


@contextmanager
def busy_as_domain_error() -> Iterator[None]:
    """Turn a lock timeout inside the block into `CapacityBusy`.

    Use it outside `transaction.atomic()`, so the transaction is rolled back first.
    """
    try:
        yield
    except OperationalError as error:
        if is_busy_error(error):
            raise CapacityBusy from error
        raise


def lock_capacity(conference_pk: int):
    """Lock the conference row, then its workshop rows sorted by pk; return them.

    Must run inside `transaction.atomic()`. Returns the freshly read conference and a
    dict of its workshops by pk.
    """
    from ..models import ConferencePage, Session

    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("lock_capacity() needs a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {int(LOCK_WAIT_MS)}")  # noqa: S608
    conference = ConferencePage.objects.select_for_update(of=("self",)).get(
        pk=conference_pk
    )
    workshops = list(
        Session.objects.select_for_update()
        .filter(page_id=conference_pk, kind=SessionKind.WORKSHOP)
        .order_by("pk")
    )
    return conference, {workshop.pk: workshop for workshop in workshops}
