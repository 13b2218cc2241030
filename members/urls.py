"""Front-end URLs of the members app (Polish slugs, English names)."""

from django.urls import path

from .views import accounts, centre, public

app_name = "members"
urlpatterns = [
    path("przystap/", public.apply, name="apply"),
    path("przystap/gminy/", public.municipality_search, name="municipality_search"),
    path("przystap/wyslano/", public.apply_done, name="apply_done"),
    path("czlonkowie/", public.directory, name="directory"),
    path("konto/zaproszenie/<str:token>/", accounts.invitation, name="invitation"),
    path("moj-osrodek/", centre.my_centre, name="my_centre"),
    path("moj-osrodek/dane/", centre.edit_contacts, name="edit_contacts"),
    path("moj-osrodek/osoby/zapros/", centre.invite, name="invite"),
    path(
        "moj-osrodek/osoby/<int:pk>/usun/",
        centre.remove_person_view,
        name="remove_person",
    ),
    path(
        "moj-osrodek/osoby/<int:pk>/przekaz-funkcje/",
        centre.hand_over_view,
        name="hand_over",
    ),
    path(
        "moj-osrodek/zaproszenia/<int:pk>/wycofaj/",
        centre.cancel_invitation_view,
        name="cancel_invitation",
    ),
    path("moj-osrodek/moje-dane/", accounts.my_data, name="my_data"),
    path(
        "moj-osrodek/usun-konto/", accounts.delete_account_view, name="delete_account"
    ),
]
