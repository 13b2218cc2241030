"""The deadline reminder: once per centre and opinion, two days before the deadline."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from members.choices import CentreStatus
from members.models import Centre

from ..models import OpinionPage, Reminder, Signature
from . import notifications
from .locking import lock_opinion

REMINDER_BEFORE = datetime.timedelta(days=2)


def _centres_to_remind(opinion: OpinionPage):
    signed = Signature.objects.active().filter(opinion=opinion).values("centre_id")
    reminded = Reminder.objects.filter(opinion=opinion).values("centre_id")
    return (
        Centre.objects.filter(status=CentreStatus.MEMBER)
        .exclude(pk__in=signed)
        .exclude(pk__in=reminded)
        .order_by("pk")
    )


def _remind_opinion(opinion_id: int) -> int:
    """Record and queue the reminders of one opinion; returns how many centres."""
    sent = 0
    with transaction.atomic():
        opinion = lock_opinion(opinion_id)
        representatives = {}
        for membership in notifications.member_representatives():
            representatives.setdefault(membership.centre_id, []).append(
                membership.user.email
            )
        for centre in _centres_to_remind(opinion):
            emails = representatives.get(centre.pk, [])
            if not emails:
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        opinion=opinion, centre=centre, recipients=", ".join(emails)
                    )
            except IntegrityError:
                continue  # another run recorded it first
            notifications.notify_reminder(opinion, centre, emails)
            sent += 1
    return sent


def send_opinion_reminders(now: datetime.datetime | None = None) -> int:
    """Remind centres that have not signed opinions closing within two days.

    Idempotent: a centre gets one reminder per opinion, recorded in `Reminder`.
    Returns the number of centres reminded.
    """
    now = now or timezone.now()
    due = OpinionPage.objects.open_for_signing(now).filter(
        signing_deadline__lte=now + REMINDER_BEFORE
    )
    return sum(_remind_opinion(pk) for pk in due.values_list("pk", flat=True))
