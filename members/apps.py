"""Members: municipalities, member centres, people and their accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Municipality registry, member centres, applications, accounts."""

    name = "members"
    verbose_name = _("Members")

    def ready(self):
        """Connect the signal handlers."""
        from . import signals  # noqa: F401
