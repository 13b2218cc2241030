"""Check-in at the door only on the conference's days (Europe/Warsaw); a check-in
made by mistake can be undone at any time."""

import datetime

import pytest
import time_machine

from conferences.exceptions import RegistrationRefused
from conferences.models.pages import day_start
from conferences.services.registration import register_participants
from conferences.services.staff import check_in
from tests.factories.conferences import make_conference, participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def two_days(home_page):
    """A conference on 10–11 June 2027 (far ahead of today)."""
    return make_conference(
        start_date=datetime.date(2027, 6, 10),
        end_date=datetime.date(2027, 6, 11),
    )


@pytest.fixture
def registration(two_days, centre, rep):
    return register_participants(
        conference=two_days, centre=centre, user=rep, participants=[participant(1)]
    ).registrations[0]


def _at(day: datetime.date, hour: int, minute: int = 0):
    """A moment of Warsaw's calendar (day_start is Europe/Warsaw midnight)."""
    return time_machine.travel(
        day_start(day) + datetime.timedelta(hours=hour, minutes=minute), tick=False
    )


def _url(registration):
    return f"/admin/konferencje/zgloszenia/{registration.pk}/obecnosc"


def test_check_in_is_refused_before_the_first_day_with_a_message(
    client, staff_user, two_days, registration
):
    # 23:30 in Warsaw the evening before the first day: still the 9th there.
    with _at(datetime.date(2027, 6, 9), 23, 30):
        client.force_login(staff_user)
        response = client.post(_url(registration), {"present": "1"}, follow=True)
        with pytest.raises(RegistrationRefused) as refused:
            check_in(registration, staff_user)
    html = response.content.decode()
    assert "od pierwszego dnia konferencji (10.06.2027 – 11.06.2027)" in html
    assert "Dziś jest 09.06.2027" in html
    assert "od pierwszego dnia konferencji" in str(refused.value.message)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_works_on_each_conference_day_in_warsaw_time(
    client, staff_user, two_days, registration
):
    # 00:30 on the first day in Warsaw is still 22:30 the day before in UTC.
    with _at(datetime.date(2027, 6, 10), 0, 30):
        client.force_login(staff_user)
        client.post(_url(registration), {"present": "1"})
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    check_in(registration, staff_user, present=False)
    with _at(datetime.date(2027, 6, 11), 23, 50):
        check_in(registration, staff_user)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_after_the_last_day_the_record_is_corrected_both_ways(
    client, staff_user, two_days, registration
):
    """Found in the final browser trial: an undo made by mistake after the
    conference could not be put right (the person lost their certificate). After
    the conference the record is corrected from the signed list, in both ways."""
    with _at(datetime.date(2027, 6, 11), 9):
        check_in(registration, staff_user)
    with _at(datetime.date(2027, 6, 12), 8):
        client.force_login(staff_user)
        page = client.get(f"/admin/konferencje/{two_days.pk}/wejscie")
        assert "Konferencja się zakończyła" in page.content.decode()
        response = client.post(_url(registration), {"present": "0"}, follow=True)
        assert "obecność cofnięta" in response.content.decode()
        registration.refresh_from_db()
        assert registration.checked_in_at is None
        response = client.post(_url(registration), {"present": "1"}, follow=True)
        assert "obecność potwierdzona" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_the_check_in_page_on_a_conference_day_shows_no_warning(
    client, staff_user, two_days, registration
):
    with _at(datetime.date(2027, 6, 10), 8):
        client.force_login(staff_user)
        html = client.get(f"/admin/konferencje/{two_days.pk}/wejscie").content
    assert "od pierwszego dnia konferencji" not in html.decode()
    assert "Konferencja się zakończyła" not in html.decode()
