"""E-mails to centres and participants, queued on the task queue after commit.

Every function takes model instances, builds a JSON-serialisable context and calls
`razem.mail.queue_email`, which waits for the surrounding transaction to commit.
"""

from django.urls import reverse
from django.utils import formats, timezone

from razem.mail import absolute_url, page_absolute_url, queue_email
from razem.retention import ANONYMOUS_DOMAIN

from ..choices import RegistrationStatus
from .calendar import conference_ics, ics_filename

ICS_MIMETYPE = "text/calendar"


def _money(amount) -> str:
    """An amount in złoty written the local way (600,00)."""
    return formats.number_format(amount, 2, use_l10n=True)


def conference_context(conference) -> dict:
    """What every conference e-mail says about the conference."""
    if conference.start_date == conference.end_date:
        dates = formats.date_format(conference.start_date, "j E Y")
    else:
        dates = "{} – {}".format(
            formats.date_format(conference.start_date, "j E"),
            formats.date_format(conference.end_date, "j E Y"),
        )
    deadline = conference.cancel_until
    return {
        "title": conference.title,
        "motto": conference.motto,
        "dates": dates,
        "venue": ", ".join(
            p
            for p in (
                conference.venue_name,
                conference.venue_address,
                conference.venue_city,
            )
            if p
        ),
        "url": page_absolute_url(conference),
        "cancel_until": (
            formats.date_format(timezone.localtime(deadline), "j E Y, H:i")
            if deadline
            else ""
        ),
        "centre_url": absolute_url(reverse("conferences:centre_registrations")),
        # After the last day nothing is "owed now": the wording says what is due.
        "is_past": conference.is_past,
    }


def participant_context(registration) -> dict:
    """What an e-mail says about one participant."""
    choices = getattr(registration, "chosen_workshops", None)
    if choices is None:
        choices = registration.workshop_choices.select_related("session")
    return {
        "name": registration.full_name,
        "email": participant_address(registration) or "",
        "status": str(registration.get_status_display()),
        "status_code": registration.status,
        # Only a confirmed place is paid for; a waiting or unconfirmed one says
        # what it will cost once confirmed.
        "fee": _money(registration.fee_owed),
        "has_fee": bool(registration.fee_owed),
        "fee_if_confirmed": _money(registration.fee_if_confirmed),
        "has_fee_if_confirmed": bool(registration.fee_if_confirmed),
        "workshops": [
            {"title": c.session.title, "status": str(c.get_status_display())}
            for c in choices
            if c.status != "cancelled"
        ],
    }


def gets_calendar(registration) -> bool:
    """Only a confirmed place goes into a calendar: a place awaiting the office's
    confirmation or a waiting-list entry may still come to nothing."""
    return registration.status == RegistrationStatus.CONFIRMED


def _ics(registration) -> tuple[str, bytes, str]:
    return (
        ics_filename(registration),
        conference_ics(registration.conference, registration),
        ICS_MIMETYPE,
    )


def _deliverable(address: str | None) -> bool:
    """An address somebody reads: not empty, not an anonymised placeholder."""
    return bool(address) and not address.lower().endswith("@" + ANONYMOUS_DOMAIN)


def participant_address(registration) -> str | None:
    """The participant's address, unless their data was anonymised."""
    if registration.anonymised_at is not None:
        return None
    return registration.email if _deliverable(registration.email) else None


def active_address(user) -> str | None:
    """A user's address while the account is active (not deactivated, deleted
    or anonymised)."""
    if user is None or not user.is_active or not _deliverable(user.email):
        return None
    return user.email


