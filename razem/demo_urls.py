"""The demo's URLs (`razem.settings.demo` only): the site's own, plus uploaded images.

With DEBUG off Django serves no media, and the demo has no proxy in front of it: this
view serves the images Wagtail stores under MEDIA_ROOT (originals and renditions).
Documents are not among them: they are always served through Wagtail's document view
(`WAGTAILDOCS_SERVE_METHOD = "serve_view"`, with its own policy), never under /media/.
Production uses `razem.urls`, which has no such view.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.decorators.http import require_safe
from django.views.static import serve

from razem.urls import (  # noqa: F401 - the error handlers belong to the URLconf
    handler400,
    handler403,
    handler404,
    handler429,
    handler500,
)
from razem.urls import urlpatterns as site_urlpatterns

# The folders of MEDIA_ROOT the demo serves: Wagtail's images (originals, renditions).
SERVED_FOLDERS = ("original_images/", "images/")


@require_safe
def demo_media(request, path: str):
    """An uploaded image of the demo, from MEDIA_ROOT; anything else is a 404."""
    # The folder is checked on the path as `serve` will read it: "images/../documents/x"
    # (or its %2e%2e spelling, decoded by the router) normalises out of the folder.
    normalised = posixpath.normpath(path).lstrip("/")
    if (
        "\\" in path
        or ".." in normalised.split("/")
        or not normalised.startswith(SERVED_FOLDERS)
    ):
        raise Http404
    response = serve(request, normalised, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    return response


media_prefix = settings.MEDIA_URL.lstrip("/")
urlpatterns = [
    re_path(rf"^{media_prefix}(?P<path>.+)$", demo_media, name="demo_media"),
    *site_urlpatterns,
]
