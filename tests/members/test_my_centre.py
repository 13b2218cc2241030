"""'Mój ośrodek': the centre's data, contacts, people, dues, sections of other apps."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail import hooks
from wagtail.models import ModelLogEntry

from members.choices import Role
from members.exceptions import LastRepresentative, NotAllowed
from members.models import Invitation, Membership
from members.services import remove_person, update_centre_contacts
from tests.factories.members import DuesFactory, UserFactory


def test_url_name():
    assert reverse("members:my_centre") == "/moj-osrodek/"


@pytest.mark.django_db
def test_person_without_centre_gets_a_helpful_page(client):
    client.force_login(UserFactory())
    html = client.get("/moj-osrodek/").content.decode()
    assert "nie należy jeszcze do żadnego ośrodka" in html
    assert reverse("members:apply") in html


@pytest.mark.django_db
def test_page_shows_data_people_and_dues(client, centre_a, rep_a, staff_a):
    DuesFactory(centre=centre_a, year=2025, paid_on="2025-03-10")
    DuesFactory(centre=centre_a, year=2026, paid_on=None)
    client.force_login(staff_a)
    html = client.get("/moj-osrodek/").content.decode()
    assert "MGOPS Alfa" in html
    assert "rep-a@example.test" in html and "staff-a@example.test" in html
    assert "2025-03-10" in html
    assert "jeszcze nie opłacona" in html
    assert reverse("members:edit_contacts") not in html  # staff cannot edit


@pytest.mark.django_db
def test_representative_edits_contacts_and_the_change_is_logged(
    client, centre_a, rep_a
):
    client.force_login(rep_a)
    response = client.post(
        "/moj-osrodek/dane/",
        {
            "director": "Nowa Kierowniczka",
            "phone": "+48 44 600 00 00",
            "email": "sekretariat@alfa.example.pl",
            "website": "https://alfa.example.pl/",
            "street": "ul. Nowa 1",
            "postal_code": "26-811",
            "city": "Alfowo",
        },
    )
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert centre_a.director == "Nowa Kierowniczka"
    entry = ModelLogEntry.objects.get(
        object_id=str(centre_a.pk), action="members.centre_contacts"
    )
    assert entry.user_id == rep_a.pk
    assert entry.data["after"]["director"] == "Nowa Kierowniczka"
    assert entry.data["before"]["director"] == "Joanna Wójcik"


@pytest.mark.django_db
def test_contacts_form_errors_are_beside_the_field(client, rep_a):
    client.force_login(rep_a)
    html = client.post("/moj-osrodek/dane/", {"email": "to-nie-email"}).content.decode()
    assert 'class="field field--error' in html
    assert "Wprowadź poprawny adres email." in html or "adres e-mail" in html


@pytest.mark.django_db
def test_service_refuses_staff_changing_contacts(staff_a, centre_a):
    with pytest.raises(NotAllowed):
        update_centre_contacts(centre_a, user=staff_a, data={"director": "X"})


@pytest.mark.django_db
def test_representative_invites_staff_by_email(
    client, centre_a, rep_a, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/moj-osrodek/osoby/zapros/",
            {"email": "Nowa@Example.test", "first_name": "Nowa", "last_name": "Osoba"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nowa@example.test"
    assert invitation.role == Role.STAFF
    assert invitation.centre == centre_a
    assert invitation.invited_by == rep_a
    [message] = mail.outbox
    assert "/konto/zaproszenie/" in message.body
    assert "MGOPS Alfa" in message.subject


@pytest.mark.django_db
def test_representative_removes_staff_after_confirmation(client, rep_a, staff_a):
    membership = staff_a.membership
    client.force_login(rep_a)
    url = reverse("members:remove_person", args=[membership.pk])
    assert "Tak, usuń" in client.get(url).content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    staff_a.refresh_from_db()
    assert staff_a.is_active  # the account stays


@pytest.mark.django_db
def test_the_last_representative_cannot_be_removed(rep_a, centre_a):
    with pytest.raises(LastRepresentative):
        remove_person(rep_a.membership, user=rep_a)
    assert Membership.objects.filter(user=rep_a).exists()


@pytest.mark.django_db
def test_hand_over_swaps_roles(client, rep_a, staff_a):
    client.force_login(rep_a)
    url = reverse("members:hand_over", args=[staff_a.membership.pk])
    assert client.post(url).status_code == 302
    assert Membership.objects.get(user=staff_a).role == Role.REPRESENTATIVE
    assert Membership.objects.get(user=rep_a).role == Role.STAFF
    # the former representative can no longer manage people
    assert client.get("/moj-osrodek/dane/").status_code == 403


@pytest.mark.django_db
def test_withdrawing_an_invitation(client, rep_a, centre_a):
    from tests.factories.members import invitation

    created, _token = invitation(centre_a)
    client.force_login(rep_a)
    client.post(reverse("members:cancel_invitation", args=[created.pk]))
    created.refresh_from_db()
    assert not created.is_usable


@pytest.fixture
def panels(settings):
    """Two sections contributed by other apps, registered out of order."""

    def second(request, membership):
        return {"template": "members_test/panel.html", "order": 20, "title": "Druga"}

    def first(request, membership):
        return {"template": "members_test/panel.html", "order": 10, "title": "Pierwsza"}

    def nothing(request, membership):
        return None

    with (
        hooks.register_temporarily("razem_centre_panels", second),
        hooks.register_temporarily("razem_centre_panels", nothing),
        hooks.register_temporarily("razem_centre_panels", first),
    ):
        yield


@pytest.mark.django_db
def test_sections_of_other_apps_are_rendered_in_order(
    client, staff_a, panels, settings
):
    from pathlib import Path

    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [
                *settings.TEMPLATES[0]["DIRS"],
                Path(__file__).parent / "templates",
            ],
        }
    ]
    client.force_login(staff_a)
    html = client.get("/moj-osrodek/").content.decode()
    assert html.index("PANEL Pierwsza MGOPS Alfa") < html.index(
        "PANEL Druga MGOPS Alfa"
    )


def contacts(**overrides):
    data = {
        "director": "Nowa Kierowniczka",
        "phone": "+48 44 600 00 00",
        "email": "sekretariat@alfa.example.pl",
        "website": "https://alfa.example.pl/",
        "street": "ul. Nowa 1",
        "postal_code": "26-811",
        "city": "Alfowo",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value,message",
    [
        ("director", "", "To pole jest wymagane."),
        ("street", "", "To pole jest wymagane."),
        ("email", "", "To pole jest wymagane."),
        ("city", "", "To pole jest wymagane."),
        ("postal_code", "26811", "Podaj kod pocztowy w formacie 00-000."),
        ("postal_code", "", "To pole jest wymagane."),
        ("director", "x" * 151, "150"),
    ],
)
def test_contacts_are_held_to_the_application_forms_rules(
    client, centre_a, rep_a, field, value, message
):
    client.force_login(rep_a)
    response = client.post("/moj-osrodek/dane/", contacts(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    error = re.search(rf'id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert error and message in error.group(1), html[:200]
    centre_a.refresh_from_db()
    assert centre_a.director == "Joanna Wójcik"
    assert centre_a.postal_code == "26-811"


def test_the_service_refuses_invalid_contacts_from_any_caller(rep_a, centre_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        update_centre_contacts(
            centre_a, user=rep_a, data={"postal_code": "26811", "director": ""}
        )
    assert {"postal_code", "director"} <= set(caught.value.message_dict)
    centre_a.refresh_from_db()
    assert centre_a.postal_code == "26-811"


def test_the_centre_model_holds_the_rules_for_every_path(db):
    from django.core.exceptions import ValidationError

    from members.models import Centre

    centre = Centre(
        name="GOPS", kind="GOPS", municipality=centre_a_municipality(), status="member"
    )
    with pytest.raises(ValidationError) as caught:
        centre.full_clean()
    assert {"street", "postal_code", "city", "email", "director"} <= set(
        caught.value.message_dict
    )


def centre_a_municipality():
    from tests.factories.members import MunicipalityFactory

    return MunicipalityFactory()


@pytest.mark.django_db
def test_a_member_admitted_before_a_census_keeps_editing_its_contacts(
    client, centre_a, rep_a
):
    """A later population figure over the limit does not block the centre's data."""
    municipality = centre_a.municipality
    municipality.population = 80_000
    municipality.save()
    client.force_login(rep_a)
    assert client.post("/moj-osrodek/dane/", contacts()).status_code == 302
    centre_a.refresh_from_db()
    assert centre_a.director == "Nowa Kierowniczka"


@pytest.mark.django_db
def test_dues_cannot_be_changed_from_my_centre(client, centre_a, rep_a):
    DuesFactory(centre=centre_a, year=2026, paid_on=None)
    client.force_login(rep_a)
    client.post(
        "/moj-osrodek/dane/",
        contacts(**{"dues-0-paid_on": "2099-01-01", "paid_on": "2099-01-01"}),
    )
    assert centre_a.dues.get().paid_on is None
