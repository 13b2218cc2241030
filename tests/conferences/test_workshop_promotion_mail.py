"""A workshop place given from its waiting list is told to the participant and to
the centre, like a conference promotion: the person who registered, or the
centre's representatives when that account is closed; on every path that frees a
workshop place (staff cancel of a place, a centre's cancellation, a raised
workshop capacity)."""

import pytest
from django.core import mail

from conferences.choices import WorkshopChoiceStatus
from conferences.models import ConferencePage, Session, WorkshopChoice
from conferences.services.registration import register_participants
from conferences.services.waitlist import cancel_registration, cancel_workshop_choice
from tests.factories.conferences import add_workshop, participant
from tests.factories.members import centre_staff

pytestmark = pytest.mark.django_db

SUBJECT = "Miejsce na warsztacie"


@pytest.fixture
def registrant(centre):
    """A staff member of the centre registers (not its representative)."""
    return centre_staff(centre, email="pracownik@ops.test")


@pytest.fixture
def waiting(conference, centre, registrant):
    """A workshop of one place: uczestnik1 has it, uczestnik2 waits for it."""
    workshop = add_workshop(conference, capacity=1, title="Warsztat z mediacji")
    first, second = register_participants(
        conference=conference,
        centre=centre,
        user=registrant,
        participants=[
            participant(1, workshop_ids=[workshop.pk]),
            participant(2, workshop_ids=[workshop.pk]),
        ],
    ).registrations
    assert WorkshopChoice.objects.get(registration=second).status == "waiting"
    mail.outbox.clear()
    return workshop, first, second


def _promotion_mail():
    (message,) = [m for m in mail.outbox if m.subject.startswith(SUBJECT)]
    return message


def test_staff_cancel_of_a_workshop_place_tells_the_next_and_the_centre(
    waiting, staff_user, django_capture_on_commit_callbacks
):
    workshop, first, second = waiting
    choice = WorkshopChoice.objects.get(registration=first)
    choice.registration = first
    with django_capture_on_commit_callbacks(execute=True):
        cancel_workshop_choice(choice, staff_user, reason="Zmiana planów")
    message = _promotion_mail()
    assert message.to == ["uczestnik2@example.test", "pracownik@ops.test"]
    assert "Warsztat z mediacji" in message.body


def test_a_centre_cancellation_tells_the_next_and_the_centre(
    waiting, registrant, django_capture_on_commit_callbacks
):
    _workshop, first, second = waiting
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(first, registrant)
    assert WorkshopChoice.objects.get(registration=second).status == (
        WorkshopChoiceStatus.CONFIRMED
    )
    assert _promotion_mail().to == ["uczestnik2@example.test", "pracownik@ops.test"]


def test_a_raised_workshop_capacity_tells_the_centre_too(
    waiting, django_capture_on_commit_callbacks
):
    workshop, _first, _second = waiting
    revision = ConferencePage.objects.get(pk=workshop.page_id).save_revision()
    revision.content["sessions"][0]["capacity"] = 2
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert Session.objects.get(pk=workshop.pk).capacity == 2
    assert _promotion_mail().to == ["uczestnik2@example.test", "pracownik@ops.test"]


def test_when_the_registrant_left_the_representatives_hear_instead(
    waiting, rep, registrant, staff_user, django_capture_on_commit_callbacks
):
    workshop, first, _second = waiting
    registrant.is_active = False
    registrant.save()
    choice = WorkshopChoice.objects.get(registration=first)
    choice.registration = first
    with django_capture_on_commit_callbacks(execute=True):
        cancel_workshop_choice(choice, staff_user, reason="Zmiana planów")
    assert _promotion_mail().to == ["uczestnik2@example.test", rep.email]
