"""Site-wide middleware: language, anonymous page cache, security headers, visits."""

import hashlib
import time

from django.conf import settings
from django.db import DatabaseError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

from .cache import cached_page, store_page

# Cookies that make a response personal: a session (logged in, or anonymous data such
# as a form in progress) or pending flash messages.
PERSONAL_COOKIE_NAMES = {"sessionid", "__Secure-sessionid", "messages"}

# Never worth a cache lookup: health checks, the admin, files, accounts.
UNCACHED_PREFIXES = (
    "/healthz",
    "/admin/",
    "/django-admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/konto/",
    "/jezyk/",
)


def _is_anonymous_request(request) -> bool:
    cookie_names = {settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIE_NAMES}
    return not any(name in request.COOKIES for name in cookie_names)


def site_language(request) -> str:
    """Polish unless the visitor chose another language with the switch (a cookie).

    The browser's Accept-Language is deliberately ignored: the site is Polish, and a
    visitor with an English browser should still see it in Polish until they ask.
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


class SiteLanguageMiddleware(LocaleMiddleware):
    """Activate the language of `site_language` (no Accept-Language negotiation)."""

    def process_request(self, request):
        """Activate the chosen language for this request."""
        translation.activate(site_language(request))
        request.LANGUAGE_CODE = translation.get_language()


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests for opted-in pages from the cache.

    A view opts in through `razem.cache.mark_cacheable`. Only responses that set no
    cookie and are not marked private are stored, so pages with a form (and its CSRF
    cookie) are never shared. Requests carrying a session cookie (every logged-in
    person) bypass the cache in both directions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or request.path.startswith(UNCACHED_PREFIXES)
            or not _is_anonymous_request(request)
        ):
            return self.get_response(request)
        key = self._key(request)
        try:
            generation, cached = cached_page(key)
        except DatabaseError:
            # Without the generation the cache cannot be trusted; serve uncached.
            return self.get_response(request)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        seconds = getattr(response, "razem_cache_seconds", None)
        if seconds and self._storable(response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render() if not response.is_rendered else response
            response["X-Page-Cache"] = "miss"
            store_page(key, generation, response, seconds)
        return response

    @staticmethod
    def _storable(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def _key(request) -> str:
        language = site_language(request)
        raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}|{language}"
        digest = hashlib.sha256(raw.encode()).hexdigest()
        return f"razem:page:{digest}"


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy; the Wagtail admin gets its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = (
                settings.RAZEM_ADMIN_CSP if admin else settings.RAZEM_CSP
            )
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class PrivateCacheControlMiddleware:
    """Mark every response to a logged-in person as not storable by any cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class VisitCounterMiddleware:
    """Count page views without cookies, IP addresses or a write per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        from .visits import record_visit

        record_visit(request, response)
        return response


class SlidingSessionMiddleware:
    """Keep an active session alive without writing it on every request.

    Sessions end after `SESSION_COOKIE_AGE` of inactivity. Django's
    `SESSION_SAVE_EVERY_REQUEST` would do that with one UPDATE per request; this
    refreshes the expiry at most once every `SESSION_REFRESH_SECONDS` (60), which
    changes the idle limit by at most that much. Goes after SessionMiddleware.
    """

    KEY = "_razem_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or session.modified:
            return response
        if response.status_code >= 500:
            return response
        now = int(time.time())
        seen = session.get(self.KEY, 0)
        if now - seen >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response


class SiteLookupCacheMiddleware:
    """Remember which Wagtail Site answers a host, in the cache, per generation.

    Wagtail looks the site up with a query whose CASE expressions cost ~9 ms of
    Python per request (measured under `make bench-logged-in`). Sites change only
    through the admin, which bumps the page-cache generation (`razem.signals`), so a
    lookup stored under the current generation is never stale. Goes before anything
    that calls `Site.find_for_request`; a host without a site is not remembered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.cache import cache
        from django.http.request import split_domain_port
        from wagtail.models import Site

        from .cache import current_generation

        try:
            host = split_domain_port(request._get_raw_host())[0]
            key = f"razem:site:{current_generation()}:{host}:{request.get_port()}"
            site = cache.get(key)
            if site is None:
                site = Site._find_for_request(request)
                if site is not None:
                    cache.set(key, site, 600)
        except Exception:  # noqa: BLE001 - a bad Host or no database: Wagtail decides
            return self.get_response(request)
        request._wagtail_site = site
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """Answer a wrong method (a form posted to a page that only shows) with the
    site's 405 page in Polish instead of Django's empty `HttpResponseNotAllowed`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseNotAllowed

        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            from .views import method_not_allowed

            return method_not_allowed(request, response.get("Allow", ""))
        return response


class AdminAccessRefusalMiddleware:
    """A logged-in person without admin access who opens the admin (a centre's
    member following an old link) gets the site's Polish 403 with the way to "Mój
    ośrodek", not Wagtail's redirect to the login, which would send them straight
    back to the admin: a redirect loop. Goes after AuthenticationMiddleware."""

    ADMIN_PREFIX = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith(self.ADMIN_PREFIX)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
            and request.headers.get("x-requested-with") != "XMLHttpRequest"
        ):
            from django.utils.translation import gettext

            from .views import refusal

            reason = gettext(
                "The administration panel is only for the association's staff. "
                "Your account's matters, and your centre's, are in My centre."
            )
            return refusal(request, "403.html", 403, {"reason": reason})
        return self.get_response(request)


class EndedSessionPostMiddleware:
    """A form posted after the session ended (a logout in another tab, two idle
    hours) to an address that needs a login: instead of the silent redirect to the
    login, which loses what was typed, the site's Polish page that says what
    happened, shows the typed text back and leads to the login and back to the
    form. Every login-required path passes here (the apps' decorators, allauth's
    and Wagtail's own views): they all answer such a POST with a redirect to the
    login. Goes after AuthenticationMiddleware."""

    REDIRECTS = (301, 302, 303, 307, 308)
    # Addresses whose redirect to the login is their job, not a refusal.
    HAND_OVERS = ("/admin/login/", "/_util/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method == "POST"
            and response.status_code in self.REDIRECTS
            and user is not None
            and not user.is_authenticated
            and request.path not in self.HAND_OVERS
            and self._to_the_login(response.get("Location", ""))
        ):
            from .views import session_ended

            return session_ended(request)
        return response

    @staticmethod
    def _to_the_login(location: str) -> bool:
        from urllib.parse import urlsplit

        from django.shortcuts import resolve_url

        login_paths = {
            resolve_url(settings.LOGIN_URL),
            resolve_url(
                getattr(settings, "WAGTAILADMIN_LOGIN_URL", settings.LOGIN_URL)
            ),
        }
        return urlsplit(location).path in login_paths
