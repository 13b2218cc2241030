"""The public application at /przystap/: search, errors, spam, limits, e-mails."""

import pytest
from django.core import mail
from django.urls import reverse

from members.choices import ApplicationStatus
from members.models import Application
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    MunicipalityFactory,
)

URL = "/przystap/"


@pytest.fixture
def gmina(db):
    return MunicipalityFactory(
        teryt="1401063", name="Wyśmierzyce", kind="miejsko-wiejska", population=2642
    )


@pytest.fixture
def big_gmina(db):
    return MunicipalityFactory(
        teryt="3063011", name="Leszno", kind="miejska", population=58766
    )


def valid_data(gmina, **overrides):
    data = {
        "municipality": gmina.teryt,
        "centre_name": "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        "kind": "MGOPS",
        "street": "ul. Mickiewicza 2",
        "postal_code": "26-811",
        "city": "Wyśmierzyce",
        "centre_phone": "+48 48 613 00 00",
        "centre_email": "mgops@wysmierzyce.example.pl",
        "website": "https://mgops.wysmierzyce.example.pl/",
        "director": "Joanna Wójcik",
        "nip": "798-146-64-10",
        "first_name": "Joanna",
        "last_name": "Wójcik",
        "email": "joanna.wojcik@example.test",
        "phone": "",
        "position": "kierownik",
        "message": "",
        "privacy": "on",
        "website_url": "",
    }
    data.update(overrides)
    return data


def test_url_names():
    assert reverse("members:apply") == URL
    assert reverse("members:municipality_search") == "/przystap/gminy/"


@pytest.mark.django_db
def test_page_is_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


@pytest.mark.django_db
def test_search_without_js_lists_gminy_as_radios_with_eligibility(
    client, gmina, big_gmina
):
    html = client.get(URL, {"q": "wysm"}).content.decode()
    assert 'type="radio" name="municipality" value="1401063"' in html
    assert "2\xa0642" in html or "2 642" in html
    html = client.get(URL, {"q": "leszno"}).content.decode()
    assert 'value="3063011"' in html
    assert "58\xa0766" in html or "58 766" in html
    assert "Powyżej limitu" in html


@pytest.mark.django_db
def test_search_ignores_diacritics_and_case(client, gmina):
    data = client.get("/przystap/gminy/", {"q": "WYŚMI"}).json()["results"]
    assert [row["teryt"] for row in data] == ["1401063"]
    data = client.get("/przystap/gminy/", {"q": "wysmierz"}).json()["results"]
    assert data[0]["eligible"] is True
    assert data[0]["population"] == 2642
    assert data[0]["limit"] == 50000
    assert client.get("/przystap/gminy/", {"q": "w"}).json()["results"] == []


@pytest.mark.django_db
def test_chosen_gmina_shows_eligibility_server_side(client, big_gmina):
    html = client.get(URL, {"gmina": "3063011"}).content.decode()
    assert "eligibility--over" in html
    assert "58\xa0766" in html or "58 766" in html


@pytest.mark.django_db
def test_empty_form_shows_polish_errors_beside_fields(client):
    response = client.post(URL, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert Application.objects.count() == 0
    assert "Wybierz gminę z rejestru." in html
    assert 'id="id_centre_name_error"' in html or "field--error" in html
    assert "To pole jest wymagane." in html
    assert "Zaakceptuj informację o przetwarzaniu danych" in html
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_invalid_nip_and_postal_code_are_refused(client, gmina):
    response = client.post(
        URL, valid_data(gmina, nip="1234567890", postal_code="26811")
    )
    html = response.content.decode()
    assert "Podaj prawidłowy NIP" in html
    assert "00-000" in html
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_valid_application_is_saved_and_both_emails_go(
    client, gmina, settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid_data(gmina))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:apply_done")
    application = Application.objects.get()
    assert application.status == ApplicationStatus.PENDING
    assert application.nip == "7981466410"
    assert application.privacy_accepted_at is not None
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["biuro@razem.test", "joanna.wojcik@example.test"]
    applicant = next(m for m in mail.outbox if m.to == ["joanna.wojcik@example.test"])
    assert "Wyśmierzycach" in applicant.subject
    staff = next(m for m in mail.outbox if m.to == ["biuro@razem.test"])
    assert f"/admin/members/application/inspect/{application.pk}/" in staff.body


@pytest.mark.django_db
def test_honeypot_pretends_success_and_saves_nothing(client, gmina):
    response = client.post(URL, valid_data(gmina, website_url="http://spam.example"))
    assert response.status_code == 302
    assert Application.objects.count() == 0
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_rate_limit_after_five_applications_per_hour(client, gmina):
    kinds = ["OPS", "GOPS", "MOPS", "MGOPS", "MOPR"]
    for kind in kinds:
        response = client.post(URL, valid_data(gmina, kind=kind))
        assert response.status_code == 302
    response = client.post(URL, valid_data(gmina, kind="CUS"))
    assert response.status_code == 200
    assert "Spróbuj ponownie za 60 minut" in response.content.decode()
    assert Application.objects.count() == 5


@pytest.mark.django_db
def test_rate_limit_is_per_client(client, gmina):
    for kind in ["OPS", "GOPS", "MOPS", "MGOPS", "MOPR"]:
        client.post(URL, valid_data(gmina, kind=kind))
    other = client.post(URL, valid_data(gmina, kind="CUS"), REMOTE_ADDR="10.0.0.99")
    assert other.status_code == 302


@pytest.mark.django_db
def test_duplicate_pending_application_is_caught(client, gmina):
    ApplicationFactory(municipality=gmina, kind="MGOPS")
    response = client.post(URL, valid_data(gmina))
    assert response.status_code == 200
    assert "został już złożony lub przyjęty" in response.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_rejected_application_does_not_block_a_new_one(client, gmina):
    ApplicationFactory(
        municipality=gmina, kind="MGOPS", status=ApplicationStatus.REJECTED
    )
    assert client.post(URL, valid_data(gmina)).status_code == 302
    assert Application.objects.count() == 2


@pytest.mark.django_db
def test_existing_member_centre_counts_as_duplicate(client, gmina):
    CentreFactory(municipality=gmina, kind="MGOPS")
    response = client.post(URL, valid_data(gmina))
    assert "został już złożony lub przyjęty" in response.content.decode()


@pytest.mark.django_db
def test_database_refuses_two_open_applications_for_same_gmina_and_kind(gmina):
    from django.db import IntegrityError, transaction

    ApplicationFactory(municipality=gmina, kind="GOPS")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(municipality=gmina, kind="GOPS")


@pytest.mark.django_db
def test_ineligible_gmina_may_still_apply(client, big_gmina):
    data = valid_data(big_gmina, kind="MOPR", centre_name="MOPR Leszno", city="Leszno")
    assert client.post(URL, data).status_code == 302
    assert Application.objects.get().municipality == big_gmina


@pytest.mark.django_db
def test_chosen_gmina_is_kept_when_other_fields_have_errors(client, gmina):
    html = client.post(URL, valid_data(gmina, centre_name="")).content.decode()
    assert 'name="municipality" id="id_municipality" value="1401063"' in html
    assert "eligibility--ok" in html
