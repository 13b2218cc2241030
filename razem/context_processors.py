"""Values every template of the site layout needs."""

from .visits import visit_totals


def site_chrome(request):
    """The footer's visit counter; lazily evaluated so admin pages pay nothing."""
    return {"visit_totals": visit_totals}
