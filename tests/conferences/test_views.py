"""The centre's side: the registration form, its list, cancellation, certificates."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conferences.choices import RegistrationStatus
from conferences.models import Registration
from conferences.services.registration import register_participants
from tests.factories.conferences import (
    add_workshop,
    make_conference,
    on_conference_day,
    participant,
)
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db


def management(total=1, prefix="form"):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def row(n, **fields):
    data = {
        f"form-{n}-first_name": "Grażyna",
        f"form-{n}-last_name": f"Żółkiewska {n}",
        f"form-{n}-email": f"grazyna{n}@example.test",
        f"form-{n}-position": "specjalista pracy socjalnej",
        f"form-{n}-accommodation_nights": "0",
    }
    data.update({f"form-{n}-{k}": v for k, v in fields.items()})
    return data


def register_url(conference):
    return f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"


def test_anonymous_is_sent_to_log_in(client, conference):
    response = client.get(register_url(conference))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_person_without_a_centre_is_refused(client, conference, make_user):
    client.force_login(make_user("bez-osrodka@example.test"))
    assert client.get(register_url(conference)).status_code == 403


def test_form_shows_workshops_price_and_add_button(client, conference, rep):
    add_workshop(conference, title="Warsztat: praca z rodziną", capacity=3)
    client.force_login(rep)
    html = client.get(register_url(conference)).content.decode()
    assert "Warsztat: praca z rodziną" in html
    assert "zostały 3 miejsca" in html
    assert "Dodaj kolejnego uczestnika" in html
    assert "Opłata za uczestnika: 300,00 zł" in html
    assert "Do zapłaty teraz: <strong data-price-owed>300,00</strong> zł" in html


def test_registering_two_participants_in_one_form(client, conference, rep, centre):
    workshop = add_workshop(conference)
    client.force_login(rep)
    data = {
        **management(2),
        **row(0, workshops=[str(workshop.pk)]),
        **row(1, meals="on"),
    }
    response = client.post(register_url(conference), data)
    assert response.status_code == 302
    assert response["Location"] == "/moj-osrodek/konferencje/"
    registrations = Registration.objects.filter(centre=centre).order_by("pk")
    assert [r.status for r in registrations] == ["confirmed", "confirmed"]
    assert registrations[1].meals is True
    html = client.get(response["Location"]).content.decode()
    assert "Zgłoszenie zapisane" in html
    assert "Grażyna Żółkiewska 1" in html


def test_add_another_participant_works_without_javascript(client, conference, rep):
    client.force_login(rep)
    data = {**management(1), **row(0), "add_participant": "1"}
    response = client.post(register_url(conference), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="form-TOTAL_FORMS" value="2"' in html
    assert "Uczestnik 2" in html
    assert 'value="Grażyna"' in html
    assert "Formularz zawiera błędy" not in html
    assert "600,00" in html
    assert not Registration.objects.exists()


def test_removed_row_is_not_registered(client, conference, rep):
    client.force_login(rep)
    data = {**management(2), **row(0), **row(1, DELETE="on")}
    client.post(register_url(conference), data)
    assert Registration.objects.count() == 1


def test_form_errors_are_shown_beside_the_fields_and_nothing_is_saved(
    client, conference, rep
):
    first = add_workshop(
        conference, start_time=datetime.time(14), end_time=datetime.time(16)
    )
    second = add_workshop(
        conference,
        title="Inny",
        start_time=datetime.time(15),
        end_time=datetime.time(17),
    )
    client.force_login(rep)
    data = {
        **management(1),
        **row(
            0,
            email="zly-adres",
            workshops=[str(first.pk), str(second.pk)],
            special_needs="dieta",
        ),
    }
    response = client.post(register_url(conference), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Formularz zawiera błędy" in html
    assert "odbywają się w tym samym czasie" in html
    assert "Zaznacz zgodę albo pozostaw pole potrzeb puste" in html
    assert 'aria-invalid="true"' in html
    assert not Registration.objects.exists()


def test_service_refusal_is_shown_on_the_form(client, conference, rep):
    conference.per_centre_limit = 1
    conference.save()
    client.force_login(rep)
    response = client.post(
        register_url(conference), {**management(2), **row(0), **row(1)}
    )
    assert "Ośrodek może zgłosić najwyżej 1 uczestnika" in response.content.decode()
    assert not Registration.objects.exists()


def test_closed_registration_shows_a_clear_message(client, home_page, rep):
    now = timezone.now()
    conference = make_conference(
        open_now=False,
        registration_opens_at=now - datetime.timedelta(days=9),
        registration_closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(rep)
    html = client.get(register_url(conference)).content.decode()
    assert "Rejestracja na tę konferencję jest już zamknięta" in html
    assert "form-TOTAL_FORMS" not in html
    response = client.post(register_url(conference), {**management(1), **row(0)})
    assert "jest już zamknięta" in response.content.decode()
    assert not Registration.objects.exists()


def _register(conference, centre, user, *people):
    return register_participants(
        conference=conference, centre=centre, user=user, participants=list(people)
    ).registrations


def test_centre_sees_only_its_own_registrations(client, conference, centre, rep):
    _register(conference, centre, rep, participant("nasz"))
    other = CentreFactory()
    _register(
        conference, other, representative(other), participant("obcy", last_name="Obcy")
    )
    client.force_login(rep)
    html = client.get("/moj-osrodek/konferencje/").content.decode()
    assert "Gęślą-Jaźń nasz" in html
    assert "Obcy" not in html


def test_centre_cannot_cancel_or_view_another_centres_registration(
    client, conference, rep
):
    other = CentreFactory()
    (foreign,) = _register(conference, other, representative(other), participant(1))
    client.force_login(rep)
    assert (
        client.get(
            f"/moj-osrodek/konferencje/zgloszenia/{foreign.pk}/anuluj/"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/moj-osrodek/konferencje/zgloszenia/{foreign.pk}/anuluj/"
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/moj-osrodek/konferencje/zgloszenia/{foreign.pk}/zaswiadczenie/"
        ).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.status == RegistrationStatus.CONFIRMED


def test_centre_cancels_its_registration_with_a_post(client, conference, centre, rep):
    (registration,) = _register(conference, centre, rep, participant(1))
    client.force_login(rep)
    url = f"/moj-osrodek/konferencje/zgloszenia/{registration.pk}/anuluj/"
    page = client.get(url).content.decode()
    assert "Anuluj zgłoszenie" in page
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    response = client.post(url, follow=True)
    assert "zostało anulowane" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_certificate_download_after_the_conference(
    client, home_page, centre, rep, staff_user
):
    from conferences.services.staff import check_in

    conference = make_conference()
    (registration,) = _register(conference, centre, rep, participant(1))
    url = f"/moj-osrodek/konferencje/zgloszenia/{registration.pk}/zaswiadczenie/"
    client.force_login(rep)
    assert client.get(url).status_code == 404  # not present, not over
    with on_conference_day(conference):
        check_in(registration, staff_user)
    past = timezone.localdate() - datetime.timedelta(days=3)
    type(conference).objects.filter(pk=conference.pk).update(
        start_date=past - datetime.timedelta(days=2), end_date=past
    )
    assert "Zaświadczenie" in client.get("/moj-osrodek/konferencje/").content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Rendered per request: one address, GET only, a per-client limit (found in
    # the final browser trial: ?x=N and POST rendered it again and again).
    moved = client.get(f"{url}?x=1")
    assert moved.status_code == 301 and moved["Location"] == url
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("size", [2, 12])
def test_centre_list_queries_are_bounded(client, home_page, centre, rep, size):
    from django.core.cache import cache

    counts = []
    for n in (size, size * 2):
        Registration.objects.all().delete()
        conference = make_conference(capacity=100)
        workshop = add_workshop(conference, capacity=100)
        _register(
            conference,
            centre,
            rep,
            *[participant(f"{n}-{i}", workshop_ids=[workshop.pk]) for i in range(n)],
        )
        client.force_login(rep)
        client.get("/moj-osrodek/konferencje/")
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/moj-osrodek/konferencje/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_my_centre_shows_the_conference_section(client, conference, centre, rep):
    _register(conference, centre, rep, participant(1))
    other = CentreFactory()
    _register(
        conference, other, representative(other), participant(2, last_name="Cudzy")
    )
    client.force_login(rep)
    html = client.get("/moj-osrodek/").content.decode()
    assert 'id="centre-conferences-title"' in html
    assert "Gęślą-Jaźń 1" in html
    assert "Cudzy" not in html
    assert f"/moj-osrodek/konferencje/{conference.pk}/zapisz/" in html
