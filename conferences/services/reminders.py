"""The reminder a week before a conference: sent once per participant."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..choices import RegistrationStatus
from . import notifications

REMINDER_DAYS = 7


def send_conference_reminders(today: datetime.date | None = None) -> int:
    """E-mail every participant holding a place whose conference starts within a
    week; mark them so a second run sends nothing. Returns how many were queued."""
    from ..models import Registration

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING),
                reminder_sent_at__isnull=True,
                conference__start_date__gt=today,
                conference__start_date__lte=horizon,
                conference__live=True,
            )
            .select_related("conference", "registered_by")
        )
        now = timezone.now()
        for registration in due:
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            notifications.reminder(registration.conference, registration)
    return len(due)
