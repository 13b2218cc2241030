"""Small helpers the members services share: absolute links and audit-log writes."""

from django.db import transaction
from wagtail.log_actions import log

from razem.cache import invalidate_pages
from razem.mail import absolute_url

__all__ = ["absolute_url", "audit"]


def audit(instance, action: str, user=None, **data) -> None:
    """Write one entry to Wagtail's audit log (a ModelLogEntry for plain models)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    log(instance=instance, action=action, user=user, data=data)


def invalidate_public_pages() -> None:
    """Drop cached anonymous pages (the directory) once the transaction commits."""
    transaction.on_commit(invalidate_pages)
