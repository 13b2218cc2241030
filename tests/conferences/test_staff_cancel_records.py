"""Staff cancelling a participant already present keep the reason and the
check-in record (shown in the console); confirming a registration again that is
cancelled or already confirmed says so plainly and changes nothing."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from conferences.choices import RegistrationStatus
from conferences.exceptions import RegistrationRefused
from conferences.models import Registration
from conferences.services.registration import register_participants
from conferences.services.staff import approve_registration, check_in
from conferences.services.waitlist import cancel_registration
from members.choices import CentreStatus
from tests.factories.conferences import make_conference, on_conference_day, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db

REASON = "Wyjazd w trakcie konferencji z powodów rodzinnych"


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def present(conference, centre, rep, staff_user):
    (registration,) = register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1, last_name="Obecna")],
    ).registrations
    with on_conference_day(conference):
        check_in(registration, staff_user)
    registration.refresh_from_db()
    return registration


def _cancel_url(registration):
    return f"/admin/konferencje/zgloszenia/{registration.pk}/anuluj"


def test_staff_cancel_a_present_participant_keeping_reason_and_check_in(
    client, staff_user, conference, present, django_capture_on_commit_callbacks
):
    checked_in_at = present.checked_in_at
    client.force_login(staff_user)
    page = client.get(_cancel_url(present)).content.decode()
    assert "Zapis obecności zostaje zachowany" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_cancel_url(present), {"reason": REASON}, follow=True)
    assert "zostało anulowane" in response.content.decode()
    present.refresh_from_db()
    assert present.status == RegistrationStatus.CANCELLED
    assert present.checked_in_at == checked_in_at
    assert present.cancel_reason == REASON
    entry = ModelLogEntry.objects.get(action="conferences.cancel")
    assert entry.data["reason"] == REASON
    assert entry.data["checked_in_at"] == checked_in_at.isoformat()
    assert any(REASON in m.body for m in mail.outbox)
    # The console shows the cancellation with the reason and the check-in.
    console = client.get(f"/admin/konferencje/{conference.pk}").content.decode()
    cancelled = console[console.index('id="cancelled"') :]
    assert "Obecna" in cancelled and REASON in cancelled
    assert checked_in_at.astimezone().strftime("%H:%M") in cancelled
    # The stale cancel page shows the record too; the door counts nobody.
    stale = client.get(_cancel_url(present)).content.decode()
    assert REASON in stale
    door = client.get(f"/admin/konferencje/{conference.pk}/wejscie").content.decode()
    assert "Obecnych: 0 z 0" in door


def test_the_centre_cannot_cancel_a_present_participant(
    rep, present, conference, django_capture_on_commit_callbacks
):
    type(conference).objects.filter(pk=conference.pk).update(cancellation_deadline=None)
    with pytest.raises(RegistrationRefused) as refused:
        cancel_registration(present, rep)
    assert "skontaktuj się z biurem" in str(refused.value.message).lower()
    present.refresh_from_db()
    assert present.status == RegistrationStatus.CONFIRMED


@pytest.fixture
def non_member(home_page):
    conference = make_conference(allow_non_members=True)
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    (registration,) = register_participants(
        conference=conference,
        centre=applicant,
        user=representative(applicant),
        participants=[participant(1, last_name="Zgłoszona")],
    ).registrations
    return registration


def test_confirming_twice_says_when_it_was_confirmed(client, staff_user, non_member):
    client.force_login(staff_user)
    url = f"/admin/konferencje/zgloszenia/{non_member.pk}/zatwierdz"
    client.post(url)
    non_member.refresh_from_db()
    approved_at = non_member.approved_at
    mail.outbox.clear()
    second = client.post(url, follow=True).content.decode()
    assert "Zgłoszenie osoby Zażółć Zgłoszona zostało już potwierdzone" in second
    assert "nic się nie zmieniło" in second
    non_member.refresh_from_db()
    assert non_member.approved_at == approved_at
    assert not mail.outbox
    assert ModelLogEntry.objects.filter(action="conferences.approve").count() == 1


def test_confirming_a_cancelled_registration_says_it_was_cancelled(
    staff_user, non_member
):
    cancel_registration(non_member, staff_user, reason="Brak miejsc w budżecie")
    with pytest.raises(RegistrationRefused) as refused:
        approve_registration(non_member, staff_user)
    message = str(refused.value.message)
    assert "Zgłoszona" in message and "anulowane" in message
    assert Registration.objects.get(pk=non_member.pk).approved_at is None
