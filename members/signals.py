"""Keep the cached public directory fresh when centres change (also in the admin)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from razem.cache import invalidate_pages

from .models import Centre


@receiver(post_save, sender=Centre, dispatch_uid="members_centre_saved")
@receiver(post_delete, sender=Centre, dispatch_uid="members_centre_deleted")
def centre_changed(sender, instance, **kwargs):
    """A centre's status, name or address may show in the directory: drop the cache."""
    transaction.on_commit(invalidate_pages)
