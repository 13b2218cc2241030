"""What the site needs to serve, checked now: the database and the shared cache.

Used by `/healthz` (the web role), `manage.py healthcheck` and the worker's
heartbeat.
"""

from django.db import DatabaseError, connection


def database_state() -> str:
    """ "ok" when the database answers a query now, else "unavailable"."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def cache_state() -> str:
    """ "ok" when the shared cache answers now, "unavailable" when it does not,
    "local" for a per-process memory cache (nothing to reach)."""
    from django.core.cache import cache

    from .cache import cache_is_shared

    if not cache_is_shared():
        return "local"
    is_reachable = getattr(cache, "is_reachable", None)
    if is_reachable is None:
        return "ok"
    return "ok" if is_reachable() else "unavailable"
