"""Personal data of participants is kept only as long as needed (RODO).

Dietary and accessibility needs (special-category data, asked only with explicit
consent) are erased once the conference is over (`RAZEM_SPECIAL_NEEDS_KEPT_DAYS` after
its last day, default 0: the next daily run); names and e-mail addresses after
`RAZEM_PARTICIPANT_RETENTION_DAYS`. The daily `retention` job
(`razem.scheduling`) runs both.
Counts, statuses, fees and attendance stay for the association's records.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from razem.retention import anonymous_email, numbered


def erase_special_needs(today: datetime.date | None = None) -> int:
    """Clear dietary/accessibility needs of conferences that are over."""
    from ..models import Registration

    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.RAZEM_SPECIAL_NEEDS_KEPT_DAYS)
    return (
        Registration.objects.filter(conference__end_date__lt=cutoff)
        .exclude(special_needs="", special_needs_consent=False)
        .update(special_needs="", special_needs_consent=False)
    )


def anonymise_participants(today: datetime.date | None = None) -> int:
    """Replace names and contacts of participants past the retention period."""
    from ..models import Registration

    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.RAZEM_PARTICIPANT_RETENTION_DAYS)
    with transaction.atomic():
        return Registration.objects.filter(
            conference__end_date__lt=cutoff, anonymised_at__isnull=True
        ).update(
            first_name="Uczestnik",
            last_name=numbered("#"),
            email=anonymous_email(),
            position="",
            remarks="",
            special_needs="",
            special_needs_consent=False,
            anonymised_at=timezone.now(),
        )
