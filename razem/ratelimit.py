"""Rate limits for public forms, counted per client in the shared cache.

The client is the address that the outermost trusted proxy saw: with
`RAZEM_PROXY_COUNT` proxies in front (default 0), the N-th entry from the right of
`X-Forwarded-For`; without proxies, `REMOTE_ADDR`. Entries left of the trusted ones
are whatever the client wrote and are never believed. allauth is given the same
count (`ALLAUTH_TRUSTED_PROXY_COUNT`) and the same function through the account
adapter, so its login limits and ours agree on who the client is.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip().strip("[]")))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address as seen by the outermost trusted proxy.

    A header with fewer entries than trusted proxies, or an entry that is not an
    address, means the request did not come through the proxies as configured: the
    direct peer (`REMOTE_ADDR`) is used then, never a value the client chose.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "RAZEM_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    if len(entries) < count:
        return remote
    return _valid_ip(entries[-count]) or remote


def limited_address(request) -> str:
    """The address limits count by: `client_ip`, an IPv6 client by its /64 network.

    One IPv6 household or server holds a whole /64 and may rotate through it at
    will, so the network is the client (allauth truncates the same way,
    `ALLAUTH_RATE_LIMIT_IPV6_PREFIX`). An IPv4 address mapped into IPv6 counts as
    the IPv4 address.
    """
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False))
    return address


def _digest(request) -> str:
    """A salted hash of the client's address: the address itself is never stored."""
    raw = f"{settings.SECRET_KEY}|{limited_address(request)}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` actions of one client per `window` seconds in `scope`.

    The window starts with the client's first action and ends `window` seconds
    later; `retry_after` says how long a locked-out client has to wait.
    """

    scope: str
    limit: int
    window: int

    def _key(self, request) -> str:
        return f"razem:ratelimit:{self.scope}:{_digest(request)}"

    def exceeded(self, request) -> bool:
        """True once this client has used up the limit in the current window."""
        return int(cache.get(self._key(request), 0) or 0) >= self.limit

    def hit(self, request) -> None:
        """Count one action of this client."""
        key = self._key(request)
        if cache.add(key, 1, timeout=self.window):
            cache.set(f"{key}:start", time.time(), timeout=self.window)
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=self.window)
            cache.set(f"{key}:start", time.time(), timeout=self.window)

    def retry_after(self, request) -> int:
        """Seconds until this client's window ends (the whole window if unknown)."""
        started = cache.get(f"{self._key(request)}:start")
        if started is None:
            return self.window
        return max(1, math.ceil(float(started) + self.window - time.time()))

    def message(self, request) -> str:
        """A translated refusal that names how long the lockout lasts."""
        return lockout_message(self.retry_after(request))


def lockout_message(seconds: int) -> str:
    """'Too many attempts … try again in N minutes', rounded up to whole minutes."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts from this connection. Please try again in %(minutes)d "
        "minute.",
        "Too many attempts from this connection. Please try again in %(minutes)d "
        "minutes.",
        minutes,
    ) % {"minutes": minutes}


def describe_wait(seconds: int) -> str:
    """'N minutes' for a lockout page that phrases the sentence itself."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", minutes) % {
        "minutes": minutes
    }


def allauth_waits(request, action: str, *, key: str | None = None) -> dict[str, int]:
    """Seconds left of each used-up allauth rate of `action`, by what it counts.

    Reads the same cache entries as allauth (`ACCOUNT_RATE_LIMITS`): for each rate
    that counts by address (`"ip"`), by the logged-in person (`"user"`) or by `key`
    (`"key"`, when given) and is used up, the time until its oldest counted attempt
    leaves the window. Rates that still allow an attempt are absent.
    """
    from allauth.account import app_settings
    from allauth.core.internal.ratelimit import get_cache_key, parse_rates

    now = time.time()
    waits: dict[str, int] = {}
    for rate in parse_rates(app_settings.RATE_LIMITS.get(action)):
        if (rate.per == "key" and key is None) or (
            rate.per == "user" and not request.user.is_authenticated
        ):
            continue
        cache_key = get_cache_key(
            request, app="allauth.account", action=action, rate=rate, key=key
        )
        history = [
            stamp for stamp in cache.get(cache_key, []) if stamp > now - rate.duration
        ]
        if len(history) >= rate.amount:
            wait = max(1, math.ceil(history[rate.amount - 1] + rate.duration - now))
            waits[rate.per] = max(wait, waits.get(rate.per, 0))
    return waits


