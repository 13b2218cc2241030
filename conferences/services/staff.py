"""Staff actions on participants: approve non-members, check in at the door."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..choices import RegistrationStatus
from ..exceptions import NotAllowed, RegistrationRefused
from ..permissions import can_manage_registrations
from . import notifications
from .locking import busy_as_domain_error, lock_capacity


def _moment(value) -> str:
    """A moment in local time, the Polish way (7.12.2026, 14:05)."""
    return formats.date_format(timezone.localtime(value), "j.m.Y, H:i")


def _require_staff(user) -> None:
    if not can_manage_registrations(user):
        raise NotAllowed(_("Only the association's staff may do this."))


def approve_registration(registration, user):
    """Confirm a participant of a non-member centre (their place, if held, is kept).

    A waiting participant stays waiting but will be confirmed when promoted.
    Refuses, with a message saying when, a registration cancelled or already
    confirmed (a second click or a stale tab changes nothing).
    """
    from ..models import Registration

    _require_staff(user)
    with busy_as_domain_error(), transaction.atomic():
        conference, _workshops = lock_capacity(registration.conference_id)
        registration = Registration.objects.select_related("approved_by").get(
            pk=registration.pk
        )
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationRefused(
                _(
                    "The registration of %(name)s was cancelled on %(date)s: it "
                    "cannot be confirmed any more."
                )
                % {
                    "name": registration.full_name,
                    "date": _moment(registration.cancelled_at),
                }
            )
        if registration.approved_at:
            raise RegistrationRefused(
                _("%(name)s was already confirmed on %(date)s; nothing has changed.")
                % {
                    "name": registration.full_name,
                    "date": _moment(registration.approved_at),
                }
            )
        registration.approved_at = timezone.now()
        registration.approved_by = user
        if registration.status == RegistrationStatus.PENDING:
            registration.status = RegistrationStatus.CONFIRMED
        registration.save(
            update_fields=["approved_at", "approved_by", "status", "updated_at"]
        )
        log(instance=registration, action="conferences.approve", user=user, data={})
        notifications.approved(conference, registration)
        from razem.cache import invalidate_pages

        transaction.on_commit(invalidate_pages)  # occupancy shows pending places
    return registration


def is_conference_day(conference, now=None) -> bool:
    """True on the conference's days, by the calendar in Europe/Warsaw."""
    today = timezone.localdate(now)
    return conference.start_date <= today <= conference.end_date


def has_begun(conference, now=None) -> bool:
    """True from the conference's first day on (Europe/Warsaw): attendance can be
    recorded at the door, and after the conference corrected from the signed list
    in both directions, so an undo made by mistake can always be put right."""
    return timezone.localdate(now) >= conference.start_date


def attendance_note(conference) -> str:
    """What the door page says outside the conference's days ("" on them)."""
    if is_conference_day(conference):
        return ""
    if not has_begun(conference):
        return (
            check_in_refusal(conference)
            + " "
            + str(_("A check-in made by mistake can still be undone."))
        )
    return str(
        _(
            "The conference has ended: you are correcting its attendance record "
            "(for example from the signed list). Marking present and undoing are "
            "both still possible."
        )
    )


def check_in_refusal(conference) -> str:
    """Why a participant cannot be marked present today."""
    return _(
        "Participants can be marked present from the conference's first day "
        "(%(start)s – %(end)s). Today is %(today)s."
    ) % {
        "start": formats.date_format(conference.start_date, "d.m.Y"),
        "end": formats.date_format(conference.end_date, "d.m.Y"),
        "today": formats.date_format(timezone.localdate(), "d.m.Y"),
    }


def check_in(registration, user, *, present: bool = True):
    """Mark a confirmed participant present at the door (or undo it); idempotent.

    Marking present from the conference's first day on (Europe/Warsaw), never
    before it: at the door, and after the conference as a correction of the record
    (from the signed list), so that an undo made by mistake can be put right;
    undoing is allowed at any time.
    """
    from ..models import Registration

    _require_staff(user)
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=registration.pk)
        )
        if registration.status != RegistrationStatus.CONFIRMED:
            raise RegistrationRefused(
                _("Only participants with a confirmed place can be checked in.")
            )
        if (
            present
            and registration.checked_in_at is None
            and not has_begun(registration.conference)
        ):
            raise RegistrationRefused(check_in_refusal(registration.conference))
        if present and registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
        elif not present:
            registration.checked_in_at = None
        else:
            return registration
        registration.save(update_fields=["checked_in_at", "updated_at"])
        log(
            instance=registration,
            action="conferences.check_in" if present else "conferences.check_out",
            user=user,
            data={},
        )
    return registration
