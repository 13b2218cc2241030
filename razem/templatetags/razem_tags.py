"""Template tags of the site layout: navigation and the page record (metryczka)."""

from django import template
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Revision, Site

from razem.cache import current_generation

register = template.Library()

FIXED_LINKS = [
    # (url, title, order) for views that live outside the page tree.
    ("/czlonkowie/", gettext_lazy("Members"), 60),
    ("/przystap/", gettext_lazy("Join us"), 70),
]


def _menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = f"razem:nav:{current_generation()}:{site.pk}"
    items = cache.get(key)
    if items is None:
        root = site.root_page
        children = root.get_children().live().public().in_menu().specific()
        items = [(page.url, page.title) for page in children]
        cache.set(key, items, 600)
    return items


@register.simple_tag
def main_navigation(request):
    """Return the main menu: home's children shown in menus, then fixed views."""
    items = [{"url": url, "title": title} for url, title in _menu_pages(request)]
    items += [{"url": url, "title": str(title)} for url, title, _order in FIXED_LINKS]
    path = request.path
    for item in items:
        item["active"] = item["url"] != "/" and path.startswith(item["url"])
    return items


@register.inclusion_tag("components/page_record.html")
def page_record(page: Page, history_limit: int = 10):
    """The public page record: created, first published, last changed, by whom.

    Created is the date of the page's first revision. The history lists published
    work only (revisions up to the live one; later drafts are nobody's business).
    Two queries, whatever the length of the history.
    """
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).select_related(
        "user"
    )
    if page.live_revision_id:
        revisions = revisions.filter(pk__lte=page.live_revision_id)
    history = list(revisions.order_by("-created_at", "-pk")[:history_limit])
    first = revisions.order_by("created_at", "pk").first()
    live = next((rev for rev in history if rev.pk == page.live_revision_id), None)
    return {
        "page": page,
        "created_at": first.created_at if first else page.first_published_at,
        "created_by": first.user if first else None,
        "first_published_at": page.first_published_at,
        "last_changed_at": page.last_published_at,
        "last_changed_by": live.user
        if live
        else (history[0].user if history else None),
        "revisions": history,
    }


@register.filter
def person_name(user):
    """A person's public name for the page record: full name, never the e-mail."""
    if user is None:
        return _("editorial office")
    return user.get_full_name() or _("editorial office")