def allauth_retry_after(request, action: str, *, key: str | None = None) -> int | None:
    """Seconds until allauth's limits of `action` let this client try again (the
    longest of `allauth_waits`); None when no rate of the action is used up."""
    waits = allauth_waits(request, action, key=key)
    return max(waits.values()) if waits else None


# Failed logins to one account, from every network together (allauth's action of
# this name in `ACCOUNT_RATE_LIMITS`, counted by the account adapter). Set above
# what one network may try within its own limit, so that nobody can lock another
# person out from one connection; the owner ends it at once by a password reset.
ACCOUNT_LOGIN_FAILED = "login_failed_account"


def account_login_key(request, login: str) -> str:
    """allauth's own key of an account's failed logins: site and e-mail address
    (as `DefaultAccountAdapter._get_login_attempts_cache_key` makes it)."""
    from django.contrib.sites.shortcuts import get_current_site

    return f"{get_current_site(request).domain}:{login.strip().lower()}"


def network_login_key(request, login: str) -> str:
    """The key of allauth's per-key failed-login rate: the account from this
    network (`limited_address`), so guesses from elsewhere never lock its owner out."""
    return f"{account_login_key(request, login)}|{limited_address(request)}"


def consume_account_login(request, login: str):
    """Count one login attempt against the account's limit over every network;
    allauth's usage record (rolled back when the login works), None when used up."""
    from allauth.core.internal import ratelimit

    return ratelimit.consume(
        request,
        app="allauth.account",
        action=ACCOUNT_LOGIN_FAILED,
        key=account_login_key(request, login),
    )


def clear_account_logins(request, login: str) -> None:
    """Forget the account's failed logins over every network (a password reset)."""
    from allauth.core.internal import ratelimit

    ratelimit.clear(
        request,
        app="allauth.account",
        action=ACCOUNT_LOGIN_FAILED,
        key=account_login_key(request, login),
    )


def login_lockout_message(request, login: str) -> str:
    """Why a login is refused and for how long, naming the limit that holds longest:
    this connection (any account), this address from this network, or this address
    from many networks (with the way out: a new password)."""
    waits = {
        f"connection-{per}": wait
        for per, wait in allauth_waits(
            request, "login_failed", key=network_login_key(request, login)
        ).items()
    }
    account_wait = allauth_retry_after(
        request, ACCOUNT_LOGIN_FAILED, key=account_login_key(request, login)
    )
    if account_wait:
        waits["account"] = account_wait
    if not waits:
        return lockout_message(allauth_window("login_failed"))
    # Ties go to the broadest limit: the connection, then the address from it.
    order = ["connection-ip", "connection-key", "account"]
    kind = max(order, key=lambda name: (waits.get(name, 0), -order.index(name)))
    seconds = waits[kind]
    if kind == "connection-ip":
        return lockout_message(seconds)
    minutes = max(1, math.ceil(seconds / 60))
    if kind == "connection-key":
        return ngettext(
            "Too many failed logins to this e-mail address from your network. "
            "Please try again in %(minutes)d minute.",
            "Too many failed logins to this e-mail address from your network. "
            "Please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
    return ngettext(
        "Too many failed logins to this e-mail address from many networks: logging "
        "in to this account is paused for %(minutes)d minute. If it is your account, "
        "set a new password (Forgot your password?) and you can log in at once.",
        "Too many failed logins to this e-mail address from many networks: logging "
        "in to this account is paused for %(minutes)d minutes. If it is your "
        "account, set a new password (Forgot your password?) and you can log in at "
        "once.",
        minutes,
    ) % {"minutes": minutes}


def allauth_window(action: str) -> int:
    """The longest window among allauth's rates of `action`, in seconds."""
    from allauth.account import app_settings
    from allauth.core.internal.ratelimit import parse_rates

    rates = parse_rates(app_settings.RATE_LIMITS.get(action))
    return max((int(rate.duration) for rate in rates), default=60)
