"""URLs of the conferences app: the centre's side in "Mój ośrodek" and the staff
pages beside the Wagtail admin."""

from django.urls import path

from . import admin_views, views

app_name = "conferences"
urlpatterns = [
    path(
        "moj-osrodek/konferencje/",
        views.centre_registrations,
        name="centre_registrations",
    ),
    path(
        "moj-osrodek/konferencje/<int:page_id>/zapisz/",
        views.register,
        name="register",
    ),
    path(
        "moj-osrodek/konferencje/zgloszenia/<int:pk>/anuluj/",
        views.cancel,
        name="cancel",
    ),
    path(
        "moj-osrodek/konferencje/zgloszenia/<int:pk>/zaswiadczenie/",
        views.certificate,
        name="certificate",
    ),
]

# Staff pages live beside the Wagtail admin, not inside its URL wrapper, so that a
# member without admin access gets a plain 403 rather than a login redirect. They
# end without a slash because the admin's catch-all takes every path ending in one;
# the /admin/ prefix keeps them behind the staff two-factor middleware.
staff_urlpatterns = [
    path("admin/konferencje", admin_views.overview, name="staff_overview"),
    path(
        "admin/konferencje/<int:page_id>",
        admin_views.conference_detail,
        name="staff_conference",
    ),
    path(
        "admin/konferencje/<int:page_id>/eksport.csv",
        admin_views.export_csv,
        name="staff_export_csv",
    ),
    path(
        "admin/konferencje/<int:page_id>/eksport.xlsx",
        admin_views.export_xlsx,
        name="staff_export_xlsx",
    ),
    path(
        "admin/konferencje/<int:page_id>/identyfikatory.pdf",
        admin_views.badges,
        name="staff_badges",
    ),
    path(
        "admin/konferencje/<int:page_id>/zaswiadczenia.pdf",
        admin_views.certificates,
        name="staff_certificates",
    ),
    path(
        "admin/konferencje/<int:page_id>/wejscie",
        admin_views.check_in_page,
        name="staff_check_in",
    ),
    path(
        "admin/konferencje/zgloszenia/<int:pk>/obecnosc",
        admin_views.check_in_action,
        name="staff_check_in_action",
    ),
    path(
        "admin/konferencje/zgloszenia/<int:pk>/zatwierdz",
        admin_views.approve,
        name="staff_approve",
    ),
    path(
        "admin/konferencje/zgloszenia/<int:pk>/anuluj",
        admin_views.staff_cancel,
        name="staff_cancel",
    ),
]
urlpatterns += staff_urlpatterns
