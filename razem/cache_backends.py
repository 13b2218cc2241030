"""A Redis cache that the site survives: when Redis cannot be reached, a miss.

The shared cache holds only what can be recomputed (the anonymous page cache,
remembered routes and permission sets, rate-limit counters, the visit counter's
pending views, copies of sessions that the database also holds). When Redis is
down, restarting or out of reach, `ResilientRedisCache` answers every read with a
miss and drops every write, logs the outage once, and stops trying for a few
seconds so that no request waits for one timeout per cache call. So:

- pages are served uncached, sessions come from the database (`cached_db`), the
  generation counter and the visit counter carry on without the cache;
- rate-limit counters (the project's `razem:ratelimit:` keys and allauth's
  `allauth:rl:` keys with their locks) go to a per-process memory cache instead:
  the limits neither fail open nor fail with a 500, each web process counts on its
  own until Redis is back (a client may get one limit's worth per process);
- for every other key `add` answers True, as if the key had been free, and
  `incr`/`decr` raise ValueError, Django's "no such key", which every caller
  already handles.

When Redis answers again, the deletes that could not be made are replayed (a
logged-out session must not come back from an old copy) and the page-cache
generation is bumped, so nothing cached before the outage is served after it:
a publish or a removed permission during the outage could not reach Redis.
Deletes are remembered per process; a process that restarts during the outage
forgets them (the copies expire with `SESSION_COOKIE_AGE`).
"""

import contextlib
import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, how long the cache counts as down before it is tried again.
RETRY_AFTER_SECONDS = 5.0
# At most this many failed deletes are kept for replay (per process).
PENDING_DELETES_MAX = 10_000
# Unless OPTIONS say otherwise: a cache that does not answer quickly is down.
DEFAULT_SOCKET_OPTIONS = {"socket_connect_timeout": 0.3, "socket_timeout": 0.5}


