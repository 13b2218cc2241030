"""What the conferences app holds about a person, for their RODO export.

Registered through the `razem_personal_data_sources` hook in `wagtail_hooks.py`.
A person's conference data is every registration they submitted (`registered_by`)
and every registration in which they are the participant (matched by their login
or verified e-mail addresses, case-insensitively, after Unicode normalisation),
each with its workshop choices. The dietary or accessibility needs of another
person (someone the registrant registered) are not theirs to take and are left
out. Values are JSON-ready: ISO dates, translated labels beside codes.
"""

import unicodedata

from django.db.models import Q

from razem.privacy import PersonalDataSource, iso


def _iso(moment) -> str | None:
    return iso(moment)


def _fold(address: str) -> str:
    return unicodedata.normalize("NFKC", (address or "").strip()).casefold()


def person_addresses(user) -> set[str]:
    """The person's login address and verified addresses, folded."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return {_fold(a) for a in (user.email, *verified) if a}


def _workshops(registration) -> list[dict]:
    return [
        {
            "workshop": choice.session.title,
            "date": choice.session.date.isoformat(),
            "status": choice.status,
            "status_label": str(choice.get_status_display()),
            "queued_at": _iso(choice.queued_at),
        }
        for choice in registration.workshop_choices.all()
    ]


def _row(registration, *, participant: bool) -> dict:
    roles = []
    if participant:
        roles.append("participant")
    if registration.registered_by_id == registration.exporting_user_id:
        roles.append("registered_by")
    row = {
        "roles": roles,
        "conference": registration.conference.title,
        "conference_dates": [
            registration.conference.start_date.isoformat(),
            registration.conference.end_date.isoformat(),
        ],
        "centre": registration.centre.name,
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "email": registration.email,
        "position": registration.position,
        "meals": registration.meals,
        "accommodation_nights": registration.accommodation_nights,
        "remarks": registration.remarks,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "fee": str(registration.fee),
        "fee_owed": str(registration.fee_owed),
        "queued_at": _iso(registration.queued_at),
        "approved_at": _iso(registration.approved_at),
        "cancelled_at": _iso(registration.cancelled_at),
        "checked_in_at": _iso(registration.checked_in_at),
        "created_at": _iso(registration.created_at),
        "anonymised_at": _iso(registration.anonymised_at),
        "workshops": _workshops(registration),
    }
    if participant:
        row["special_needs"] = registration.special_needs
        row["special_needs_consent"] = registration.special_needs_consent
    return row


def registrations_of(user) -> list[dict]:
    """The registrations the person submitted or takes part in, oldest first."""
    from .models import Registration

    addresses = person_addresses(user)
    rows = (
        Registration.objects.filter(Q(registered_by=user) | Q(email__in=addresses))
        .select_related("conference", "centre")
        .prefetch_related("workshop_choices__session")
        .order_by("created_at", "pk")
    )
    result = []
    for registration in rows:
        registration.exporting_user_id = user.pk
        participant = _fold(registration.email) in addresses
        result.append(_row(registration, participant=participant))
    return result


def personal_data_sources() -> list[PersonalDataSource]:
    """The conferences app's models with personal data, exported or exempt."""
    return [
        PersonalDataSource(
            model="conferences.Registration",
            key="conference_registrations",
            export=registrations_of,
        ),
        PersonalDataSource(
            model="conferences.WorkshopChoice",
            exempt=(
                "A participant's workshop choices are exported inside each of "
                "their conference registrations (conference_registrations)."
            ),
        ),
        PersonalDataSource(
            model="conferences.Speaker",
            exempt=(
                "Speakers are published programme content (name, title, "
                "affiliation, biography) entered by staff, not linked to any "
                "account; kept with the conference's public record."
            ),
        ),
    ]
