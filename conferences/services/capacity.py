"""A change of capacity, wherever it comes from, under the registration lock.

The conference page is written by the page editor (publish), by a scheduled
publish, by a revision published later and by code (management commands, the
demo). Each of these calls `ConferencePage.save`, which hands the write to
`save_conference`: lock the capacity rows as registration does, refuse a capacity
below the places already held, write the page and its programme, then give the
freed places to the waiting list in order, with the same e-mails as a
cancellation. Only the published value counts: a draft revision is not written to
the page row, so it promotes nobody.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import ACTIVE_WORKSHOP_STATUSES, SessionKind, WorkshopChoiceStatus
from .locking import busy_as_domain_error, lock_capacity


def places_held(conference_pk) -> int:
    """Participants holding a conference place (confirmed or awaiting approval)."""
    from ..models import Registration

    if conference_pk is None:
        return 0
    return Registration.objects.filter(conference_id=conference_pk).holding().count()


def choices_by_session(session_pks, statuses) -> dict[int, int]:
    """How many workshop choices in the given statuses each session has."""
    from ..models import WorkshopChoice

    pks = [pk for pk in session_pks if pk is not None]
    if not pks:
        return {}
    rows = (
        WorkshopChoice.objects.filter(session_id__in=pks, status__in=statuses)
        .values("session_id")
        .annotate(count=Count("pk"))
    )
    return {row["session_id"]: row["count"] for row in rows}


def confirmed_by_session(session_pks) -> dict[int, int]:
    """Confirmed workshop places by session pk."""
    return choices_by_session(session_pks, [WorkshopChoiceStatus.CONFIRMED])


def active_by_session(session_pks) -> dict[int, int]:
    """Confirmed and waiting workshop choices by session pk."""
    return choices_by_session(session_pks, ACTIVE_WORKSHOP_STATUSES)


def capacity_error(capacity, held: int) -> str | None:
    """The message when a conference capacity is below the places held, else None."""
    if capacity is None or capacity >= held:
        return None
    return ngettext(
        "%(held)d participant already holds a place: the capacity cannot be lower "
        "than %(held)d. Cancel registrations first.",
        "%(held)d participants already hold a place: the capacity cannot be lower "
        "than %(held)d. Cancel registrations first.",
        held,
    ) % {"held": held}


def workshop_capacity_error(capacity, confirmed: int) -> str | None:
    """The message when a workshop capacity is below its confirmed places."""
    if capacity is None or capacity >= confirmed:
        return None
    return ngettext(
        "%(count)d participant already has a place in this workshop: its capacity "
        "cannot be lower than %(count)d.",
        "%(count)d participants already have a place in this workshop: its capacity "
        "cannot be lower than %(count)d.",
        confirmed,
    ) % {"count": confirmed}


def _check_under_lock(conference) -> None:
    """The same refusals as `ConferencePage.clean`, counted again under the lock,
    and, for a page going live, no workshop without a capacity unless confirmed."""
    errors = {}
    message = capacity_error(conference.capacity, places_held(conference.pk))
    if message:
        errors["capacity"] = [message]
    sessions = [s for s in conference.sessions.all() if s.pk and s.capacity]
    confirmed = confirmed_by_session([s.pk for s in sessions])
    for session in sessions:
        message = workshop_capacity_error(
            session.capacity, confirmed.get(session.pk, 0)
        )
        if message:
            errors.setdefault("__all__", []).append(
                _("Programme item “%(title)s”: %(error)s")
                % {"title": session.title, "error": message}
            )
    if conference.live:
        from .programme import unconfirmed_unlimited

        for problem in unconfirmed_unlimited(conference.sessions.all()):
            errors.setdefault("__all__", []).append(problem.describe())
    if errors:
        raise ValidationError(errors)


def save_conference(conference, save: Callable[[], None]) -> None:
    """Write an existing conference page with its capacity rules held.

    `save` writes the page (and its programme items). Runs inside one transaction
    holding the registration lock, so a registration can neither slip in between
    the check and the write nor pass someone waiting for a place the new capacity
    frees. Raises `ValidationError` (capacity below the places held) or
    `CapacityBusy` (the lock stayed taken).
    """
    from ..models import Session

    with busy_as_domain_error(), transaction.atomic():
        lock_capacity(conference.pk)
        _check_under_lock(conference)
        save()
        if not conference.live:
            return  # a page that is not published takes no registrations
        workshops = {
            w.pk: w
            for w in Session.objects.select_for_update()
            .filter(page_id=conference.pk, kind=SessionKind.WORKSHOP)
            .order_by("pk")
        }
        from .waitlist import promote_waiting

        promoted, promoted_choices = promote_waiting(conference, workshops)
        if promoted or promoted_choices:
            from razem.cache import invalidate_pages

            transaction.on_commit(invalidate_pages)
