"""Staff cancel a participant in any state, or one workshop place: a reason, a
confirmation step, the next in line promoted, e-mails, audit; twice is harmless."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from conferences.choices import RegistrationStatus, WorkshopChoiceStatus
from conferences.models import Registration, WorkshopChoice
from conferences.services.registration import register_participants
from tests.factories.conferences import add_workshop, make_conference, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db
REASON = "Uczestniczka zmieniła pracę; ośrodek prosił telefonicznie."


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def setup(home_page, centre, rep):
    """One place, a one-place workshop: Pierwsza has both, Druga waits for both."""
    conference = make_conference(capacity=1)
    workshop = add_workshop(conference, capacity=1, title="Warsztat z mediacji")
    first, second = (
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(n, last_name=name, workshop_ids=[workshop.pk])],
        ).registrations[0]
        for n, name in enumerate(["Pierwsza", "Druga"])
    )
    mail.outbox.clear()
    return conference, workshop, first, second


def _url(registration):
    return f"/admin/konferencje/zgloszenia/{registration.pk}/anuluj"


def test_the_confirmation_step_asks_for_a_reason(client, setup, staff_user):
    _conference, _workshop, first, _second = setup
    client.force_login(staff_user)
    html = client.get(_url(first)).content.decode()
    assert "Powód" in html
    assert "Warsztat z mediacji" in html
    response = client.post(_url(first), {"reason": "   "})
    assert response.status_code == 200
    assert "Podaj powód anulowania." in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED


def test_staff_cancel_a_confirmed_participant_and_the_next_in_line_moves_up(
    client, setup, staff_user, django_capture_on_commit_callbacks
):
    _conference, workshop, first, second = setup
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(first), {"reason": REASON})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert first.cancelled_by == staff_user
    assert second.status == RegistrationStatus.CONFIRMED
    assert WorkshopChoice.objects.get(registration=second).status == (
        WorkshopChoiceStatus.CONFIRMED
    )
    cancelled = [m for m in mail.outbox if "uczestnik0@example.test" in m.to]
    assert len(cancelled) == 1
    assert REASON in cancelled[0].body
    assert "biuro stowarzyszenia" in cancelled[0].body.lower()
    assert any("uczestnik1@example.test" in m.to for m in mail.outbox)
    entry = ModelLogEntry.objects.get(action="conferences.cancel", object_id=first.pk)
    assert entry.data["reason"] == REASON
    assert entry.data["previous_status"] == "confirmed"
    assert entry.user_id == staff_user.pk


def test_staff_cancel_a_waiting_participant(client, setup, staff_user):
    _conference, _workshop, first, second = setup
    client.force_login(staff_user)
    client.post(_url(second), {"reason": REASON})
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == RegistrationStatus.CANCELLED
    assert first.status == RegistrationStatus.CONFIRMED


def test_staff_reject_a_participant_awaiting_approval(client, home_page, staff_user):
    from members.choices import CentreStatus

    conference = make_conference(capacity=3, allow_non_members=True)
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    (pending,) = register_participants(
        conference=conference,
        centre=applicant,
        user=representative(applicant),
        participants=[participant(7)],
    ).registrations
    client.force_login(staff_user)
    client.post(_url(pending), {"reason": "Ośrodek nie jest członkiem."})
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CANCELLED


def test_a_double_submit_or_a_stale_tab_changes_nothing_more(
    client, setup, staff_user, django_capture_on_commit_callbacks
):
    _conference, _workshop, first, _second = setup
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(first), {"reason": REASON})
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(first), {"reason": REASON}, follow=True)
    assert response.status_code == 200
    assert "To zgłoszenie zostało już anulowane." in response.content.decode()
    assert len(mail.outbox) == sent
    assert ModelLogEntry.objects.filter(action="conferences.cancel").count() == 1
    page = client.get(_url(first)).content.decode()
    assert "To zgłoszenie zostało już anulowane." in page
    assert 'name="reason"' not in page


def test_staff_cancel_only_a_workshop_place_and_the_next_gets_it(
    client, home_page, centre, rep, staff_user, django_capture_on_commit_callbacks
):
    conference = make_conference(capacity=5)
    workshop = add_workshop(conference, capacity=1, title="Warsztat z mediacji")
    first, second = register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[
            participant(1, workshop_ids=[workshop.pk]),
            participant(2, workshop_ids=[workshop.pk]),
        ],
    ).registrations
    choice = WorkshopChoice.objects.get(registration=first)
    client.force_login(staff_user)
    url = f"{_url(first)}?warsztat={choice.pk}"
    page = client.get(_url(first)).content.decode()
    assert f"?warsztat={choice.pk}" in page  # offered on the registration's page
    assert "Warsztat z mediacji" in client.get(url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(first), {"reason": REASON, "warsztat": choice.pk})
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED  # keeps the conference
    choice.refresh_from_db()
    assert choice.status == WorkshopChoiceStatus.CANCELLED
    assert WorkshopChoice.objects.get(registration=second).status == (
        WorkshopChoiceStatus.CONFIRMED
    )
    told = [m for m in mail.outbox if "uczestnik1@example.test" in m.to]
    assert told and REASON in told[0].body
    assert any("uczestnik2@example.test" in m.to for m in mail.outbox)
    entry = ModelLogEntry.objects.get(action="conferences.cancel_workshop")
    assert entry.data["reason"] == REASON
    response = client.post(url, {"reason": REASON}, follow=True)
    assert "Ten wybór warsztatu jest już anulowany." in response.content.decode()
    other = WorkshopChoice.objects.get(registration=second)
    assert client.get(f"{_url(first)}?warsztat={other.pk}").status_code == 404
    assert client.get(f"{_url(first)}?warsztat=abc").status_code == 404


def test_the_cancel_action_is_offered_in_the_listing_the_edit_view_and_the_console(
    client, setup, staff_user
):
    conference, _workshop, first, second = setup
    client.force_login(staff_user)
    listing = client.get("/admin/registrations/").content.decode()
    assert _url(first) in listing and _url(second) in listing
    edit = client.get(f"/admin/registrations/edit/{first.pk}/").content.decode()
    assert _url(first) in edit
    console = client.get(f"/admin/konferencje/{conference.pk}").content.decode()
    assert _url(first) in console  # participants with a place
    assert _url(second) in console  # waiting list


def test_the_cancel_action_is_not_offered_for_a_cancelled_row(
    client, setup, staff_user
):
    _conference, _workshop, first, _second = setup
    client.force_login(staff_user)
    client.post(_url(first), {"reason": REASON})
    listing = client.get("/admin/registrations/").content.decode()
    assert _url(first) not in listing


def test_members_cannot_open_the_cancel_page(client, setup, rep):
    _conference, _workshop, first, _second = setup
    client.force_login(rep)
    assert client.get(_url(first)).status_code == 403
    assert client.post(_url(first), {"reason": REASON}).status_code == 403
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CONFIRMED
