"""The public application at /przystap/: search, errors, spam, limits, e-mails."""

import re

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
    assert "ma już ośrodek członkowski" in response.content.decode()


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


# Searching for the gmina keeps everything typed -----------------------------------


def typed(gmina=None, **overrides):
    """Everything a person typed before searching for their gmina."""
    data = valid_data(gmina or MunicipalityFactory.build(teryt=""), **overrides)
    data.update(
        {
            "message": "Piszemy długo i nie chcemy tego stracić.",
            "centre_phone": "+48 48 613 00 00",
        }
    )
    return data


def assert_kept(html, data):
    for name in ["centre_name", "street", "city", "director", "email", "position"]:
        assert f'value="{data[name]}"' in html, name
    assert data["message"] in html
    assert 'value="MGOPS" selected' in html
    assert (
        'name="privacy" checked' in html
        or 'checked name="privacy"' in html
        or (re.search(r'<input[^>]*name="privacy"[^>]*checked', html))
    )


@pytest.mark.django_db
def test_the_search_button_keeps_every_field_and_lists_the_gminy(client, gmina):
    data = typed(municipality="", q="wysm", searched="", action="search")
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert_kept(html, data)
    assert 'type="radio" name="municipality" value="1401063"' in html
    assert "field--error" not in html
    assert "form-errors" not in html
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_enter_in_any_field_searches_when_the_gmina_box_is_new(client, gmina):
    # Enter submits with the form's first button, the search, as the browser does.
    data = typed(municipality="", q="Wyśmierzyce", searched="", action="search")
    html = client.post(URL, data).content.decode()
    assert_kept(html, data)
    assert 'value="1401063"' in html
    assert "field--error" not in html  # a search, not a refused submission


@pytest.mark.django_db
def test_a_retyped_gmina_drops_the_old_choice_even_on_send(client, gmina, big_gmina):
    data = typed(
        gmina, q="leszno", searched="Wyśmierzyce", action="submit", privacy="on"
    )
    html = client.post(URL, data).content.decode()
    assert Application.objects.count() == 0
    assert 'name="municipality" id="id_municipality" value="1401063"' not in html
    assert 'type="radio" name="municipality" value="3063011"' in html
    assert_kept(html, data)


@pytest.mark.django_db
def test_a_chosen_gmina_and_an_unchanged_box_submit(client, gmina):
    data = typed(gmina, q="Wyśmierzyce", searched="Wyśmierzyce", action="search")
    response = client.post(URL, data)
    assert response.status_code == 302
    assert Application.objects.get().municipality == gmina


@pytest.mark.django_db
def test_a_search_that_finds_nothing_keeps_everything_too(client, gmina):
    data = typed(municipality="", q="Nieistniejąca", searched="", action="search")
    html = client.post(URL, data).content.decode()
    assert "Żadna gmina nie pasuje" in html or "Nieistniejąca" in html
    assert_kept(html, data)


@pytest.mark.django_db
def test_the_message_is_limited_at_the_form_and_the_model(client, gmina):
    response = client.post(URL, valid_data(gmina, message="x" * 3_000_001))
    html = response.content.decode()
    assert response.status_code == 200
    assert "3000" in html
    assert Application.objects.count() == 0
    from django.core.exceptions import ValidationError

    application = ApplicationFactory.build(municipality=gmina, message="x" * 3001)
    with pytest.raises(ValidationError) as caught:
        application.full_clean()
    assert "message" in caught.value.message_dict


@pytest.mark.django_db
def test_every_text_input_of_the_form_has_a_limit(client):
    from members.forms import ApplicationForm

    form = ApplicationForm()
    for name, field in form.fields.items():
        if name in ("municipality", "privacy", "kind", "website_url"):  # honeypot
            continue
        assert getattr(field, "max_length", None), name
    html = client.get(URL).content.decode()
    assert re.search(r'<textarea[^>]*name="message"[^>]*maxlength="3000"', html)


@pytest.mark.django_db
def test_the_lockout_message_names_how_long_it_lasts(client, gmina):
    import time
    from unittest import mock

    kinds = ["OPS", "GOPS", "MOPS", "MGOPS", "MOPR"]
    start = time.time()
    with mock.patch("razem.ratelimit.time.time", return_value=start):
        for kind in kinds:
            client.post(URL, valid_data(gmina, kind=kind))
    with mock.patch("razem.ratelimit.time.time", return_value=start + 50 * 60):
        html = client.post(URL, valid_data(gmina, kind="CUS")).content.decode()
    assert "Spróbuj ponownie za 10 minut" in html


@pytest.mark.django_db
def test_searching_with_an_empty_box_keeps_everything_without_errors(client):
    data = typed(municipality="", q="", searched="", action="search")
    html = client.post(URL, data).content.decode()
    assert_kept(html, data)
    assert "field--error" not in html
