"""No e-mail goes to an anonymised participant or to a closed (inactive) account;
where the message matters (promotion, approval, cancellation, a workshop place) the
centre's representatives hear instead of the closed account."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from conferences.choices import RegistrationStatus
from conferences.models import Registration
from conferences.services.registration import register_participants
from conferences.services.reminders import send_conference_reminders
from conferences.services.waitlist import cancel_registration
from tests.factories.conferences import add_workshop, make_conference, participant
from tests.factories.members import centre_staff

pytestmark = pytest.mark.django_db


def _register(conference, centre, user, *people):
    return register_participants(
        conference=conference, centre=centre, user=user, participants=list(people)
    ).registrations


def _addresses():
    return [address for message in mail.outbox for address in message.to]


def _close_account(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def _anonymise(registration):
    Registration.objects.filter(pk=registration.pk).update(
        first_name="Uczestnik",
        last_name=f"#{registration.pk}",
        email=f"anonim-{registration.pk}@anonymised.invalid",
        anonymised_at=timezone.now(),
    )


@pytest.fixture
def clerk(centre):
    """A staff member of the centre who registers people."""
    return centre_staff(centre, email="kadry@ops.test")


def test_promotion_of_someone_whose_registrant_left_goes_to_the_representative(
    home_page, centre, rep, clerk, django_capture_on_commit_callbacks
):
    conference = make_conference(capacity=1)
    (holder,) = _register(conference, centre, rep, participant("a"))
    (waiting,) = _register(conference, centre, clerk, participant("b"))
    _close_account(clerk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(holder, rep)
    promotion = [m for m in mail.outbox if "uczestnikb@example.test" in m.to]
    assert len(promotion) == 1
    assert rep.email in promotion[0].to
    assert "kadry@ops.test" not in _addresses()


def test_an_anonymised_participant_gets_no_mail_the_centre_still_does(
    home_page, centre, rep, clerk, staff_user, django_capture_on_commit_callbacks
):
    conference = make_conference(capacity=1)
    (holder,) = _register(conference, centre, clerk, participant("a"))
    _anonymise(holder)
    _close_account(clerk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(
            Registration.objects.get(pk=holder.pk), staff_user, reason="Pomyłka"
        )
    assert _addresses() == [rep.email]
    assert not any("anonymised.invalid" in a for a in _addresses())


def test_reminders_skip_anonymised_participants_and_closed_accounts(
    home_page, centre, rep, clerk, django_capture_on_commit_callbacks
):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    conference = make_conference(start_date=soon, end_date=soon)
    anonymised, plain = _register(
        conference, centre, clerk, participant("a"), participant("b")
    )
    _anonymise(anonymised)
    _close_account(clerk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_conference_reminders() == 2
    # The reminder changes nothing: no copy to the representatives either.
    assert _addresses() == ["uczestnikb@example.test"]


def test_a_workshop_place_for_an_anonymised_participant_tells_the_centre(
    home_page, centre, rep, staff_user, django_capture_on_commit_callbacks
):
    from conferences.services.waitlist import cancel_workshop_choice

    conference = make_conference()
    workshop = add_workshop(conference, capacity=1)
    first, second = _register(
        conference,
        centre,
        rep,
        participant("a", workshop_ids=[workshop.pk]),
        participant("b", workshop_ids=[workshop.pk]),
    )
    _anonymise(second)
    mail.outbox.clear()
    choice = first.workshop_choices.get()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_workshop_choice(choice, staff_user, reason="Zmiana planu")
    second_choice = Registration.objects.get(pk=second.pk).workshop_choices.get()
    assert second_choice.status == "confirmed"
    assert not any("anonymised.invalid" in a for a in _addresses())
    assert rep.email in _addresses()


def test_a_confirmation_built_after_the_account_closed_goes_to_the_representative(
    home_page, centre, rep, clerk, django_capture_on_commit_callbacks
):
    from conferences.services import notifications

    conference = make_conference()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations = _register(conference, centre, clerk, participant("a"))
    assert _addresses() == ["kadry@ops.test"]  # the worker built it at once
    _close_account(clerk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.registration_received(conference, registrations, clerk)
    assert _addresses() == [rep.email]
    body = mail.outbox[0].body
    assert "kadry@ops.test" not in body  # the closed account is not named
    assert "Zgłoszono następujących uczestników Twojego ośrodka" in body
    assert registrations[0].status == RegistrationStatus.CONFIRMED


def test_the_confirmation_task_survives_a_deleted_account(
    home_page, centre, rep, clerk, django_capture_on_commit_callbacks
):
    from conferences.tasks import registration_received_task

    conference = make_conference()
    registrations = _register(conference, centre, clerk, participant("a"))
    clerk_pk = clerk.pk
    clerk.delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_received_task.call(
            registration_ids=[r.pk for r in registrations], registrant_id=clerk_pk
        )
    assert _addresses() == [rep.email]
