"""Wagtail's page routing, remembered per cache generation.

Wagtail finds the page for `/opinie/<slug>/` by walking the tree from the site's root:
one query per path component plus `.specific` for each step (about 5 queries and
12 ms of Python per request on an opinion page, measured under
`make bench-logged-in`). Anonymous visitors mostly hit the page cache, but logged-in
members route on every request.

`serve` remembers which page a path led to (its id and type) under the page-cache
generation, which publishing, unpublishing, moving, renaming and deleting a page
bump (`razem.signals`). On a hit it loads that one page in one query and checks it
is still live and still at that address, so even a missed bump cannot route to a
wrong or withdrawn page: the lookup then falls back to Wagtail's own walk. Only
plain page results are remembered; routable pages' sub-views (their own URL
patterns with arguments) and 404s always take Wagtail's way.

The entry also remembers whether any view restriction (login, password, groups)
applies to the page or an ancestor. When none does, the page's
`get_view_restrictions` answers an empty queryset without the two queries Wagtail's
`before_serve_page` check costs; adding or removing a restriction bumps the
generation (`razem.signals`).

Everything after routing is Wagtail's own view: `before_serve_page` hooks (view
restrictions), `on_serve_page` hooks and `page.serve`. It reads the route from
`request._wagtail_route_for_request`, Wagtail's per-request memo of
`Page.route_for_request`; `tests/razem/test_request_caches.py` fails if that stops
working.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .cache import current_generation

TIMEOUT = 3600
# Part of the key: a release that changes the entry's shape starts with new keys.
FORMAT = 2


def _key(site: Site, path: str) -> str:
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    return f"razem:route:v{FORMAT}:{current_generation()}:{site.pk}:{digest}"


def _remembered_page(site: Site, path: str, entry) -> Page | None:
    """The remembered page when it is still live at this address, else None."""
    page_id, content_type_id, _restriction_free = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model._default_manager.filter(pk=page_id).first()
    if page is None or not page.live:
        return None
    components = [component for component in path.split("/") if component]
    expected = site.root_page.url_path + "".join(f"{c}/" for c in components)
    return page if page.url_path == expected else None


def prime_route(request, path: str) -> None:
    """Set Wagtail's route memo on the request from the cache, or remember it."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    key = _key(site, path)
    entry = cache.get(key)
    if entry is not None:
        page = _remembered_page(site, path, entry)
        if page is not None:
            if entry[2]:
                page.get_view_restrictions = PageViewRestriction.objects.none
            request._wagtail_route_for_request = RouteResult(page)
            return
    result = Page.route_for_request(request, path)
    if result is not None and not result.args and not result.kwargs:
        page = result.page
        unrestricted = not page.get_view_restrictions().exists()
        cache.set(key, (page.pk, page.content_type_id, unrestricted), TIMEOUT)


def serve(request, path):
    """Wagtail's page view, with the route looked up in the cache first."""
    prime_route(request, path)
    return wagtail_serve(request, path)