def centre_representatives(centre) -> list[str]:
    """The addresses of the centre's active representatives."""
    from members.choices import Role
    from members.models import Membership

    emails = (
        Membership.objects.filter(
            centre=centre, role=Role.REPRESENTATIVE, user__is_active=True
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    return [email for email in emails if _deliverable(email)]


def centre_addresses(registration, *, fallback: bool) -> list[str]:
    """Who hears for the centre: the person who registered while their account is
    active; else, when the message matters (`fallback`), the centre's
    representatives."""
    registrant = active_address(registration.registered_by)
    if registrant:
        return [registrant]
    return centre_representatives(registration.centre) if fallback else []


def _recipients(registration, *, fallback: bool = True) -> list[str]:
    """The participant (unless anonymised) and the centre (see `centre_addresses`);
    never an anonymised or inactive address."""
    recipients = []
    for address in [
        participant_address(registration),
        *centre_addresses(registration, fallback=fallback),
    ]:
        if address and address.lower() not in {r.lower() for r in recipients}:
            recipients.append(address)
    return recipients


def registration_received(conference, registrations: list, registrant) -> None:
    """One confirmation to the registering person (or, when that account is
    closed or gone, the centre's representatives) with an .ics per participant
    with a confirmed place, and a waiting-list notice to each participant waiting."""
    registrant_address = active_address(registrant)
    context = {
        "conference": conference_context(conference),
        "participants": [participant_context(r) for r in registrations],
        "total_fee": _money(sum(r.fee_owed for r in registrations)),
        "fee_if_confirmed": _money(sum(r.fee_if_confirmed for r in registrations)),
        "has_fee_if_confirmed": any(r.fee_if_confirmed for r in registrations),
        # A closed account is not named (its name and address are gone).
        "registrant": (
            (registrant.get_full_name() or registrant.email)
            if registrant_address
            else ""
        ),
    }
    attachments = [_ics(r) for r in registrations if gets_calendar(r)]
    context["ics_attached"] = len(attachments)
    context["any_waiting"] = any(
        r.status == RegistrationStatus.WAITING for r in registrations
    )
    context["any_pending"] = any(
        r.status == RegistrationStatus.PENDING for r in registrations
    )
    # Built by the worker: the account may have been closed meanwhile, then the
    # centre's representatives get the confirmation.
    recipients = (
        [registrant_address]
        if registrant_address
        else centre_representatives(registrations[0].centre)
    )
    if recipients:
        queue_email(
            recipients,
            "conferences/email/registration_received",
            context,
            attachments=attachments,
        )
    for registration in registrations:
        if registration.status == "waiting":
            waiting_list(conference, registration)


def _single(
    conference,
    registration,
    prefix: str,
    *,
    ics: bool = False,
    extra=None,
    fallback: bool = True,
) -> None:
    recipients = _recipients(registration, fallback=fallback)
    if not recipients:
        return
    # The e-mail says "the .ics is attached" only when it is.
    attach = ics and gets_calendar(registration)
    context = {
        "conference": conference_context(conference),
        "participant": participant_context(registration),
        "ics_attached": attach,
        **(extra or {}),
    }
    queue_email(
        recipients,
        f"conferences/email/{prefix}",
        context,
        attachments=[_ics(registration)] if attach else None,
    )


def waiting_list(conference, registration) -> None:
    """Tell a participant they are on the waiting list (the registering person
    hears in the confirmation: no representative copy)."""
    _single(conference, registration, "waiting_list", fallback=False)


def promoted(conference, registration) -> None:
    """Tell a participant a place has freed up for them (with the .ics once the
    place is confirmed; a non-member's still awaits the office)."""
    _single(conference, registration, "promoted", ics=True)


def workshop_promoted(conference, choice) -> None:
    """Tell the participant and the centre (like a conference promotion: the
    person who registered, or the representatives when that account is closed)
    that the participant now has a place in a workshop."""
    registration = choice.registration
    recipients = _recipients(registration)
    if not recipients:
        return
    context = {
        "conference": conference_context(conference),
        "participant": participant_context(registration),
        "workshop": choice.session.title,
    }
    queue_email(recipients, "conferences/email/workshop_promoted", context)


def cancelled(conference, registration, *, reason: str = "") -> None:
    """Confirm a cancellation to the participant and the centre (with the office's
    reason when staff cancelled)."""
    _single(conference, registration, "cancelled", extra={"reason": reason})


def workshop_cancelled(conference, choice, *, reason: str) -> None:
    """Tell the participant and the centre that the office took a workshop place."""
    recipients = _recipients(choice.registration)
    if not recipients:
        return
    context = {
        "conference": conference_context(conference),
        "participant": participant_context(choice.registration),
        "workshop": choice.session.title,
        "reason": reason,
    }
    queue_email(recipients, "conferences/email/workshop_cancelled", context)


def approved(conference, registration) -> None:
    """Tell a non-member participant that staff confirmed them."""
    _single(conference, registration, "approved", ics=True)


def reminder(conference, registration) -> None:
    """Remind a participant a week before the conference (and the person who
    registered them; no representative copy: a reminder changes nothing)."""
    _single(conference, registration, "reminder", ics=True, fallback=False)
