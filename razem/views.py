"""Site-wide views: health check, robots.txt, error pages, search, page PDFs."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_safe

from .typed_text import typed_text  # what a refusal shows back of a refused form

# Choosing the interface language changes nothing but a cookie, so it needs no CSRF
# token, and pages showing the switch stay cacheable (see components/language_switch).
set_language = csrf_exempt(i18n.set_language)


@never_cache
@require_GET
def healthz(request):
    """The state of what the site needs, as JSON: the database and the cache.

    503 only when the site cannot serve (the database is down). A cache that is
    away makes the site slower, not broken: 200 with `"status": "degraded"` and
    `"cache": "unavailable"`, so an orchestrator does not restart healthy web
    processes because of Redis, while monitoring still sees it.
    """
    from .health import cache_state, database_state

    database, cache = database_state(), cache_state()
    if database != "ok":
        status, code = "error", 503
    elif cache == "unavailable":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "database": database, "cache": cache}, status=code
    )


@require_GET
def robots_txt(request):
    """Tell robots what not to crawl and where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /moj-osrodek/",
        "Disallow: /szukaj/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """Polish 404 page within the site layout."""
    return render(request, "404.html", status=404)


def refusal(request, template: str, status: int, context: dict | None = None):
    """A refusal in the site's layout, never stored by any cache.

    When the layout itself cannot be rendered (the Host header was refused, the
    database is away), a self-contained page with the same words answers instead.
    """
    context = {"typed": typed_text(request), "status": status, **(context or {})}
    try:
        request.get_host()
        response = render(request, template, context, status=status)
    except Exception:  # noqa: BLE001 - a refusal page must never become a 500
        from django.template import loader

        context["plain"] = True
        body = loader.get_template("razem/refusal_plain.html").render(context)
        response = HttpResponse(body, status=status)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    """400: the request could not be understood (a malformed or oversized form)."""
    return refusal(request, "400.html", 400)


def permission_denied(request, exception=None):
    """403: the person may not see this page or do this (any more)."""
    message = str(exception or "").strip()
    return refusal(request, "403.html", 403, {"reason": message})


def csrf_failure(request, reason=""):
    """403 for a form whose security token expired or was missing (CSRF_FAILURE_VIEW).

    `get_token` sets a fresh token cookie with this answer; the site's script copies
    the cookie into the form when it is sent, so going back and sending the form
    again (the browser keeps what was typed) works.
    """
    from django.middleware.csrf import get_token

    get_token(request)
    return refusal(request, "403_csrf.html", 403)


def session_ended(request):
    """403 for a form posted after the session ended, to an address that needs a
    login (razem.middleware.EndedSessionPostMiddleware): what happened, the typed
    text, and the login that leads back to the page with the form (the referring
    page of this site, else the address itself)."""
    from urllib.parse import urlsplit

    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme, urlencode

    back = request.META.get("HTTP_REFERER", "")
    if not back or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = request.path
    parts = urlsplit(back)
    back = parts.path + (f"?{parts.query}" if parts.query else "")
    login_url = f"{reverse('account_login')}?{urlencode({'next': back})}"
    return refusal(request, "403_session.html", 403, {"login_url": login_url})


def method_not_allowed(request, allowed: str):
    """405: this address does not take that kind of request (see the middleware)."""
    response = refusal(request, "405.html", 405)
    response["Allow"] = allowed
    return response


# allauth's actions by the URL name of the view that applies them (429 pages).
ALLAUTH_ACTIONS_BY_VIEW = {
    "account_login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
    "account_change_password": ("change_password",),
    "account_email": ("manage_email", "confirm_email"),
    "account_reauthenticate": ("reauthenticate",),
}


def _allauth_wait(request) -> int:
    """Seconds until allauth lets this client repeat what it was refused."""
    from django.urls import Resolver404, resolve

    from .ratelimit import allauth_retry_after, allauth_window

    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        name = None
    actions = ALLAUTH_ACTIONS_BY_VIEW.get(name) or tuple(
        action for group in ALLAUTH_ACTIONS_BY_VIEW.values() for action in group
    )
    email = (request.POST.get("email") or "").strip().lower() or None
    waits = [allauth_retry_after(request, action, key=email) for action in actions]
    known = [wait for wait in waits if wait]
    return max(known) if known else max(allauth_window(a) for a in actions)


def too_many_requests(request, exception=None):
    """429 for allauth's limits (login, password reset): says how long to wait."""
    from .ratelimit import describe_wait

    seconds = _allauth_wait(request)
    context = {"wait": describe_wait(seconds), "account": True}
    response = refusal(request, "429.html", 429, context)
    response["Retry-After"] = str(seconds)
    return response


