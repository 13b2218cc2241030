"""Consultations: draft laws, opinions, discussion and co-signing."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Draft laws and opinions."""

    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        """Connect the signals that keep public opinions on record."""
        from . import signals  # noqa: F401
