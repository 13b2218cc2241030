"""Cancellation frees a place; the first person waiting gets it, and an e-mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from conferences.choices import RegistrationStatus, WorkshopChoiceStatus
from conferences.exceptions import NotAllowed, RegistrationRefused
from conferences.models import Registration, WorkshopChoice
from conferences.services.registration import register_participants
from conferences.services.waitlist import cancel_registration
from tests.factories.conferences import add_workshop, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db


def register(conference, centre, user, *people):
    return register_participants(
        conference=conference, centre=centre, user=user, participants=list(people)
    ).registrations


def test_cancellation_promotes_the_first_waiting_in_order_of_arrival(
    conference, centre, rep, django_capture_on_commit_callbacks
):
    conference.capacity = 1
    conference.save()
    (holder,) = register(conference, centre, rep, participant("a"))
    other = CentreFactory()
    (first_waiting,) = register(
        conference, other, representative(other), participant("b")
    )
    (second_waiting,) = register(conference, centre, rep, participant("c"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted, _choices = cancel_registration(holder, rep)
    assert [r.pk for r in promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert second_waiting.status == RegistrationStatus.WAITING
    assert Registration.objects.holding().count() == 1
    promotion = [m for m in mail.outbox if "uczestnikb@example.test" in m.to]
    assert len(promotion) == 1
    assert any(a[0].endswith(".ics") for a in promotion[0].attachments)
    cancellation = [m for m in mail.outbox if "uczestnika@example.test" in m.to]
    assert len(cancellation) == 1


def test_cancellation_frees_a_workshop_place_for_the_first_waiting(
    conference, centre, rep
):
    workshop = add_workshop(conference, capacity=1)
    first, second, third = register(
        conference,
        centre,
        rep,
        *[participant(n, workshop_ids=[workshop.pk]) for n in range(3)],
    )
    cancel_registration(first, rep)
    statuses = dict(WorkshopChoice.objects.values_list("registration_id", "status"))
    assert statuses[first.pk] == WorkshopChoiceStatus.CANCELLED
    assert statuses[second.pk] == WorkshopChoiceStatus.CONFIRMED
    assert statuses[third.pk] == WorkshopChoiceStatus.WAITING


def test_promoted_participant_gets_a_free_workshop_place(conference, centre, rep):
    conference.capacity = 1
    conference.save()
    workshop = add_workshop(conference, capacity=5)
    first, second = register(
        conference,
        centre,
        rep,
        participant(1),
        participant(2, workshop_ids=[workshop.pk]),
    )
    assert WorkshopChoice.objects.get().status == WorkshopChoiceStatus.WAITING
    cancel_registration(first, rep)
    assert WorkshopChoice.objects.get().status == WorkshopChoiceStatus.CONFIRMED


def test_promoted_non_member_still_needs_staff_confirmation(conference, staff_user):
    from members.choices import CentreStatus

    conference.capacity = 1
    conference.allow_non_members = True
    conference.save()
    member = CentreFactory()
    (holder,) = register(conference, member, representative(member), participant(1))
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    (waiting,) = register(
        conference, applicant, representative(applicant), participant(2)
    )
    cancel_registration(holder, staff_user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.PENDING


def test_another_centre_cannot_cancel(conference, centre, rep):
    (registration,) = register(conference, centre, rep, participant(1))
    stranger = representative(CentreFactory())
    with pytest.raises(NotAllowed):
        cancel_registration(registration, stranger)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_centre_cannot_cancel_after_the_deadline_but_staff_can(
    conference, centre, rep, staff_user
):
    conference.cancellation_deadline = timezone.now() + datetime.timedelta(days=1)
    conference.save()
    (registration,) = register(conference, centre, rep, participant(1))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        with pytest.raises(NotAllowed) as error:
            cancel_registration(registration, rep)
        assert "Termin anulowania zgłoszeń minął" in str(error.value)
        cancel_registration(registration, staff_user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_by == staff_user


def test_cancelling_twice_is_refused(conference, centre, rep):
    (registration,) = register(conference, centre, rep, participant(1))
    cancel_registration(registration, rep)
    with pytest.raises(RegistrationRefused):
        cancel_registration(registration, rep)


def test_a_cancelled_person_may_register_again(conference, centre, rep):
    (registration,) = register(conference, centre, rep, participant(1))
    cancel_registration(registration, rep)
    (again,) = register(conference, centre, rep, participant(1))
    assert again.status == RegistrationStatus.CONFIRMED


def test_a_waiting_entry_can_be_withdrawn_after_the_deadline(
    client, home_page, centre, rep
):
    from tests.factories.conferences import make_conference

    conference = make_conference(
        capacity=1, cancellation_deadline=timezone.now() + datetime.timedelta(days=1)
    )
    placed, waiting = register(conference, centre, rep, participant(1), participant(2))
    assert waiting.status == RegistrationStatus.WAITING
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        client.force_login(rep)
        page = client.get("/moj-osrodek/konferencje/").content.decode()
        assert f"/moj-osrodek/konferencje/zgloszenia/{waiting.pk}/anuluj/" in page
        assert f"/moj-osrodek/konferencje/zgloszenia/{placed.pk}/anuluj/" not in page
        form = client.get(f"/moj-osrodek/konferencje/zgloszenia/{waiting.pk}/anuluj/")
        assert "na liście oczekujących i nie zajmuje miejsca" in form.content.decode()
        client.post(f"/moj-osrodek/konferencje/zgloszenia/{waiting.pk}/anuluj/")
        with pytest.raises(NotAllowed):
            cancel_registration(placed, rep)  # a place: the deadline binds it
    waiting.refresh_from_db()
    placed.refresh_from_db()
    assert waiting.status == RegistrationStatus.CANCELLED
    assert placed.status == RegistrationStatus.CONFIRMED


def test_a_waiting_entry_promoted_meanwhile_is_bound_by_the_deadline(
    home_page, centre, rep
):
    from tests.factories.conferences import make_conference

    conference = make_conference(
        capacity=1, cancellation_deadline=timezone.now() + datetime.timedelta(days=1)
    )
    placed, waiting = register(conference, centre, rep, participant(1), participant(2))
    stale = Registration.objects.get(pk=waiting.pk)  # a tab opened while waiting
    cancel_registration(placed, rep)  # frees the place: the waiting one moves up
    later = timezone.now() + datetime.timedelta(days=2)
    with time_machine.travel(later), pytest.raises(NotAllowed):
        cancel_registration(stale, rep)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
