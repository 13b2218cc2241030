"""URL configuration: fixed public contracts first, Wagtail's page tree last."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as documents_serve
from wagtail.urls import serve_pattern

from . import routing, views
from .sitemaps import SITEMAPS

handler400 = "razem.views.bad_request"
handler403 = "razem.views.permission_denied"
handler404 = "razem.views.page_not_found"
handler500 = "razem.views.server_error"
# allauth's rate limits answer through this handler (allauth.core.ratelimit).
handler429 = "razem.views.too_many_requests"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Show-only addresses answer a POST with the Polish 405 (pages: razem.wagtail_hooks).
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("jezyk/", views.set_language, name="set_language"),
    # The admin has no login form of its own: allauth's (rate limits, TOTP) is the
    # only entrance, so /admin/login/ hands over to it.
    path("admin/login/", views.admin_login_redirect, name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms of protected documents and pages, limited per client;
    # the page one must come before the page tree's pattern, which would take it.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    re_path(
        r"^documents/(\d+)/(.*)$",
        require_safe(documents_serve.serve),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("konto/", include("allauth.urls")),
    path("", include("razem.site_urls")),
    path("", include("articles.urls")),
    path("", include("members.urls")),
    path("", include("conferences.urls")),
    path("", include("consultations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages: Wagtail's view with the route remembered per cache generation
# (razem.routing); Wagtail's own patterns stay for reversing and its _util views.
urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's own front-end login would take passwords without allauth's limits
    # and second factor: it only hands over to allauth.
    path("_util/login/", views.frontend_login_redirect, name="wagtailcore_login"),
    re_path(serve_pattern, routing.serve, name="razem_serve"),
    path("", include(wagtail_urls)),
]
