"""Cancel a registration and promote the waiting list in order of arrival.

A freed place goes to the first person waiting, inside the same transaction that
freed it; the promoted person is e-mailed after commit.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from members.permissions import belongs_to_centre

from ..choices import HOLDING_STATUSES, RegistrationStatus, WorkshopChoiceStatus
from ..exceptions import NotAllowed, RegistrationRefused
from ..permissions import can_manage_registrations
from . import notifications
from .locking import busy_as_domain_error, lock_capacity


def promote_conference_waiting(conference) -> list:
    """Give free conference places to the first people waiting; return them."""
    free = conference.capacity - conference.registrations.holding().count()
    if free <= 0:
        return []
    promoted = list(conference.registrations.waiting()[:free])
    for registration in promoted:
        registration.status = (
            RegistrationStatus.CONFIRMED
            if registration.approved_at
            else RegistrationStatus.PENDING
        )
        registration.save(update_fields=["status", "updated_at"])
        log(instance=registration, action="conferences.promote", data={})
    return promoted


def promote_workshop_waiting(workshops: dict) -> list:
    """Give free workshop places to the first holders of a conference place waiting."""
    promoted = []
    for pk in sorted(workshops):
        workshop = workshops[pk]
        waiting = (
            workshop.choices.filter(
                status=WorkshopChoiceStatus.WAITING,
                registration__status__in=HOLDING_STATUSES,
            )
            .select_related("registration", "session")
            .order_by("queued_at", "pk")
        )
        if workshop.capacity is not None:
            taken = workshop.choices.filter(
                status=WorkshopChoiceStatus.CONFIRMED
            ).count()
            free = workshop.capacity - taken
            if free <= 0:
                continue
            waiting = waiting[:free]
        for choice in waiting:
            choice.status = WorkshopChoiceStatus.CONFIRMED
            choice.save(update_fields=["status"])
            promoted.append(choice)
    return promoted


def promote_waiting(conference, workshops: dict) -> tuple[list, list]:
    """Fill free conference places, then free workshop places; queue the e-mails.

    Must run under `lock_capacity`. People promoted to the conference are offered
    their workshops in the same pass.
    """
    promoted = promote_conference_waiting(conference)
    promoted_choices = promote_workshop_waiting(workshops)
    promoted_ids = {r.pk for r in promoted}
    for registration in promoted:
        notifications.promoted(conference, registration)
    for choice in promoted_choices:
        if choice.registration_id not in promoted_ids:
            notifications.workshop_promoted(conference, choice)
    return promoted, promoted_choices


def may_cancel(user, registration, now=None) -> bool:
    """Staff may cancel any time; the centre only its own, until the deadline.

    A waiting-list entry holds no place and owes nothing: the centre may withdraw
    it at any time, also after the deadline.
    """
    if can_manage_registrations(user):
        return True
    if not belongs_to_centre(user, registration.centre):
        return False
    if registration.status == RegistrationStatus.WAITING:
        return True
    deadline = registration.conference.cancel_until
    now = now or timezone.now()
    if deadline is None:
        return now.date() < registration.conference.start_date
    return now <= deadline


def _check_may_cancel(user, registration) -> None:
    if may_cancel(user, registration):
        return
    if belongs_to_centre(user, registration.centre):
        raise NotAllowed(
            _("The deadline for cancelling has passed. Please contact the office.")
        )
    raise NotAllowed(_("You cannot cancel this registration."))


def cancel_deadline(conference):
    """The moment a centre's own cancellation ends: the deadline the office set
    (or the close of registration), else the start of the first day."""
    if conference.cancel_until:
        return conference.cancel_until
    return timezone.make_aware(
        datetime.datetime.combine(conference.start_date, datetime.time.min)
    )


def deadline_moved_earlier(registration, conference=None):
    """The new cancellation deadline when the office moved it earlier after the
    person was registered and it binds them (a place held, conference not over);
    else None. A waiting entry is withdrawable at any time: never warned."""
    conference = conference or registration.conference
    registered = registration.cancel_until_when_registered
    if (
        registered is None
        or not registration.holds_place
        or conference.end_date < timezone.localdate()
    ):
        return None
    deadline = cancel_deadline(conference)
    return deadline if deadline < registered else None


def cancel_registration(registration, user, *, reason: str = "") -> tuple[list, list]:
    """Cancel one participant and promote the waiting list; return who was promoted.

    The centre may cancel its own participants until the cancellation deadline
    (a waiting-list entry at any time); staff may cancel any time (also to reject an unconfirmed non-member).
    """
    from ..models import Registration

    _check_may_cancel(user, registration)
    with busy_as_domain_error(), transaction.atomic():
        conference, workshops = lock_capacity(registration.conference_id)
        registration = Registration.objects.select_related("centre", "conference").get(
            pk=registration.pk
        )
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationRefused(_("This registration is already cancelled."))
        # Again under the lock: a waiting entry promoted meanwhile holds a place
        # now, and the deadline binds it.
        _check_may_cancel(user, registration)
        # Staff may cancel a participant already present: the check-in time is
        # kept beside the reason as the record of it. A centre asks the office.
        if registration.checked_in_at is not None and not can_manage_registrations(
            user
        ):
            raise RegistrationRefused(
                _(
                    "This participant has been checked in at the door: please "
                    "contact the office."
                )
            )
        now = timezone.now()
        previous = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = user
        registration.cancel_reason = reason
        registration.save(
            update_fields=[
                "status",
                "cancelled_at",
                "cancelled_by",
                "cancel_reason",
                "updated_at",
            ]
        )
        registration.workshop_choices.exclude(
            status=WorkshopChoiceStatus.CANCELLED
        ).update(status=WorkshopChoiceStatus.CANCELLED)
        log(
            instance=registration,
            action="conferences.cancel",
            user=user,
            data={
                "reason": reason,
                "previous_status": previous,
                "checked_in_at": (
                    registration.checked_in_at.isoformat()
                    if registration.checked_in_at
                    else None
                ),
            },
        )
        notifications.cancelled(conference, registration, reason=reason)
        promoted = promote_waiting(conference, workshops)
        from razem.cache import invalidate_pages

        transaction.on_commit(invalidate_pages)
    return promoted


def cancel_workshop_choice(choice, user, *, reason: str) -> list:
    """Staff take one workshop place (or waiting slot) from a participant.

    The participant keeps the conference place; the workshop's next in line gets
    the freed place. Refuses a choice already cancelled (a second submit of the
    same form changes nothing). Returns the promoted choices.
    """
    from ..models import WorkshopChoice

    if not can_manage_registrations(user):
        raise NotAllowed(_("Only the association's staff may do this."))
    with busy_as_domain_error(), transaction.atomic():
        conference, workshops = lock_capacity(choice.registration.conference_id)
        choice = WorkshopChoice.objects.select_related(
            "registration__registered_by", "session"
        ).get(pk=choice.pk)
        if choice.status == WorkshopChoiceStatus.CANCELLED:
            raise RegistrationRefused(_("This workshop choice is already cancelled."))
        previous = choice.status
        choice.status = WorkshopChoiceStatus.CANCELLED
        choice.save(update_fields=["status"])
        log(
            instance=choice.registration,
            action="conferences.cancel_workshop",
            user=user,
            data={
                "reason": reason,
                "workshop": choice.session.title,
                "previous_status": previous,
            },
        )
        notifications.workshop_cancelled(conference, choice, reason=reason)
        promoted = promote_workshop_waiting(workshops)
        for promoted_choice in promoted:
            notifications.workshop_promoted(conference, promoted_choice)
        from razem.cache import invalidate_pages

        transaction.on_commit(invalidate_pages)
    return promoted
