"""E-mails about opinions, queued on the task queue after the transaction commits."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from members.choices import CentreStatus, Role
from members.models import Membership
from razem.mail import absolute_url, page_absolute_url, queue_email

from ..models import OpinionPage


def _deadline_text(opinion: OpinionPage, language: str = "pl") -> str:
    if opinion.signing_deadline is None:
        return ""
    with translation.override(language):
        local = timezone.localtime(opinion.signing_deadline)
        return formats.date_format(local, "j E Y, H:i")


def _opinion_context(opinion: OpinionPage) -> dict:
    return {
        "title": opinion.title,
        "subject": opinion.subject,
        "addressee": opinion.addressee,
        "deadline": _deadline_text(opinion),
        "url": page_absolute_url(opinion),
    }


def member_representatives():
    """Representatives of member centres in good standing, with their centre."""
    return (
        Membership.objects.filter(
            role=Role.REPRESENTATIVE,
            centre__status=CentreStatus.MEMBER,
            user__is_active=True,
        )
        .select_related("user", "centre")
        .order_by("centre__name", "user__email")
    )


def notify_opened(opinion: OpinionPage) -> int:
    """One e-mail per representative of a member centre: the opinion is open."""
    context = _opinion_context(opinion)
    count = 0
    for membership in member_representatives():
        queue_email(
            [membership.user.email],
            "consultations/email/opinion_opened",
            {**context, "centre": membership.centre.name},
        )
        count += 1
    return count


def notify_reminder(opinion: OpinionPage, centre, emails: list[str]) -> None:
    """Remind a centre's representatives that the deadline is close."""
    context = {**_opinion_context(opinion), "centre": centre.name}
    for email in emails:
        queue_email([email], "consultations/email/opinion_reminder", context)


def notify_closed(opinion: OpinionPage) -> None:
    """Tell the association's office that signing closed, with the co-signers."""
    from .letters import ordered_signatories

    with translation.override("pl"):  # the office reads Polish
        signatures = ordered_signatories(opinion)
    queue_email(
        [settings.RAZEM_STAFF_EMAIL],
        "consultations/email/signing_closed",
        {
            **_opinion_context(opinion),
            "count": len(signatures),
            "centres": [
                f"{s.centre.name} ({s.municipality_label}, "
                f"{s.centre.municipality.voivodeship})"
                for s in signatures
            ],
            "console_url": absolute_url(
                reverse("consultations_admin:opinion", args=[opinion.pk])
            ),
            "sha256": opinion.letter_sha256,
        },
    )
