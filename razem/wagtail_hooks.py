"""Admin registrations of the house app."""

from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting

from . import privacy_sources  # noqa: F401 - registers the third-party data sources
from .models import AssociationSettings

register_setting(AssociationSettings, icon="site")


@hooks.register("razem_retention")
def contact_message_retention():
    """Daily retention: contact messages, finished task records, expired sessions."""
    from .retention import (
        clear_expired_sessions,
        prune_task_results,
        purge_contact_messages,
    )

    clear_expired_sessions()
    return {
        "contact_messages_deleted": purge_contact_messages(),
        "task_results_deleted": prune_task_results(),
    }
