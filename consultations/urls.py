"""Front-end URLs of the consultations app (actions beside the opinion pages).

Opinion pages are leaves of the page tree, so /opinie/<id>/<action>/ never shadows a
page. The lists live on the index page itself (/opinie/projekty/).
"""

from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("opinie/<int:opinion_id>/podpis/", views.sign, name="sign"),
    path("opinie/<int:opinion_id>/wycofanie/", views.withdraw, name="withdraw"),
    path("opinie/<int:opinion_id>/komentarze/", views.comment, name="comment"),
    path("opinie/<int:opinion_id>/pismo.pdf", views.letter, name="letter"),
    path(
        "opinie/<int:opinion_id>/pismo-z-erratami.pdf",
        views.letter_pack_view,
        name="letter_pack",
    ),
]
