"""Every conferences admin form submitted empty and with bad values: no 500, Polish
messages beside the fields, nothing saved."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from conferences.choices import RegistrationStatus
from conferences.models import ConferencePage, Registration, Speaker
from conferences.services.registration import register_participants
from tests.conferences.editor import post_editor
from tests.factories.conferences import (
    conference_index,
    on_conference_day,
    participant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def admin(db, client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("adm@razem.test", "x-Haslo-2026")
    client.force_login(user)
    return user


def _empty_page_data():
    return nested_form_data(
        {
            "title": "",
            "slug": "",
            "description": streamfield([]),
            "video": streamfield([]),
            "documents": inline_formset([]),
            "sessions": inline_formset([]),
            "gallery_images": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def test_the_conference_editor_submitted_empty_answers_with_polish_messages(
    client, home_page, admin
):
    index = conference_index()
    response = client.post(
        f"/admin/pages/add/conferences/conferencepage/{index.pk}/", _empty_page_data()
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("title", "edition", "start_date", "end_date", "capacity"):
        assert errors[field] == ["To pole jest wymagane."], field
    assert not ConferencePage.objects.exists()


def test_the_conference_editor_with_bad_values_answers_beside_each_field(
    client, conference, admin
):
    response = post_editor(
        client,
        conference,
        capacity="-5",
        member_fee="-1",
        per_centre_limit="abc",
        start_date="2026-02-30",
        lead="x" * 1001,
        registration_opens_at="jutro",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {
        "capacity",
        "member_fee",
        "per_centre_limit",
        "start_date",
        "lead",
        "registration_opens_at",
    }
    assert "Opłata nie może być ujemna." in errors["member_fee"] or errors["member_fee"]
    assert "1000" in str(errors["lead"])
    assert ConferencePage.objects.get(pk=conference.pk).capacity == 10


def test_the_programme_row_with_bad_values_answers_beside_each_field(
    client, conference, admin
):
    response = post_editor(
        client,
        conference,
        sessions=[
            {
                "kind": "lecture",
                "date": conference.start_date.isoformat(),
                "start_time": "12:00",
                "end_time": "11:00",
                "room": "",
                "title": "",
                "description": "",
                "capacity": "5",
            }
        ],
    )
    assert response.status_code == 200
    row = response.context["form"].formsets["sessions"].forms[0]
    assert "title" in row.errors
    assert row.errors["end_time"] == [
        "Punkt programu musi się skończyć po rozpoczęciu."
    ]
    assert row.errors["capacity"] == ["Własną liczbę miejsc mają tylko warsztaty."]


@pytest.fixture
def registration(conference, centre, rep):
    (registration,) = register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1)],
    ).registrations
    return registration


def _edit(client, registration, **data):
    fields = {
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "email": registration.email,
        "position": registration.position,
        "accommodation_nights": registration.accommodation_nights,
        "remarks": registration.remarks,
    }
    fields.update(data)
    return client.post(f"/admin/registrations/edit/{registration.pk}/", fields)


def test_the_registration_edit_submitted_empty_answers_with_polish_messages(
    client, registration, admin
):
    response = client.post(f"/admin/registrations/edit/{registration.pk}/", {})
    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("first_name", "last_name", "email", "accommodation_nights"):
        assert errors[field] == ["To pole jest wymagane."], field


def test_the_registration_edit_with_bad_values_answers_beside_each_field(
    client, conference, registration, admin, centre, rep
):
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(2)],
    )
    response = _edit(
        client,
        registration,
        email="UCZESTNIK2@example.test",
        accommodation_nights="9",
        remarks="x" * 2001,
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["email"] == ["Ta osoba jest już zgłoszona na tę konferencję."]
    assert errors["accommodation_nights"] == [
        "Na tę konferencję można zarezerwować najwyżej 2 noclegi."
    ]
    assert "2000" in str(errors["remarks"])
    registration.refresh_from_db()
    assert registration.email == "uczestnik1@example.test"


def test_the_registration_edit_accepts_good_values(client, registration, admin):
    response = _edit(client, registration, email="Nowy.Adres@Example.test")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.email == "nowy.adres@example.test"


def test_the_registration_viewset_refuses_add_and_delete(client, registration, admin):
    assert client.get("/admin/registrations/new/").status_code in (302, 403, 404)
    response = client.post(f"/admin/registrations/delete/{registration.pk}/")
    assert response.status_code in (302, 403, 404)
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_the_speaker_snippet_empty_and_with_bad_values(client, admin):
    url = "/admin/snippets/conferences/speaker/add/"
    response = client.post(url, {})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["To pole jest wymagane."]
    response = client.post(url, {"name": "x" * 151, "bio": "y" * 3001})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "150" in str(errors["name"]) and "3000" in str(errors["bio"])
    assert not Speaker.objects.exists()


def test_console_actions_with_bad_values_never_fail(client, registration, staff_user):
    client.force_login(staff_user)
    base = "/admin/konferencje/zgloszenia"
    assert client.post(f"{base}/999999/obecnosc").status_code == 404
    assert client.post(f"{base}/999999/zatwierdz").status_code == 404
    assert client.get(f"{base}/999999/anuluj").status_code == 404
    assert client.get(f"{base}/{registration.pk}/obecnosc").status_code == 405
    with on_conference_day(registration.conference):
        client.force_login(staff_user)  # the session would have expired by then
        response = client.post(f"{base}/{registration.pk}/obecnosc", {"present": "xyz"})
    assert response.status_code == 302  # anything but "0" checks in
    response = client.post(f"{base}/{registration.pk}/anuluj", {"reason": "x" * 501})
    assert response.status_code == 200
    assert "500" in str(response.context["form"].errors["reason"])
    # a participant present at the door is cancelled with the check-in kept
    # (tests/conferences/test_staff_cancel_records.py)
    client.post(f"{base}/{registration.pk}/anuluj", {"reason": "Rezygnacja"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.checked_in_at is not None
    # actions on a cancelled row answer with a message, not an error page
    for action in ("obecnosc", "zatwierdz"):
        response = client.post(f"{base}/{registration.pk}/{action}", follow=True)
        assert response.status_code == 200
    page = client.get(f"/admin/konferencje/{registration.conference_id}?q=" + "x" * 500)
    assert page.status_code == 200
    checkin = client.get(
        f"/admin/konferencje/{registration.conference_id}/wejscie", {"q": "'; --"}
    )
    assert checkin.status_code == 200


def test_a_window_that_closes_before_it_opens_is_refused_on_save_too(conference):
    conference.registration_closes_at = conference.registration_opens_at - (
        datetime.timedelta(hours=1)
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        conference.save_revision()
    assert refused.value.message_dict["registration_closes_at"] == [
        "Rejestracja musi się zamknąć po jej otwarciu."
    ]
