"""Every members admin form submitted empty and with bad values: never a 500, and a
Polish message beside each field at fault."""

import html as html_lib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from members.choices import ApplicationStatus, CentreStatus, Role
from members.models import Application, Centre, Dues, Invitation, Municipality
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    DuesFactory,
    MunicipalityFactory,
    UserFactory,
    invitation,
)

REQUIRED = "To pole jest wymagane."

FIELD = re.compile(
    r'id="inline_child_(?P<inline>[a-z_]+-(?:\d+|__prefix__))"'
    r'|<div class="w-field [^"]*" data-field data-contentpath="(?P<name>\w+)"'
)
MESSAGE = re.compile(r'<p class="error-message">(.*?)</p>', re.S)


def field_errors(response) -> dict[str, str]:
    """{field name: its error text} as shown beside each field of a Wagtail form
    (inline rows as "dues-0-paid_on")."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    found, inline = {}, ""
    matches = list(FIELD.finditer(page))
    for index, match in enumerate(matches):
        if match["inline"]:
            inline = "" if "__prefix__" in match["inline"] else match["inline"]
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(page)
        messages = MESSAGE.findall(page, match.end(), end)
        if messages:
            name = f"{inline}-{match['name']}" if inline else match["name"]
            text = " ".join(" ".join(messages).split())
            found[name] = html_lib.unescape(text)
    return found


def response_text(errors: dict) -> str:
    return " ".join(errors.values())


def management_form(prefix="dues", total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


# Centres and their dues ----------------------------------------------------------

CENTRES = "/admin/members/centre/"


def centre_data(municipality, **overrides):
    data = {
        "name": "GOPS Testowo",
        "kind": "GOPS",
        "municipality": municipality.pk,
        "status": CentreStatus.MEMBER,
        "street": "ul. Szkolna 1",
        "postal_code": "26-811",
        "city": "Testowo",
        "email": "gops@testowo.example.pl",
        "director": "Jan Kowalski",
        **management_form(),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_centre_add_empty(staff_client):
    errors = field_errors(staff_client.post(f"{CENTRES}new/", management_form()))
    for name in ["name", "kind", "municipality", "street", "postal_code", "city"]:
        assert errors[name] == REQUIRED, name
    assert errors["email"] == REQUIRED
    assert errors["director"] == REQUIRED
    assert not Centre.objects.exists()


@pytest.mark.django_db
def test_centre_add_bad_values(staff_client):
    data = centre_data(
        MunicipalityFactory(),
        postal_code="26811",
        email="nie-email",
        website="nie adres",
        nip="1234567890",
        name="x" * 300,
    )
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert "00-000" in errors["postal_code"]
    assert "e-mail" in errors["email"] or "email" in errors["email"]
    assert "URL" in errors["website"] or "adres" in errors["website"]
    assert "NIP" in errors["nip"]
    assert "255" in errors["name"]
    assert not Centre.objects.exists()


@pytest.mark.django_db
def test_centre_admission_over_the_limit_needs_a_reason_beside_its_field(
    staff_client,
):
    data = centre_data(MunicipalityFactory(population=80_000))
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert "uzasadnienie" in errors["eligibility_exception_reason"]
    data["eligibility_exception_reason"] = "x" * 2001
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert "2000" in errors["eligibility_exception_reason"]
    assert not Centre.objects.exists()


@pytest.mark.django_db
def test_centre_edit_refuses_blanking_the_director_and_address(staff_client):
    centre = CentreFactory()
    data = centre_data(
        centre.municipality, name=centre.name, director="", street="", email=""
    )
    errors = field_errors(staff_client.post(f"{CENTRES}edit/{centre.pk}/", data))
    assert errors["director"] == REQUIRED
    assert errors["street"] == REQUIRED
    assert errors["email"] == REQUIRED
    centre.refresh_from_db()
    assert centre.director == "Joanna Wójcik"


def dues_row(index, **values):
    row = {"year": "", "amount": "", "paid_on": "", "id": "", "ORDER": str(index)}
    row.update(values)
    row.setdefault("DELETE", "")
    return {f"dues-{index}-{key}": value for key, value in row.items()}


@pytest.mark.django_db
def test_dues_inline_refuses_future_payment_dates_and_bad_values(staff_client):
    centre = CentreFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = centre_data(centre.municipality, name=centre.name)
    data.update(management_form(total=2))
    data.update(dues_row(0, year="2026", amount="500.00", paid_on=tomorrow))
    data.update(dues_row(1, year="1999", amount="-5", paid_on="32.13.2026"))
    response = staff_client.post(f"{CENTRES}edit/{centre.pk}/", data)
    errors = field_errors(response)
    assert errors["dues-0-paid_on"] == "Data wpłaty nie może być z przyszłości."
    assert "2000" in errors["dues-1-year"]
    assert "0" in errors["dues-1-amount"]
    assert "datę" in errors["dues-1-paid_on"].lower()
    assert not Dues.objects.exists()


@pytest.mark.django_db
def test_dues_inline_refuses_a_second_row_for_a_year_without_a_500(staff_client):
    centre = CentreFactory()
    existing = DuesFactory(centre=centre, year=2025)
    data = centre_data(centre.municipality, name=centre.name)
    data.update(management_form(total=3, initial=1))
    data.update(dues_row(0, id=str(existing.pk), year="2025", amount="500.00"))
    data.update(dues_row(1, year="2025", amount="300.00"))
    data.update(dues_row(2, year="2025", amount="200.00"))
    errors = field_errors(staff_client.post(f"{CENTRES}edit/{centre.pk}/", data))
    assert errors["dues-1-year"] == "Składka za ten rok jest już zapisana."
    assert errors["dues-2-year"] == "Składka za ten rok jest już zapisana."
    assert "dues-0-year" not in errors
    assert "centre" not in response_text(errors)
    assert Dues.objects.count() == 1


@pytest.mark.django_db
def test_dues_model_refuses_future_payment_dates():
    from django.core.exceptions import ValidationError

    dues = Dues(
        centre=CentreFactory(),
        year=2026,
        amount=500,
        paid_on=timezone.localdate() + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as caught:
        dues.full_clean()
    assert "paid_on" in caught.value.message_dict
    dues.paid_on = timezone.localdate()
    dues.full_clean()


# Municipalities ---------------------------------------------------------------

MUNICIPALITIES = "/admin/members/municipality/"


@pytest.mark.django_db
def test_municipality_add_empty_and_bad_values(staff_client):
    errors = field_errors(staff_client.post(f"{MUNICIPALITIES}new/", {}))
    for name in ["teryt", "name", "kind", "powiat", "voivodeship", "population"]:
        assert errors[name] == REQUIRED, name
    MunicipalityFactory(teryt="1401063")
    data = {
        "teryt": "14a",
        "name": "Nowa",
        "kind": "gminna",
        "powiat": "p",
        "voivodeship": "Bawaria",
        "population": "-5",
        "population_year": "1800",
    }
    errors = field_errors(staff_client.post(f"{MUNICIPALITIES}new/", data))
    assert "siedem cyfr" in errors["teryt"]
    assert "prawidłową" in errors["kind"] or "poprawn" in errors["kind"]
    assert "Bawaria" in errors["voivodeship"]
    assert "0" in errors["population"]
    assert "1990" in errors["population_year"]
    data.update(
        teryt="1401063", kind="wiejska", voivodeship="mazowieckie", population="10"
    )
    data["population_year"] = "2025"
    errors = field_errors(staff_client.post(f"{MUNICIPALITIES}new/", data))
    assert "Istnieje już" in errors["teryt"]
    assert Municipality.objects.count() == 1


# Applications --------------------------------------------------------------------

APPLICATIONS = "/admin/members/application/"


@pytest.mark.django_db
def test_application_add_empty_and_bad_values(staff_client):
    errors = field_errors(staff_client.post(f"{APPLICATIONS}new/", {}))
    for name in ["centre_name", "kind", "municipality", "street", "postal_code"]:
        assert errors[name] == REQUIRED, name
    for name in ["city", "centre_email", "director", "first_name", "last_name"]:
        assert errors[name] == REQUIRED, name
    data = {
        "centre_name": "OPS",
        "kind": "OPS",
        "municipality": MunicipalityFactory().pk,
        "street": "ul. 1",
        "postal_code": "26811",
        "city": "X",
        "centre_email": "zly",
        "director": "D",
        "nip": "1234567890",
        "first_name": "A",
        "last_name": "B",
        "email": "zly@",
        "message": "x" * 3001,
    }
    errors = field_errors(staff_client.post(f"{APPLICATIONS}new/", data))
    assert "00-000" in errors["postal_code"]
    assert "NIP" in errors["nip"]
    assert "3000" in errors["message"]
    assert {"centre_email", "email"} <= set(errors)
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_paper_application_for_a_gmina_with_a_member_centre_is_refused(
    staff_client,
):
    member = CentreFactory(kind="GOPS")
    data = {
        "centre_name": "GOPS",
        "kind": "GOPS",
        "municipality": member.municipality_id,
        "street": "ul. 1",
        "postal_code": "26-811",
        "city": "X",
        "centre_email": "gops@example.test",
        "director": "D",
        "first_name": "A",
        "last_name": "B",
        "email": "a@example.test",
    }
    errors = field_errors(staff_client.post(f"{APPLICATIONS}new/", data))
    assert "ma już ośrodek członkowski" in errors["municipality"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_decided_application_is_read_only_in_the_admin(staff_client, admin_user):
    application = ApplicationFactory(
        status=ApplicationStatus.REJECTED, decision_reason="Nie"
    )
    url = f"{APPLICATIONS}edit/{application.pk}/"
    html = staff_client.get(url).content.decode()
    assert re.search(r'name="centre_name"[^>]*disabled', html)
    response = staff_client.post(url, {"centre_name": "Inna", "email": "x@y.test"})
    assert response.status_code in (200, 302)
    application.refresh_from_db()
    assert application.centre_name != "Inna"
    assert application.email != "x@y.test"


@pytest.mark.django_db
def test_decision_forms_limit_their_reasons(staff_client):
    application = ApplicationFactory(
        municipality=MunicipalityFactory(population=90_000)
    )
    too_long = "x" * 2001
    response = staff_client.post(
        f"{APPLICATIONS}accept/{application.pk}/", {"exception_reason": too_long}
    )
    assert response.status_code == 200
    assert "2000" in response.content.decode()
    response = staff_client.post(
        f"{APPLICATIONS}reject/{application.pk}/", {"reason": too_long}
    )
    assert response.status_code == 200
    assert "2000" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


@pytest.mark.django_db
def test_accepting_an_application_with_invalid_centre_data_is_refused_politely(
    staff_client,
):
    application = ApplicationFactory()
    Application.objects.filter(pk=application.pk).update(postal_code="26811")
    response = staff_client.post(f"{APPLICATIONS}accept/{application.pk}/", {})
    assert response.status_code == 200
    assert "Dane ośrodka są nieprawidłowe" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert not Centre.objects.exists()


@pytest.mark.django_db
def test_accepting_for_a_staff_address_is_refused_and_nothing_changes(
    staff_client, admin_user
):
    application = ApplicationFactory(email="Admin@Example.test")
    response = staff_client.post(f"{APPLICATIONS}accept/{application.pk}/", {})
    assert response.status_code == 200
    assert "konta pracownika Stowarzyszenia" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert not Centre.objects.exists()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_accepting_for_a_person_of_another_centre_is_refused(staff_client):
    from tests.factories.members import representative

    representative(email="zajeta@example.test")
    application = ApplicationFactory(email="zajeta@example.test")
    response = staff_client.post(f"{APPLICATIONS}accept/{application.pk}/", {})
    assert "osoby z innego ośrodka" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


# Invitations ---------------------------------------------------------------------

INVITATIONS = "/admin/members/invitation/"


@pytest.mark.django_db
def test_invitation_add_form_has_the_real_fields(staff_client):
    html = staff_client.get(f"{INVITATIONS}new/").content.decode()
    for name in ["centre", "email", "role", "first_name", "last_name"]:
        assert f'name="{name}"' in html, name
    assert 'name="expires_at"' not in html


@pytest.mark.django_db
def test_invitation_add_empty_and_bad_values(staff_client):
    errors = field_errors(staff_client.post(f"{INVITATIONS}new/", {}))
    assert errors["centre"] == REQUIRED
    assert errors["email"] == REQUIRED
    assert errors["role"] == REQUIRED
    data = {
        "centre": "999999",
        "email": "zly",
        "role": "boss",
        "first_name": "x" * 151,
    }
    errors = field_errors(staff_client.post(f"{INVITATIONS}new/", data))
    assert {"centre", "email", "role", "first_name"} <= set(errors)
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_invitation_add_goes_through_the_service(
    staff_client, admin_user, django_capture_on_commit_callbacks
):
    centre = CentreFactory(name="GOPS Admin")
    data = {
        "centre": centre.pk,
        "email": "Nowa.Osoba@Example.test",
        "role": Role.REPRESENTATIVE,
        "first_name": "Nowa",
        "last_name": "Osoba",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"{INVITATIONS}new/", data)
    assert response.status_code == 302
    created = Invitation.objects.get()
    assert created.email == "nowa.osoba@example.test"
    assert created.invited_by == admin_user
    assert created.is_usable
    [message] = mail.outbox
    assert "/konto/zaproszenie/" in message.body
    assert ModelLogEntry.objects.filter(
        object_id=str(centre.pk), action="members.invitation_create"
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["staff", "other_centre", "pending"])
def test_invitation_add_explains_a_refusal_beside_the_address(staff_client, kind):
    from tests.factories.members import representative

    centre = CentreFactory()
    if kind == "staff":
        UserFactory(email="redakcja@razem.test", is_staff=True)
        address, words = "REDAKCJA@razem.test", "pracownika Stowarzyszenia"
    elif kind == "other_centre":
        representative(email="inna@example.test")
        address, words = "inna@example.test", "innego ośrodka"
    else:
        invitation(CentreFactory(), email="czeka@example.test")
        address, words = "czeka@example.test", "oczekujące zaproszenie"
    data = {"centre": centre.pk, "email": address, "role": Role.STAFF}
    errors = field_errors(staff_client.post(f"{INVITATIONS}new/", data))
    assert words in errors["email"]
    assert not Invitation.objects.filter(centre=centre).exists()


@pytest.mark.django_db
def test_invitation_edit_cannot_change_what_was_sent(staff_client):
    created, _token = invitation(email="ewa@example.test")
    other = CentreFactory()
    url = f"{INVITATIONS}edit/{created.pk}/"
    html = staff_client.get(url).content.decode()
    assert 'name="email"' not in html and 'name="centre"' not in html
    expires = timezone.localtime() + timedelta(days=20)
    response = staff_client.post(
        url,
        {
            "centre": other.pk,
            "email": "mallory@example.test",
            "role": Role.REPRESENTATIVE,
            "first_name": "Ewa",
            "last_name": "Nowak",
            "expires_at": expires.strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.centre_id, created.email, created.role) != (
        other.pk,
        "mallory@example.test",
        Role.REPRESENTATIVE,
    )
    assert created.email == "ewa@example.test"
    assert created.last_name == "Nowak"


@pytest.mark.django_db
def test_invitation_edit_bad_values(staff_client):
    created, _token = invitation()
    url = f"{INVITATIONS}edit/{created.pk}/"
    errors = field_errors(staff_client.post(url, {"expires_at": "jutro"}))
    assert "expires_at" in errors
    far = timezone.localtime() + timedelta(days=90)
    errors = field_errors(
        staff_client.post(url, {"expires_at": far.strftime("%Y-%m-%d %H:%M")})
    )
    assert "30 dni" in errors["expires_at"]


@pytest.mark.django_db
def test_a_used_invitation_is_read_only(staff_client):
    created, _token = invitation(used_at=timezone.now())
    url = f"{INVITATIONS}edit/{created.pk}/"
    html = staff_client.get(url).content.decode()
    assert re.search(r'name="expires_at"[^>]*disabled', html)
    staff_client.post(url, {"expires_at": "2030-01-01 10:00", "first_name": "Zmiana"})
    created.refresh_from_db()
    assert created.first_name == ""


def test_the_model_refuses_changing_a_sent_invitation(db):
    from django.core.exceptions import ValidationError

    created, _token = invitation(email="ewa@example.test")
    created.email = "mallory@example.test"
    created.role = Role.REPRESENTATIVE
    with pytest.raises(ValidationError) as caught:
        created.full_clean(exclude=["token_hash"])
    assert {"email", "role"} <= set(caught.value.message_dict)


@pytest.mark.django_db
def test_the_invitation_edit_page_shows_empty_values_as_a_dash(staff_client):
    created, _token = invitation()
    html = staff_client.get(f"{INVITATIONS}edit/{created.pk}/").content.decode()
    shown = re.findall(r'class="w-field__textoutput"[^>]*>(.*?)</div>', html, re.S)
    assert len(shown) >= 5
    assert all(value.strip() != "None" for value in shown), shown
    assert any(value.strip() == "–" for value in shown)
