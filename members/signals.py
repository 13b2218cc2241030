"""Signal handlers of the members app: the cached directory, two-factor setup."""

from allauth.mfa.signals import authenticator_added
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from razem.cache import invalidate_pages

from .middleware import clear_session_mark
from .models import Centre


@receiver(post_save, sender=Centre, dispatch_uid="members_centre_saved")
@receiver(post_delete, sender=Centre, dispatch_uid="members_centre_deleted")
def centre_changed(sender, instance, **kwargs):
    """A centre's status, name or address may show in the directory: drop the cache."""
    transaction.on_commit(invalidate_pages)


@receiver(authenticator_added, dispatch_uid="members_authenticator_added")
def two_factor_added(sender, request, **kwargs):
    """TOTP activated: the session's "set up two-factor first" mark goes."""
    clear_session_mark(request)
