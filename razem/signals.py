"""Signal receivers that keep the anonymous page cache and the search index honest."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from .cache import invalidate_pages
from .search import indexing


def _invalidate_after_commit(**kwargs):
    transaction.on_commit(invalidate_pages)


for _signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
    _signal.connect(_invalidate_after_commit, dispatch_uid=f"razem-cache-{id(_signal)}")


@receiver(post_delete, dispatch_uid="razem-cache-page-delete")
def _invalidate_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        transaction.on_commit(invalidate_pages)


@receiver(post_save, dispatch_uid="razem-cache-restriction-save")
@receiver(post_delete, dispatch_uid="razem-cache-restriction-delete")
def _invalidate_on_view_restriction(sender, instance, **kwargs):
    """A page made private (or public again): no cached copy or remembered route
    (`razem.routing`) may outlive the change."""
    from wagtail.models import PageViewRestriction

    if isinstance(instance, PageViewRestriction):
        transaction.on_commit(invalidate_pages)


@receiver(m2m_changed, dispatch_uid="razem-cache-permissions-m2m")
def _invalidate_on_membership_of_groups(sender, action, **kwargs):
    """Someone joined or left a group, or a group or person gained or lost a
    permission: cached permission sets (`razem.auth`) must not outlive it."""
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    watched = (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    )
    if sender in watched and action in ("post_add", "post_remove", "post_clear"):
        transaction.on_commit(invalidate_pages)


@receiver(post_save, dispatch_uid="razem-cache-group-save")
@receiver(post_delete, dispatch_uid="razem-cache-group-delete")
def _invalidate_on_group_change(sender, instance, **kwargs):
    """A group or permission created, renamed or deleted."""
    from django.contrib.auth.models import Group, Permission

    if isinstance(instance, (Group, Permission)):
        transaction.on_commit(invalidate_pages)


@receiver(post_save, dispatch_uid="razem-cache-settings-save")
def _invalidate_on_settings_save(sender, instance, **kwargs):
    """The association's data is in every page's header and footer; sites are
    remembered per generation by `SiteLookupCacheMiddleware`."""
    from wagtail.models import Site

    from .models import AssociationSettings

    if isinstance(instance, (AssociationSettings, Site)):
        transaction.on_commit(invalidate_pages)


@receiver(post_delete, dispatch_uid="razem-cache-site-delete")
def _invalidate_on_site_delete(sender, instance, **kwargs):
    from wagtail.models import Site

    if isinstance(instance, Site):
        transaction.on_commit(invalidate_pages)


@receiver(page_published, dispatch_uid="razem-search-publish")
def _index_published_page(sender, instance, **kwargs):
    indexing.update_entry(instance)


@receiver(page_unpublished, dispatch_uid="razem-search-unpublish")
def _unindex_unpublished_page(sender, instance, **kwargs):
    indexing.remove_entry(instance.pk)


@receiver(post_page_move, dispatch_uid="razem-search-move")
def _reindex_moved_page(sender, instance, **kwargs):
    # A move may change the title-bearing URL path only; re-index to stay in step.
    indexing.update_entry(instance)
