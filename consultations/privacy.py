"""What the consultations app holds about a person, for their RODO export.

Registered through the `razem_personal_data_sources` hook in `wagtail_hooks.py`.
Every value is JSON-ready: ISO dates, labels beside codes.
"""

from razem.privacy import PersonalDataSource, iso

from .choices import OpinionState
from .models import Comment, Erratum, OpinionEvent, Reminder, Signature


def _iso(moment) -> str | None:
    return iso(moment)


def _opinion(opinion) -> dict:
    return {"id": opinion.pk, "title": opinion.title}


def comments_of(user) -> list[dict]:
    """The comments the person wrote, hidden ones with the moderator's reason."""
    rows = Comment.objects.filter(author=user).select_related("opinion", "centre")
    return [
        {
            "opinion": _opinion(c.opinion),
            "centre": c.centre.name if c.centre else None,
            "created_at": _iso(c.created_at),
            "body_html": c.body,
            "hidden_at": _iso(c.hidden_at),
            "hidden_reason": c.hidden_reason,
        }
        for c in rows.order_by("created_at", "pk")
    ]


def moderation_by(user) -> list[dict]:
    """The comments the person hid as a moderator, with their reasons."""
    rows = Comment.objects.filter(hidden_by=user).select_related("opinion")
    return [
        {
            "opinion": _opinion(c.opinion),
            "comment_id": c.pk,
            "hidden_at": _iso(c.hidden_at),
            "reason": c.hidden_reason,
        }
        for c in rows.order_by("hidden_at", "pk")
    ]


def cosignatures_by(user) -> list[dict]:
    """Co-signatures the person gave or withdrew on behalf of their centre."""
    from django.db.models import Q

    rows = Signature.objects.filter(Q(signed_by=user) | Q(withdrawn_by=user))
    return [
        {
            "opinion": _opinion(s.opinion),
            "centre": s.centre.name,
            "signed_at": _iso(s.signed_at),
            "signed_by_you": s.signed_by_id == user.pk,
            "withdrawn_at": _iso(s.withdrawn_at),
            "withdrawn_by_you": s.withdrawn_by_id == user.pk,
        }
        for s in rows.select_related("opinion", "centre").order_by("signed_at", "pk")
    ]


def reminders_to(user) -> list[dict]:
    """Deadline reminders that went to the person's address."""
    rows = Reminder.objects.filter(recipients__icontains=user.email)
    return [
        {
            "opinion": _opinion(r.opinion),
            "centre": r.centre.name,
            "sent_at": _iso(r.sent_at),
        }
        for r in rows.select_related("opinion", "centre").order_by("sent_at", "pk")
        if user.email.lower() in [e.strip().lower() for e in r.recipients.split(",")]
    ]


def events_by(user) -> list[dict]:
    """The opinion state changes the person made as staff."""
    rows = OpinionEvent.objects.filter(user=user).select_related("opinion")
    return [
        {
            "opinion": _opinion(e.opinion),
            "from_state": e.from_state,
            "from_state_label": str(OpinionState(e.from_state).label),
            "to_state": e.to_state,
            "to_state_label": str(OpinionState(e.to_state).label),
            "at": _iso(e.created_at),
            "note": e.note,
        }
        for e in rows.order_by("created_at", "pk")
    ]


def errata_by(user) -> list[dict]:
    """The errata the person added as staff."""
    rows = Erratum.objects.filter(created_by=user).select_related("opinion")
    return [
        {
            "opinion": _opinion(e.opinion),
            "dated": e.dated.isoformat(),
            "created_at": _iso(e.created_at),
            "body": e.body,
        }
        for e in rows.order_by("created_at", "pk")
    ]


def personal_data_sources() -> list[PersonalDataSource]:
    """The consultations app's sources for the person's export."""
    return [
        PersonalDataSource(
            model="consultations.Comment", key="opinion_comments", export=comments_of
        ),
        PersonalDataSource(
            model="consultations.Comment",
            key="opinion_comments_moderated",
            export=moderation_by,
        ),
        PersonalDataSource(
            model="consultations.Signature",
            key="opinion_cosignatures",
            export=cosignatures_by,
        ),
        PersonalDataSource(
            model="consultations.Reminder",
            key="opinion_reminders",
            export=reminders_to,
        ),
        PersonalDataSource(
            model="consultations.OpinionEvent",
            key="opinion_state_changes",
            export=events_by,
        ),
        PersonalDataSource(
            model="consultations.Erratum", key="opinion_errata", export=errata_by
        ),
        PersonalDataSource(
            model="consultations.OpinionPage",
            exempt=(
                "The association's own published text (body, addressee, the reply "
                "summary); it names no member, and who changed it is in the audit log."
            ),
        ),
    ]
