"""Staff URLs in the Wagtail admin: the opinion console, transitions, exports."""

from django.urls import path

from . import admin_views

app_name = "consultations_admin"
urlpatterns = [
    path("", admin_views.opinion_list, name="opinions"),
    path("<int:opinion_id>/", admin_views.opinion_console, name="opinion"),
    path(
        "<int:opinion_id>/<slug:action>/",
        admin_views.transition,
        name="transition",
    ),
    path(
        "<int:opinion_id>/podpisy.<str:file_format>",
        admin_views.export_signatories,
        name="export",
    ),
    path(
        "komentarze/<int:comment_id>/ukryj/",
        admin_views.hide_comment,
        name="hide_comment",
    ),
]
