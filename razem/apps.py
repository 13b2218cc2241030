"""The house: site-wide pages, settings, layout, caching, PDFs and search."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RazemConfig(AppConfig):
    """Site-wide configuration; connects the page-cache invalidation signals."""

    name = "razem"
    verbose_name = _("RAZEM site")

    def ready(self):
        from . import checks, signals  # noqa: F401