class _Outage:
    """Shared by every thread's backend instance of one location."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.seen = False
        self.pending_deletes: set[str] = set()


_OUTAGES: dict[str, _Outage] = {}
_OUTAGES_LOCK = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _OUTAGES_LOCK:
        return _OUTAGES.setdefault(location, _Outage())


# Keys of rate-limit counters: while Redis is away they are counted per process
# (`_fallback`), so a limit never fails open because of an outage.
LIMITER_KEY_PREFIXES = ("razem:ratelimit:", "allauth:rl:")


def _limiter_key(args, kwargs) -> bool:
    key = args[0] if args else kwargs.get("key")
    return isinstance(key, str) and key.startswith(LIMITER_KEY_PREFIXES)


def _survive(miss):
    """Run the cache call; when Redis is unreachable, answer `miss(*args)`, or,
    for a rate-limit counter, make the call on the per-process fallback cache."""

    def decorator(method):
        def when_down(self, *args, **kwargs):
            if _limiter_key(args, kwargs):
                if method.__name__ == "delete":  # also where Redis holds it
                    _remember_delete(self, *args, **kwargs)
                return getattr(self._fallback, method.__name__)(*args, **kwargs)
            return miss(self, *args, **kwargs)

        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._is_down():
                return when_down(self, *args, **kwargs)
            try:
                self._recover_if_needed()
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._went_down(error)
                return when_down(self, *args, **kwargs)

        return wrapper

    return decorator


def _none(self, *args, **kwargs):
    return None


def _default(self, key, default=None, *args, **kwargs):
    return default


def _true(self, *args, **kwargs):
    return True


def _false(self, *args, **kwargs):
    return False


def _empty(self, *args, **kwargs):
    return {}


def _no_keys_failed(self, *args, **kwargs):
    return []


def _no_such_key(self, key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache is unreachable).")


def _remember_delete(self, key, version=None):
    self._remember_deletes([self.make_and_validate_key(key, version=version)])
    return False


def _remember_delete_many(self, keys, version=None):
    self._remember_deletes(
        [self.make_and_validate_key(key, version=version) for key in keys]
    )


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, where an unreachable Redis is a cache miss."""

    def __init__(self, server, params):
        params = dict(params)
        params["OPTIONS"] = {**DEFAULT_SOCKET_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, params)
        location = ",".join(self._servers)
        self._outage = _outage_for(location)
        # One per process and location (LocMemCache shares its store by name).
        self._fallback = LocMemCache(
            f"razem-limits-while-redis-is-away:{location}",
            {"TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 100_000}},
        )

    # -- the state of the connection -----------------------------------------------

    def _is_down(self) -> bool:
        return time.monotonic() < self._outage.down_until

    def _went_down(self, error) -> None:
        outage = self._outage
        with outage.lock:
            first = not outage.seen
            outage.seen = True
            outage.down_until = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.error(
                "Cache unreachable (%s: %s): serving without the cache, retrying "
                "every %.0f s",
                type(error).__name__,
                error,
                RETRY_AFTER_SECONDS,
            )

    def _remember_deletes(self, keys) -> None:
        outage = self._outage
        with outage.lock:
            room = PENDING_DELETES_MAX - len(outage.pending_deletes)
            outage.pending_deletes.update(list(keys)[: max(0, room)])

    def _recover_if_needed(self) -> None:
        """After an outage, before anything is read: replay the deletes the outage
        swallowed and make older entries stale. Raises if Redis is still away."""
        from .cache import GENERATION_KEY

        outage = self._outage
        if not outage.seen:
            return
        with outage.lock:
            if not outage.seen:
                return
            pending = set(outage.pending_deletes)
            if pending:
                self._cache.delete_many(list(pending))
            # No generation yet (ValueError): nothing was cached under one.
            with contextlib.suppress(ValueError):
                self._cache.incr(self.make_and_validate_key(GENERATION_KEY), 1)
            outage.pending_deletes -= pending
            outage.seen = False
            # Redis counts again; what was counted meanwhile was per process.
            self._fallback.clear()
        logger.warning(
            "Cache reachable again: %d deletes replayed, page cache invalidated",
            len(pending),
        )

    def is_reachable(self) -> bool:
        """A real round trip to Redis now (for `/healthz`), past the retry pause."""
        try:
            self._cache.get_client(None, write=False).ping()
        except UNREACHABLE:
            return False
        return True

    # -- the cache API, each call surviving an outage --------------------------------

    @_survive(_true)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store unless present; when Redis is unreachable True, or for a rate-limit
        counter the per-process fallback's answer (never failing open)."""
        return super().add(key, value, timeout, version)

    @_survive(_default)
    def get(self, key, default=None, version=None):
        """The value, or `default` (also when Redis is unreachable)."""
        return super().get(key, default, version)

    @_survive(_none)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store; nothing when Redis is unreachable."""
        return super().set(key, value, timeout, version)

    @_survive(_false)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        """Renew the expiry; False when Redis is unreachable."""
        return super().touch(key, timeout, version)

    @_survive(_remember_delete)
    def delete(self, key, version=None):
        """Delete; when Redis is unreachable, the delete is replayed later."""
        return super().delete(key, version)

    @_survive(_empty)
    def get_many(self, keys, version=None):
        """The values found; none when Redis is unreachable."""
        return super().get_many(keys, version)

    @_survive(_false)
    def has_key(self, key, version=None):
        """Whether the key is present; False when Redis is unreachable."""
        return super().has_key(key, version)

    @_survive(_no_such_key)
    def incr(self, key, delta=1, version=None):
        """Add to a counter; ValueError ("no such key") when Redis is unreachable."""
        return super().incr(key, delta, version)

    @_survive(_no_keys_failed)
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Store several; nothing when Redis is unreachable."""
        return super().set_many(data, timeout, version)

    @_survive(_remember_delete_many)
    def delete_many(self, keys, version=None):
        """Delete several; replayed later when Redis is unreachable."""
        return super().delete_many(keys, version)

    @_survive(_false)
    def clear(self):
        """Empty the cache; False when Redis is unreachable."""
        return super().clear()
