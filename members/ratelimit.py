"""A small cache-based rate limit for public forms (shared by every app process)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_key(request, scope: str) -> str:
    """A cache key for this client: a salted hash of the IP, never the IP itself."""
    ip = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{ip}".encode()).hexdigest()[:32]
    return f"razem:ratelimit:{scope}:{digest}"


def is_limited(request, scope: str, limit: int) -> bool:
    """True once this client has used up `limit` actions in the current window."""
    return int(cache.get(client_key(request, scope), 0)) >= limit


def hit(request, scope: str, window_seconds: int) -> None:
    """Count one action of this client; the window starts with the first action."""
    key = client_key(request, scope)
    if cache.add(key, 1, timeout=window_seconds):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window_seconds)
