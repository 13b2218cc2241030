"""Least privilege in the admin: the editors ("Editors", "Redakcja") write the
programme but never see participants; the conference office ("Biuro konferencji")
sees them; the dietary or accessibility needs (special-category data) need
`conferences.export_special_category` on top of that."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from conferences.demo import OFFICE_GROUP, set_up_staff_groups
from conferences.services.registration import register_participants
from tests.factories.conferences import participant
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

NEEDS = "dieta bezglutenowa, wózek"
NEEDS_HEADER = "Potrzeby żywieniowe lub związane z dostępnością"

GET_URLS = [
    "/admin/konferencje",
    "/admin/konferencje/{conference}",
    "/admin/konferencje/{conference}/eksport.csv",
    "/admin/konferencje/{conference}/eksport.xlsx",
    "/admin/konferencje/{conference}/identyfikatory.pdf",
    "/admin/konferencje/{conference}/zaswiadczenia.pdf",
    "/admin/konferencje/{conference}/wejscie",
    "/admin/konferencje/zgloszenia/{registration}/anuluj",
    "/admin/registrations/",
    "/admin/registrations/?export=csv",
    "/admin/registrations/?export=xlsx",
    "/admin/registrations/inspect/{registration}/",
    "/admin/registrations/edit/{registration}/",
]
POST_URLS = [
    "/admin/konferencje/zgloszenia/{registration}/obecnosc",
    "/admin/konferencje/zgloszenia/{registration}/zatwierdz",
    "/admin/konferencje/zgloszenia/{registration}/anuluj",
    "/admin/registrations/edit/{registration}/",
]


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def groups(db):
    """The groups as the demo sets them up, over an older demo that had given the
    editors the registration permissions."""
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_registration", "change_registration"]
        )
    )
    set_up_staff_groups()
    return editors, Group.objects.get(name=OFFICE_GROUP)


@pytest.fixture
def editor(groups):
    user = UserFactory(email="redaktorka@razem.test", is_staff=True)
    user.groups.add(groups[0])
    return user


@pytest.fixture
def office(groups):
    user = UserFactory(email="biuro-konferencji@razem.test", is_staff=True)
    user.groups.add(groups[1])
    return user


@pytest.fixture
def registration(conference, centre, rep):
    (registration,) = register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[
            participant(
                1, last_name="Wrażliwa", special_needs=NEEDS, special_needs_consent=True
            )
        ],
    ).registrations
    return registration


def _url(url, conference, registration):
    return url.format(conference=conference.pk, registration=registration.pk)


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _refused(response) -> bool:
    """403, or the admin's redirect to its dashboard ("no permission")."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_demo_groups_give_registrations_to_the_office_only(groups):
    editors, office = groups
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    assert not editor_perms & {
        "view_registration",
        "change_registration",
        "export_special_category",
    }
    assert {"add_speaker", "change_speaker"} <= editor_perms
    office_perms = set(office.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_registration",
        "change_registration",
        "export_special_category",
    } <= office_perms


@pytest.mark.parametrize("url", GET_URLS)
def test_the_editor_is_refused_every_admin_url_of_registrations(
    client, editor, conference, registration, url
):
    client.force_login(editor)
    response = client.get(_url(url, conference, registration))
    assert _refused(response), response.status_code
    body = _body(response)
    assert b"Wra\xc5\xbcliwa" not in body
    assert NEEDS.encode() not in body


@pytest.mark.parametrize("url", POST_URLS)
def test_the_editor_cannot_change_a_registration(
    client, editor, conference, registration, url
):
    client.force_login(editor)
    response = client.post(
        _url(url, conference, registration),
        {"reason": "próba", "first_name": "Zmieniona", "last_name": "X"},
    )
    assert _refused(response), response.status_code
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.first_name != "Zmieniona"
    assert registration.checked_in_at is None


def test_the_editor_sees_no_registration_menu_or_panel(
    client, editor, conference, registration
):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/admin/registrations/" not in body
    assert "/admin/konferencje" not in body
    # The editor still has the programme's speakers.
    assert client.get("/admin/snippets/conferences/speaker/").status_code == 200


def test_the_office_sees_menus_registrations_and_the_needs(
    client, office, conference, registration
):
    client.force_login(office)
    body = client.get("/admin/").content.decode()
    assert "/admin/registrations/" in body
    assert "/admin/konferencje" in body
    inspect = client.get(f"/admin/registrations/inspect/{registration.pk}/")
    assert NEEDS in inspect.content.decode()
    response = client.get(f"/admin/konferencje/{conference.pk}/eksport.csv")
    rows = list(
        csv.reader(
            io.StringIO(_body(response).decode().lstrip("\ufeff")), delimiter=";"
        )
    )
    assert NEEDS_HEADER in rows[0]
    assert rows[1][rows[0].index(NEEDS_HEADER)] == NEEDS
    listing = client.get("/admin/registrations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(_body(listing))).active
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    assert first[header.index(NEEDS_HEADER)] == NEEDS


def test_without_the_special_category_permission_the_needs_are_neither_shown_nor_exported(
    client, staff_user, conference, registration
):
    """Staff with `view_registration` only: participants yes, their needs no."""
    client.force_login(staff_user)
    inspect = client.get(f"/admin/registrations/inspect/{registration.pk}/")
    assert inspect.status_code == 200
    assert "Wrażliwa" in inspect.content.decode()
    assert NEEDS not in inspect.content.decode()
    for url in (
        f"/admin/konferencje/{conference.pk}/eksport.csv",
        f"/admin/konferencje/{conference.pk}/eksport.xlsx",
        "/admin/registrations/?export=csv",
        "/admin/registrations/?export=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = _body(response)
        if url.endswith("xlsx"):
            rows = list(
                load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)
            )
            text = repr(rows)
        else:
            text = body.decode()
        assert "Wrażliwa" in text
        assert NEEDS not in text, url
        assert NEEDS_HEADER not in text, url


def test_a_change_permission_without_view_shows_no_participant(
    client, conference, registration
):
    """`change_registration` alone (no explicit `view_registration`) opens nothing."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_registration"])
    )
    client.force_login(user)
    for url in GET_URLS:
        response = client.get(_url(url, conference, registration))
        assert _refused(response), url
    assert "/admin/registrations/" not in client.get("/admin/").content.decode()
