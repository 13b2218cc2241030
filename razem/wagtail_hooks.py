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


# Methods a page of the tree takes: showing it, and a POST only where the page type
# has a form of its own (a Wagtail form page such as the contact page, or a type
# that says `accepts_post = True`). Every other page answers a POST with the Polish
# 405, whatever it would have rendered.
SHOW_ONLY_METHODS = ("GET", "HEAD")


def page_methods(page) -> tuple[str, ...]:
    """The HTTP methods `page` answers."""
    from wagtail.contrib.forms.models import FormMixin

    if isinstance(page, FormMixin) or getattr(page, "accepts_post", False):
        return (*SHOW_ONLY_METHODS, "POST")
    return SHOW_ONLY_METHODS


@hooks.register("before_serve_page")
def refuse_methods_the_page_does_not_take(page, request, serve_args, serve_kwargs):
    """A POST (or any other method) to a page that only shows: the Polish 405."""
    methods = page_methods(page)
    if request.method in methods:
        return None
    from .views import method_not_allowed

    return method_not_allowed(request, ", ".join(methods))
