"""PDF documents: name badges and attendance certificates ("zaświadczenie o udziale").

Rendered from templates with `razem.pdf.html_to_pdf` (WeasyPrint, DejaVu Sans, so
Polish letters come out right).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.pdf import html_to_pdf

from ..choices import RegistrationStatus, SessionKind, WorkshopChoiceStatus
from ..exceptions import NotAllowed

BADGES_PER_SHEET = 8


def association_settings():
    """The association's settings of the default site (defaults when none saved)."""
    from wagtail.models import Site

    from razem.models import AssociationSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return AssociationSettings()
    return AssociationSettings.for_site(site)


@dataclass
class Attendance:
    """The sessions a participant attended and their training hours."""

    sessions: list
    minutes: int

    @property
    def hours(self) -> float:
        """Clock hours, to a tenth."""
        return round(self.minutes / 60, 1)

    @property
    def hours_display(self) -> str:
        """Hours written the Polish way (comma, no trailing zero)."""
        text = f"{self.hours:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")


def attendance(registration, sessions=None) -> Attendance:
    """The training sessions of a present participant: every lecture and debate,
    plus the workshops where they had a place. Breaks do not count."""
    if sessions is None:
        sessions = registration.conference.programme_sessions
    workshops = {
        choice.session_id
        for choice in registration.workshop_choices.all()
        if choice.status == WorkshopChoiceStatus.CONFIRMED
    }
    attended = [
        s
        for s in sessions
        if s.kind in (SessionKind.LECTURE, SessionKind.DEBATE) or s.pk in workshops
    ]
    return Attendance(sessions=attended, minutes=sum(s.minutes for s in attended))


def may_have_certificate(registration) -> bool:
    """A certificate exists for a participant present at a conference that is over."""
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.checked_in_at is not None
        and registration.conference.end_date < timezone.localdate()
    )


def certificates_pdf(conference, registrations) -> bytes:
    """One PDF with a certificate per page for the given participants."""
    registrations = list(registrations)
    for registration in registrations:
        if not may_have_certificate(registration):
            raise NotAllowed(
                _(
                    "A certificate is issued only to participants present at the conference, after it ends."
                )
            )
    sessions = conference.programme_sessions
    items = [
        {"registration": r, "attendance": attendance(r, sessions)}
        for r in registrations
    ]
    html = render_to_string(
        "conferences/pdf/certificates.html",
        {
            "conference": conference,
            "items": items,
            "settings": association_settings(),
            "issued_on": timezone.localdate(),
        },
    )
    return html_to_pdf(html)


def badges_pdf(conference, registrations) -> bytes:
    """Name badges, eight per A4 sheet, for the given participants."""
    registrations = list(registrations)
    sheets = [
        registrations[i : i + BADGES_PER_SHEET]
        for i in range(0, len(registrations), BADGES_PER_SHEET)
    ]
    html = render_to_string(
        "conferences/pdf/badges.html",
        {
            "conference": conference,
            "sheets": sheets,
            "settings": association_settings(),
        },
    )
    return html_to_pdf(html)
