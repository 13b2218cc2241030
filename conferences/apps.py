"""Conferences: programme, registration, waiting list, badges and certificates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    """Conferences and registrations."""

    name = "conferences"
    verbose_name = _("Conferences")
