"""A privacy-friendly visit counter: no cookies, no IP addresses, batched writes.

Each human page view increments a counter in the cache; every `FLUSH_EVERY` views
the pending number is added to the month's row in one UPDATE. Bots (by user agent)
and non-page responses are not counted.
"""

import re

from django.core.cache import cache
from django.db.models import F, Sum
from django.utils import timezone

FLUSH_EVERY = 20
TOTALS_KEY = "razem:visits:totals"
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python|httpie|headless|monitor|check|scan|lighthouse|wrk|locust",
    re.IGNORECASE,
)
SKIPPED_PREFIXES = (
    "/admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/healthz",
    "/konto/",
)


def _is_countable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    return bool(agent) and not BOT_PATTERN.search(agent)


def _month_start():
    return timezone.localdate().replace(day=1)


def _pending_key(month) -> str:
    """The cache key of a month's views not yet written to the database."""
    return f"razem:visits:pending:{month:%Y-%m}"


def record_visit(request, response) -> None:
    """Count one page view if it is a human looking at an HTML page."""
    if not _is_countable(request, response):
        return
    key = _pending_key(_month_start())
    if cache.add(key, 1, timeout=None):
        pending = 1
    else:
        try:
            pending = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=None)
            pending = 1
    if pending >= FLUSH_EVERY:
        flush_visits()


def flush_visits() -> None:
    """Move the pending count of this month from the cache into the database."""
    from .models import VisitCount

    month = _month_start()
    key = _pending_key(month)
    pending = cache.get(key) or 0
    if not pending:
        return
    try:
        cache.decr(key, pending)
    except ValueError:
        return
    updated = VisitCount.objects.filter(month=month).update(count=F("count") + pending)
    if not updated:
        obj, created = VisitCount.objects.get_or_create(
            month=month, defaults={"count": pending}
        )
        if not created:
            VisitCount.objects.filter(pk=obj.pk).update(count=F("count") + pending)
    cache.delete(TOTALS_KEY)


def visit_totals() -> dict:
    """Return {"month": views this month, "total": all views}, cached for a minute."""
    pending_key = _pending_key(_month_start())
    values = cache.get_many([TOTALS_KEY, pending_key])  # one round trip
    totals = values.get(TOTALS_KEY)
    if totals is None:
        from .models import VisitCount

        month = _month_start()
        this_month = VisitCount.objects.filter(month=month).values_list(
            "count", flat=True
        )
        totals = {
            "month": next(iter(this_month), 0),
            "total": VisitCount.objects.aggregate(total=Sum("count"))["total"] or 0,
        }
        cache.set(TOTALS_KEY, totals, 60)
    pending = values.get(pending_key) or 0
    return {"month": totals["month"] + pending, "total": totals["total"] + pending}
