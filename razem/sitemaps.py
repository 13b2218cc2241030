"""`/sitemap.xml`: every live public page, plus public views outside the page tree."""

from django.contrib.sitemaps import Sitemap
from django.urls import Resolver404, resolve
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

# Public listings served by app views rather than pages (added when they exist).
DIRECTORY_PATHS = ["/czlonkowie/"]


class DirectorySitemap(Sitemap):
    """Public views that are not Wagtail pages, such as the member directory."""

    changefreq = "weekly"

    def items(self):
        """The paths of DIRECTORY_PATHS that some app actually serves."""
        served = []
        for path in DIRECTORY_PATHS:
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.url_name != "wagtail_serve":
                served.append(path)
        return served

    def location(self, item):
        """The item is already a path."""
        return item


SITEMAPS = {"pages": PageSitemap, "directory": DirectorySitemap}
