"""A calendar file (.ics) goes only with a confirmed place, and an e-mail says
"W załączniku … (.ics)" only when the file is attached: not for a non-member's
place awaiting the office, nor for the waiting list."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from conferences.choices import RegistrationStatus
from conferences.services.registration import register_participants
from conferences.services.reminders import send_conference_reminders
from conferences.services.staff import approve_registration
from conferences.services.waitlist import cancel_registration
from members.choices import CentreStatus
from tests.factories.conferences import make_conference, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db

ATTACHED = "W załączniku jest plik kalendarza (.ics)."
CONFIRMED_ATTACHED = "W załączniku są pliki kalendarza (.ics)"


def _register(conference, centre, user, *people):
    return register_participants(
        conference=conference, centre=centre, user=user, participants=list(people)
    ).registrations


def _calendars(message):
    return [a for a in message.attachments if a[0].endswith(".ics")]


@pytest.fixture
def applicant():
    centre = CentreFactory(status=CentreStatus.APPLICANT)
    return centre, representative(centre)


def test_a_non_members_pending_places_get_no_calendar_and_no_sentence(
    home_page, applicant, django_capture_on_commit_callbacks
):
    centre, user = applicant
    conference = make_conference(allow_non_members=True)
    with django_capture_on_commit_callbacks(execute=True):
        (registration,) = _register(conference, centre, user, participant(1))
    assert registration.status == RegistrationStatus.PENDING
    (confirmation,) = [m for m in mail.outbox if user.email in m.to]
    assert not _calendars(confirmation)
    assert ".ics" not in confirmation.body
    assert "plik kalendarza otrzymają po zatwierdzeniu" in confirmation.body
    assert "w kolejności zgłoszeń" not in confirmation.body  # nobody waits


def test_a_waiting_only_submission_gets_no_calendar_and_no_sentence(
    home_page, centre, rep, django_capture_on_commit_callbacks
):
    conference = make_conference(capacity=1)
    _register(conference, centre, rep, participant(1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (waiting,) = _register(conference, centre, rep, participant(2))
    assert waiting.status == RegistrationStatus.WAITING
    confirmation = next(m for m in mail.outbox if m.to == [rep.email])
    assert not _calendars(confirmation)
    assert ".ics" not in confirmation.body
    for message in mail.outbox:
        assert not _calendars(message) and ".ics" not in message.body


def test_a_confirmed_place_gets_the_calendar_and_says_so(
    home_page, centre, rep, django_capture_on_commit_callbacks
):
    conference = make_conference(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        _register(conference, centre, rep, participant(1), participant(2))
    confirmation = next(m for m in mail.outbox if m.to == [rep.email])
    assert len(_calendars(confirmation)) == 1
    assert CONFIRMED_ATTACHED in confirmation.body
    assert "w kolejności zgłoszeń" in confirmation.body  # someone waits
    assert "zatwierdzeniu" not in confirmation.body  # nobody awaits the office


def test_a_promoted_non_member_gets_the_calendar_only_when_approved(
    home_page, applicant, staff_user, django_capture_on_commit_callbacks
):
    centre, user = applicant
    conference = make_conference(capacity=1, allow_non_members=True)
    member = CentreFactory()
    (holder,) = _register(conference, member, representative(member), participant(1))
    (waiting,) = _register(conference, centre, user, participant(2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, staff_user, reason="Rezygnacja")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.PENDING
    (promotion,) = [m for m in mail.outbox if "uczestnik2@example.test" in m.to]
    assert not _calendars(promotion) and ATTACHED not in promotion.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(waiting, staff_user)
    (approval,) = [m for m in mail.outbox if "uczestnik2@example.test" in m.to]
    assert len(_calendars(approval)) == 1 and ATTACHED in approval.body


def test_a_reminder_attaches_the_calendar_only_for_a_confirmed_place(
    home_page, centre, rep, applicant, django_capture_on_commit_callbacks
):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    conference = make_conference(start_date=soon, end_date=soon, allow_non_members=True)
    _register(conference, centre, rep, participant(1))
    other, user = applicant
    _register(conference, other, user, participant(2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_conference_reminders() == 2
    confirmed = next(m for m in mail.outbox if "uczestnik1@example.test" in m.to)
    pending = next(m for m in mail.outbox if "uczestnik2@example.test" in m.to)
    assert len(_calendars(confirmed)) == 1 and ATTACHED in confirmed.body
    assert not _calendars(pending) and ATTACHED not in pending.body
