"""Site-wide feature URLs of the house app (search, page PDFs)."""

from django.urls import path

from . import views

urlpatterns = [
    path("szukaj/", views.search, name="search"),
    path("pdf/<int:page_id>/", views.page_pdf, name="page_pdf"),
]
