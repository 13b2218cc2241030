"""Site-wide views: health check, robots.txt, error pages, search, page PDFs."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

# Choosing the interface language changes nothing but a cookie, so it needs no CSRF
# token, and pages showing the switch stay cacheable (see components/language_switch).
set_language = csrf_exempt(i18n.set_language)


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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


def server_error(request):
    """A self-contained error page: no database, no context processors that may fail.

    When the database cannot be reached (restart, failover, a lock that did not come
    free), the visitor gets a polite 503 with `Retry-After` instead of a 500: Django
    calls this handler inside its `except` block, so the exception is at hand.
    """
    from django.template import loader

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


def page_pdf(request, page_id: int):
    """The PDF of a public content page, rendered from its own HTML and print CSS."""
    from django.http import Http404
    from django.template.response import TemplateResponse
    from wagtail.models import Page

    from .cache import mark_cacheable
    from .pdf import html_to_pdf

    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    if not getattr(page, "show_pdf_link", False):
        raise Http404
    page_response = page.serve(request)
    if isinstance(page_response, TemplateResponse):
        page_response.render()
    if page_response.status_code != 200:
        raise Http404
    pdf = html_to_pdf(page_response.content.decode())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{page.slug or 'strona'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return mark_cacheable(response)


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


def admin_login_redirect(request):
    """Send /admin/login/ (GET or POST) to the allauth login, keeping `next`."""
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme, urlencode

    next_url = request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
