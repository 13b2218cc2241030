"""Server-side PDF rendering with WeasyPrint, reading static and media files locally.

No request ever leaves the machine: the URL fetcher maps /static/ and /media/ to files
and refuses everything else, so a page cannot make the server fetch remote content.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders

LOCAL_BASE_URL = "http://razem.local/"


def _local_path(url: str) -> Path | None:
    path = unquote(urlparse(url).path)
    if path.startswith(settings.STATIC_URL):
        relative = path[len(settings.STATIC_URL) :]
        found = finders.find(relative)
        if found:
            return Path(found)
        candidate = Path(settings.STATIC_ROOT) / relative
        return candidate if candidate.is_file() else None
    if path.startswith(settings.MEDIA_URL):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(settings.MEDIA_URL) :]).resolve()
        if candidate.is_file() and root in candidate.parents:
            return candidate
    return None


def _fetcher():
    """A WeasyPrint URL fetcher serving static and media files from disk only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _local_path(url)
            if path is None:
                raise ValueError(f"Refused to fetch {url!r} while rendering a PDF")
            content_type = (
                mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return LocalURLFetcher()


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document (site layout, print stylesheet) to PDF bytes."""
    from weasyprint import HTML

    document = HTML(
        string=html,
        base_url=LOCAL_BASE_URL,
        url_fetcher=_fetcher(),
        media_type="print",
    )
    return document.write_pdf()
