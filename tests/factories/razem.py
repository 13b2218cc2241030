"""Factories for the house's pages: standard pages published under the home page."""

from razem.models import StandardPage


def publish_standard_page(parent, title, *, slug=None, lead="", text="", user=None):
    """Create and publish a standard page whose body is one paragraph of `text`."""
    from django.utils.text import slugify

    body = [("paragraph", f"<p>{text}</p>")] if text else []
    page = parent.add_child(
        instance=StandardPage(
            title=title, slug=slug or slugify(title), lead=lead, body=body
        )
    )
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page
