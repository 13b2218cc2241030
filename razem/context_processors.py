"""Values every template of the site layout needs."""

from .cache import current_generation
from .visits import visit_totals


def site_chrome(request):
    """The footer's visit counter (lazily evaluated, so admin pages pay nothing) and
    the cache generation that `{% cache %}` fragments vary on (read once per
    request)."""
    return {"visit_totals": visit_totals, "cache_generation": current_generation()}
