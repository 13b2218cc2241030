"""Retention of membership applications (RODO).

Once an application has been decided (accepted or rejected) and
`RAZEM_APPLICATION_RETENTION_DAYS` have passed, the representative's personal data on it
(name, e-mail, phone, position, message) is replaced; the centre's public data, the
decision and its reason stay for the association's records. An accepted centre keeps
its own contacts in `Centre`; people keep theirs in their accounts.

Invitations (an e-mail address and a name) are deleted `INVITATION_KEPT_DAYS` after
they were used, withdrawn or expired.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from razem.retention import anonymous_email, numbered

from ..choices import ApplicationStatus
from ..models import Application, Invitation

INVITATION_KEPT_DAYS = 90


def anonymise_decided_applications(now: datetime.datetime | None = None) -> int:
    """Anonymise the representatives of applications decided before the cutoff."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RAZEM_APPLICATION_RETENTION_DAYS)
    return Application.objects.filter(
        status__in=[ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED],
        decided_at__lt=cutoff,
        anonymised_at__isnull=True,
    ).update(
        first_name="Wnioskodawca",
        last_name=numbered("#"),
        email=anonymous_email(),
        phone="",
        position="",
        message="",
        anonymised_at=now,
    )


def delete_stale_invitations(now: datetime.datetime | None = None) -> int:
    """Delete invitations used, withdrawn or expired more than 90 days ago."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=INVITATION_KEPT_DAYS)
    stale = (
        Invitation.objects.filter(expires_at__lt=cutoff)
        | Invitation.objects.filter(used_at__lt=cutoff)
        | Invitation.objects.filter(closed_at__lt=cutoff)
    )
    deleted, _details = stale.delete()
    return deleted
