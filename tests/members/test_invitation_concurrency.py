"""One pending invitation per address, and one account per invitation, when requests
race (PostgreSQL: the partial unique constraint and the invitation's row lock)."""

import threading

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from members.choices import InvitationRefusal, Role
from members.models import Invitation, Membership
from members.services import accept_invitation, create_invitation
from tests.factories.members import CentreFactory, invitation, representative

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (set DATABASE_URL); SQLite serialises every write",
)
ATTEMPTS = 12


def _race(work, attempts=ATTEMPTS):
    """Run work(n) in `attempts` threads released together; (results, errors)."""
    barrier = threading.Barrier(attempts)
    results, errors, lock = [], [], threading.Lock()

    def worker(n):
        barrier.wait()
        try:
            outcome = work(n)
            with lock:
                results.append(outcome)
        except Exception as error:  # noqa: BLE001 - every outcome is counted
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_representatives_of_many_centres_racing_leave_one_pending_invitation():
    reps = []
    for _n in range(ATTEMPTS):
        centre = CentreFactory()
        reps.append((centre, representative(centre)))

    def invite(n):
        centre, rep = reps[n]
        created, token = create_invitation(
            centre, email="Ta.Sama@example.test", role=Role.STAFF, invited_by=rep
        )
        return token is not None

    results, errors = _race(invite)
    assert errors == []
    assert results.count(True) == 1  # one link went out
    rows = Invitation.objects.filter(email="ta.sama@example.test")
    assert rows.count() == ATTEMPTS  # every representative saw "sent"
    assert rows.live().count() == 1
    assert (
        rows.exclude(refusal="").filter(refusal=InvitationRefusal.PENDING_ELSEWHERE)
    ).count() == ATTEMPTS - 1


@pytest.mark.django_db(transaction=True)
def test_racing_submits_of_one_link_make_one_account():
    _created, token = invitation(email="jedna@example.test")

    def accept(n):
        return accept_invitation(
            token, first_name="Ewa", last_name=str(n), password="Bardzo-Dobre-2026x"
        ).pk

    results, errors = _race(accept)
    assert len(results) == 1
    assert len(errors) == ATTEMPTS - 1
    assert get_user_model().objects.filter(email="jedna@example.test").count() == 1
    assert Membership.objects.count() == 1
