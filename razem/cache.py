"""Full-page cache for anonymous visitors, correct with any number of app processes.

Cached entries are keyed by a "generation" number. Publishing, unpublishing, moving or
deleting a page (and any service that changes public data, such as a new
co-signature) bumps the generation, so every process stops serving old entries at once.

Where the generation lives depends on the cache: a shared cache (Redis) holds it
itself; a per-process cache (local memory) cannot tell the other processes, so the
generation is then read from a one-row table in the database on each request, which
costs one primary-key lookup and is still far cheaper than rendering a page.
"""

import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

GENERATION_KEY = "razem:page-generation"
PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def cache_is_shared() -> bool:
    """True when every app process sees the same cache (Redis, Memcached, database)."""
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_BACKENDS


def _database_generation() -> int:
    from .models import CacheGeneration

    value = CacheGeneration.objects.filter(pk=1).values_list("value", flat=True)
    return next(iter(value), 1)


# Within one request the generation is read once (the page cache, the navigation,
# the site lookup and the app panels all ask); outside requests it is never memoised.
_request_memo = threading.local()


def _request_started(**kwargs):
    _request_memo.active, _request_memo.value = True, None


def _request_finished(**kwargs):
    _request_memo.active, _request_memo.value = False, None


request_started.connect(_request_started, dispatch_uid="razem-generation-memo-start")
request_finished.connect(_request_finished, dispatch_uid="razem-generation-memo-end")


def current_generation() -> int:
    """Return the current cache generation (read once per request)."""
    if getattr(_request_memo, "active", False):
        if _request_memo.value is None:
            _request_memo.value = _read_generation()
        return _request_memo.value
    return _read_generation()


def _read_generation() -> int:
    """Return the current cache generation, starting it at 1 when absent."""
    if not cache_is_shared():
        return _database_generation()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def cached_page(key: str):
    """Return (current generation, the stored response or None) for a page key.

    Entries carry the generation they were stored under; one of an older generation
    is stale. With a shared cache the generation and the entry come in one round trip.
    """
    if cache_is_shared():
        values = cache.get_many([GENERATION_KEY, key])
        generation = values.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        entry = values.get(key)
    else:
        generation = _database_generation()
        entry = cache.get(key)
    if entry is not None and entry[0] == generation:
        return generation, entry[1]
    return generation, None


def store_page(key: str, generation: int, response, seconds: int) -> None:
    """Store a rendered response for anonymous visitors under its generation."""
    cache.set(key, (generation, response), seconds)


def invalidate_pages() -> None:
    """Make every cached anonymous page stale, in every process."""
    from .models import CacheGeneration

    _request_memo.value = None

    try:
        updated = CacheGeneration.objects.filter(pk=1).update(value=F("value") + 1)
        if not updated:
            CacheGeneration.objects.get_or_create(pk=1, defaults={"value": 2})
    except DatabaseError:
        # The shared cache below still invalidates; never fail the caller's commit.
        if not cache_is_shared():
            raise
    if cache_is_shared():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 2, timeout=None)


def mark_cacheable(response, seconds: int | None = None):
    """Let the anonymous page cache store this response (opt-in per view)."""
    response.razem_cache_seconds = (
        settings.RAZEM_PAGE_CACHE_SECONDS if seconds is None else seconds
    )
    return response


def keep_until(response, moment) -> None:
    """Let the cached anonymous copy of `response` live no later than `moment`.

    For pages that show a state changing at a known time (an opinion's signing
    deadline, a conference's registration opening or closing): the copy expires
    then, so nobody is shown the old state from the cache. `None` and moments in
    the past leave the lifetime as it is or end it.
    """
    seconds = getattr(response, "razem_cache_seconds", None)
    if seconds is None or moment is None:
        return
    left = int((moment - timezone.now()).total_seconds())
    response.razem_cache_seconds = max(0, min(seconds, left))


def remembered(name: str, *parts, compute, seconds: int = 600):
    """`compute()`'s value, kept in the cache under the current generation.

    For data that changes only through something that bumps the generation
    (publishing, a registration, a co-signature, a settings change): such an entry
    is never stale. `name` and `parts` make the key; `compute` must not return None.
    """
    key = ":".join(["razem", name, str(current_generation()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