def _caused_by_the_database(error) -> bool:
    """True when the error, or one it was raised from, is the database refusing
    (unreachable, or a lock that did not come free: a domain "try again" such as
    a capacity lock timeout carries the OperationalError as its cause)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request):
    """A self-contained error page: no database, no context processors that may fail.

    When the database cannot be reached (restart, failover, a lock that did not come
    free), the visitor gets a polite 503 with `Retry-After` instead of a 500: Django
    calls this handler inside its `except` block, so the exception is at hand.
    """
    from django.template import loader

    if _caused_by_the_database(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


# Rendering a PDF costs WeasyPrint a second or more of CPU. Anonymous repeats come
# from the page cache; what bypasses it (a logged-in person, the first view after a
# change) is limited per client, and the address is canonical (no query string), so
# no request can ask for a fresh render by varying its URL.
PDF_RENDER_LIMIT = 20
PDF_RENDER_WINDOW = 10 * 60


def _pdf_render_limit():
    from .ratelimit import RateLimit

    return RateLimit("pdf-render", limit=PDF_RENDER_LIMIT, window=PDF_RENDER_WINDOW)


def pdf_render_refusal(request, canonical: str):
    """What a request for a freshly rendered PDF gets instead of a render, or None.

    Every view that runs WeasyPrint per request (page PDFs, an opinion's letter with
    its errata, attendance certificates) calls it first: another spelling of the
    address or any query string is redirected to the one canonical address, and
    renders are counted per client (the Polish 429 past the limit). Returns None,
    having counted the render, when the view may go on.
    """
    from django.shortcuts import redirect

    if request.path != canonical or request.META.get("QUERY_STRING"):
        return redirect(canonical, permanent=True)
    limit = _pdf_render_limit()
    if limit.exceeded(request):
        return over_limit(request, limit)
    limit.hit(request)
    return None


def _pdf_page(page_id: int):
    """The live public page with a PDF version, or 404."""
    from django.http import Http404
    from wagtail.models import Page

    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or not getattr(page.specific, "show_pdf_link", False):
        raise Http404
    return page.specific


def _rendered_page(page, request):
    """The page's own response, rendered (the PDF's HTML and its cache lifetime)."""
    from django.http import Http404
    from django.template.response import TemplateResponse

    page_response = page.serve(request)
    if isinstance(page_response, TemplateResponse):
        page_response.render()
    if page_response.status_code != 200:
        raise Http404
    return page_response


@require_safe
def page_pdf(request, page_id: int):
    """The PDF of a public content page, rendered from its own HTML and print CSS.

    Only GET and HEAD (a POST is the Polish 405); any query string or another
    spelling of the address is redirected to the one address, which the page cache
    serves. Renders are limited per client (the Polish 429). The PDF is cached no
    longer than its page: a page whose state changes at a known time (`keep_until`)
    hands its shorter lifetime on, and an uncacheable page makes an uncached PDF.
    """
    from django.shortcuts import redirect
    from django.urls import reverse

    from .cache import mark_cacheable
    from .pdf import html_to_pdf

    canonical = reverse("page_pdf", args=[page_id])
    if request.path != canonical or request.META.get("QUERY_STRING"):
        return redirect(canonical, permanent=True)
    page = _pdf_page(page_id)
    if refusal := pdf_render_refusal(request, canonical):
        return refusal
    page_response = _rendered_page(page, request)
    pdf = html_to_pdf(page_response.content.decode())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{page.slug or 'strona'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    seconds = getattr(page_response, "razem_cache_seconds", None)
    if seconds is not None:
        mark_cacheable(response, seconds)
    return response


SEARCH_PER_PAGE = 10
SEARCH_MAX_QUERY = 200
# Searches offered when a query finds nothing (Polish content words, not UI strings).
SEARCH_SUGGESTIONS = [
    "konferencja",
    "pomoc społeczna",
    "dodatek motywacyjny",
    "deinstytucjonalizacja",
    "statut",
]


def _search_result(entry, stems, request) -> dict:
    """One result row: the page's URL, highlighted title and excerpt, its kind."""
    from .search.query import highlight

    page = entry.page
    return {
        "url": page.get_url(request),
        "title": highlight(entry.title, stems),
        "excerpt": highlight(entry.text, stems, limit=260),
        "kind": page.specific_class._meta.verbose_name if page.specific_class else "",
        "date": page.last_published_at,
    }


@require_GET
def search(request):
    """`/szukaj/?q=`: public live pages matching every word of the query."""
    from django.core.paginator import Paginator

    from .cache import mark_cacheable
    from .search.query import query_stems, search_entries

    query = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_QUERY]
    stems = query_stems(query)
    paginator = Paginator(search_entries(stems), SEARCH_PER_PAGE)
    results_page = paginator.get_page(request.GET.get("strona"))
    context = {
        "search_query": query,
        "results_page": results_page,
        "results": [
            _search_result(entry, stems, request) for entry in results_page.object_list
        ],
        "result_count": paginator.count if stems else 0,
        "suggestions": SEARCH_SUGGESTIONS,
    }
    response = render(request, "razem/search.html", context)
    if not request.user.is_authenticated:
        mark_cacheable(response)
    return response


def admin_login_redirect(request, default: str = "/admin/"):
    """Send /admin/login/ (GET or POST) to the allauth login, keeping `next`."""
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme, urlencode

    next_url = request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = default
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def frontend_login_redirect(request):
    """Wagtail's /_util/login/ (a plain password form, without allauth's limits and
    second factor) only hands over to the allauth login."""
    return admin_login_redirect(request, default="/")


# Password-protected pages and document collections (Wagtail's view restrictions):
# wrong passwords per client and quarter of an hour.
VIEW_PASSWORD_LIMIT_COUNT = 10
VIEW_PASSWORD_WINDOW = 15 * 60


def over_limit(request, limit):
    """The Polish 429 page for a project limit, naming the wait."""
    from .ratelimit import describe_wait

    seconds = limit.retry_after(request)
    response = refusal(request, "429.html", 429, {"wait": describe_wait(seconds)})
    response["Retry-After"] = str(seconds)
    return response


def limit_failed_posts(limit):
    """Refuse a client's POSTs once `limit` is used up; a POST answered 200 (the
    form again, with its error) counts, a redirect (it worked) does not."""
    from functools import wraps

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and limit.exceeded(request):
                return over_limit(request, limit)
            response = view(request, *args, **kwargs)
            if request.method == "POST" and response.status_code == 200:
                limit.hit(request)
            return response

        return wrapped

    return decorator


def _view_password_limit():
    from .ratelimit import RateLimit

    return RateLimit(
        "view-password", limit=VIEW_PASSWORD_LIMIT_COUNT, window=VIEW_PASSWORD_WINDOW
    )


def page_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's password form of a protected page, limited per client."""
    from wagtail.views import authenticate_with_password

    view = limit_failed_posts(_view_password_limit())(authenticate_with_password)
    return view(request, page_view_restriction_id, page_id)


def document_password(request, restriction_id: int):
    """Wagtail's password form of a protected document collection, limited."""
    from wagtail.documents.views.serve import authenticate_with_password

    view = limit_failed_posts(_view_password_limit())(authenticate_with_password)
    return view(request, restriction_id)
