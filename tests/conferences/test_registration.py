"""Registration rules: window, limits, eligibility, workshops, consent, e-mails."""

import datetime
import email as email_lib

import pytest
from django.core import mail
from django.utils import timezone

from conferences.choices import RegistrationStatus, WorkshopChoiceStatus
from conferences.exceptions import (
    CapacityBusy,
    NotAllowed,
    RegistrationClosed,
    RegistrationRefused,
)
from conferences.models import Registration, WorkshopChoice
from conferences.services.registration import register_participants
from members.choices import CentreStatus
from tests.factories.conferences import add_workshop, make_conference, participant
from tests.factories.members import CentreFactory, centre_staff, representative

pytestmark = pytest.mark.django_db


def register(conference, centre, user, *people):
    return register_participants(
        conference=conference, centre=centre, user=user, participants=list(people)
    )


def test_places_are_given_while_they_last_then_the_waiting_list(
    conference, centre, rep
):
    conference.capacity = 2
    conference.save()
    result = register(conference, centre, rep, *[participant(n) for n in range(4)])
    assert [r.status for r in result.registrations] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    # only the two confirmed places are owed; the two waiting ones cost later
    assert result.fee_owed == 2 * conference.member_fee
    assert result.fee_if_confirmed == 2 * conference.member_fee


def test_centre_staff_member_may_register_too(conference, centre):
    result = register(conference, centre, centre_staff(centre), participant(1))
    assert result.confirmed == 1


def test_registration_refused_before_the_window_opens(home_page, centre, rep):
    opens = timezone.now() + datetime.timedelta(days=3)
    conference = make_conference(
        open_now=False,
        registration_opens_at=opens,
        registration_closes_at=opens + datetime.timedelta(days=10),
    )
    with pytest.raises(RegistrationClosed) as error:
        register(conference, centre, rep, participant(1))
    assert "Rejestracja jeszcze się nie rozpoczęła" in str(error.value.message)
    assert not Registration.objects.exists()


def test_registration_refused_after_the_window_closes(home_page, centre, rep):
    now = timezone.now()
    conference = make_conference(
        open_now=False,
        registration_opens_at=now - datetime.timedelta(days=10),
        registration_closes_at=now - datetime.timedelta(minutes=1),
    )
    with pytest.raises(RegistrationClosed):
        register(conference, centre, rep, participant(1))
    assert not Registration.objects.exists()


def test_window_message_is_polish(home_page, centre, rep):
    from django.utils import translation

    now = timezone.now()
    conference = make_conference(
        open_now=False,
        registration_opens_at=now - datetime.timedelta(days=10),
        registration_closes_at=now - datetime.timedelta(minutes=1),
    )
    with translation.override("pl"), pytest.raises(RegistrationClosed) as error:
        register(conference, centre, rep, participant(1))
    assert "zamknięta" in str(error.value.message)


def test_a_person_of_another_centre_cannot_register_for_this_centre(conference, centre):
    stranger = representative(CentreFactory())
    with pytest.raises(NotAllowed):
        register(conference, centre, stranger, participant(1))


def test_per_centre_limit_counts_earlier_registrations(conference, centre, rep):
    conference.per_centre_limit = 3
    conference.save()
    register(conference, centre, rep, participant(1), participant(2))
    with pytest.raises(RegistrationRefused) as error:
        register(conference, centre, rep, participant(3), participant(4))
    assert "3" in str(error.value.message)
    assert Registration.objects.count() == 2
    register(conference, centre, rep, participant(3))
    assert Registration.objects.count() == 3


def test_non_member_centre_refused_unless_the_conference_allows(conference, rep):
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    with pytest.raises(RegistrationRefused):
        register(conference, applicant, representative(applicant), participant(1))


def test_non_member_participants_hold_a_place_pending_staff_confirmation(
    conference, staff_user
):
    from conferences.services.staff import approve_registration

    conference.allow_non_members = True
    conference.save()
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    result = register(conference, applicant, representative(applicant), participant(1))
    registration = result.registrations[0]
    assert registration.status == RegistrationStatus.PENDING
    assert registration.fee == conference.non_member_fee
    assert registration.approved_at is None
    approve_registration(registration, staff_user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.approved_by == staff_user


def test_members_cannot_approve_registrations(conference, rep, centre):
    from conferences.services.staff import approve_registration

    registration = register(conference, centre, rep, participant(1)).registrations[0]
    with pytest.raises(NotAllowed):
        approve_registration(registration, rep)


def test_overlapping_workshops_cannot_both_be_chosen(conference, centre, rep):
    first = add_workshop(
        conference, start_time=datetime.time(14), end_time=datetime.time(16)
    )
    second = add_workshop(
        conference,
        title="Warsztat: asystent rodziny",
        start_time=datetime.time(15),
        end_time=datetime.time(17),
    )
    with pytest.raises(RegistrationRefused) as error:
        register(
            conference, centre, rep, participant(1, workshop_ids=[first.pk, second.pk])
        )
    assert "asystent rodziny" in str(error.value.message)
    assert not Registration.objects.exists()


def test_back_to_back_workshops_may_both_be_chosen(conference, centre, rep):
    first = add_workshop(
        conference, start_time=datetime.time(14), end_time=datetime.time(15)
    )
    second = add_workshop(
        conference,
        title="Drugi",
        start_time=datetime.time(15),
        end_time=datetime.time(16),
    )
    result = register(
        conference, centre, rep, participant(1, workshop_ids=[first.pk, second.pk])
    )
    assert len(result.registrations[0].chosen_workshops) == 2


def test_workshop_of_another_conference_is_refused(conference, centre, rep):
    other = add_workshop(make_conference())
    with pytest.raises(RegistrationRefused):
        register(conference, centre, rep, participant(1, workshop_ids=[other.pk]))


def test_full_workshop_puts_a_confirmed_participant_on_its_waiting_list(
    conference, centre, rep
):
    workshop = add_workshop(conference, capacity=1)
    result = register(
        conference,
        centre,
        rep,
        participant(1, workshop_ids=[workshop.pk]),
        participant(2, workshop_ids=[workshop.pk]),
    )
    second = result.registrations[1]
    assert second.status == RegistrationStatus.CONFIRMED
    assert [c.status for c in WorkshopChoice.objects.order_by("pk")] == [
        WorkshopChoiceStatus.CONFIRMED,
        WorkshopChoiceStatus.WAITING,
    ]


def test_participant_waiting_for_the_conference_waits_for_workshops_too(
    conference, centre, rep
):
    conference.capacity = 1
    conference.save()
    workshop = add_workshop(conference, capacity=5)
    register(
        conference,
        centre,
        rep,
        participant(1, workshop_ids=[workshop.pk]),
        participant(2, workshop_ids=[workshop.pk]),
    )
    statuses = list(
        WorkshopChoice.objects.order_by("pk").values_list("status", flat=True)
    )
    assert statuses == [WorkshopChoiceStatus.CONFIRMED, WorkshopChoiceStatus.WAITING]


def test_the_same_person_cannot_be_registered_twice(conference, centre, rep):
    register(conference, centre, rep, participant(1))
    with pytest.raises(RegistrationRefused):
        register(conference, centre, rep, participant(1, first_name="Inna"))
    with pytest.raises(RegistrationRefused):
        register(conference, centre, rep, participant(2), participant(2))


def test_needs_are_saved_only_with_consent(conference, centre, rep):
    with pytest.raises(RegistrationRefused):
        register(conference, centre, rep, participant(1, special_needs="bez glutenu"))
    result = register(
        conference,
        centre,
        rep,
        participant(1, special_needs="bez glutenu", special_needs_consent=True),
    )
    assert result.registrations[0].special_needs == "bez glutenu"


def test_database_refuses_needs_without_consent(conference, centre, rep):
    from django.db import IntegrityError, transaction

    registration = register(conference, centre, rep, participant(1)).registrations[0]
    registration.special_needs = "wózek"
    with pytest.raises(IntegrityError), transaction.atomic():
        registration.save()


def test_lock_timeout_becomes_a_polite_try_again(conference, centre, rep, monkeypatch):
    from django.db import OperationalError

    from conferences.services import registration as service

    class LockNotAvailable(Exception):
        sqlstate = "55P03"

    def busy(conference_pk):
        try:
            raise LockNotAvailable
        except LockNotAvailable as cause:
            raise OperationalError("canceling statement due to lock timeout") from cause

    monkeypatch.setattr(service, "lock_capacity", busy)
    with pytest.raises(CapacityBusy) as error:
        register(conference, centre, rep, participant(1))
    assert "spróbować ponownie" in str(error.value)
    assert not Registration.objects.exists()


def test_confirmation_email_has_one_ics_per_participant_with_a_place(
    conference, centre, rep, django_capture_on_commit_callbacks
):
    conference.capacity = 2
    conference.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(conference, centre, rep, *[participant(n) for n in range(3)])
    confirmation = next(m for m in mail.outbox if rep.email in m.to)
    assert "Zażółć" in confirmation.body
    calendars = [a for a in confirmation.attachments if a[0].endswith(".ics")]
    assert len(calendars) == 2
    name, content, mimetype = calendars[0]
    assert mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text
    assert conference.start_date.strftime("%Y%m%d") in text
    assert any(alt[1] == "text/html" for alt in confirmation.alternatives)
    waiting = [m for m in mail.outbox if "uczestnik2@example.test" in m.to]
    assert len(waiting) == 1
    assert waiting[0].subject.startswith("Lista oczekujących")


def test_no_email_when_the_registration_is_refused(
    conference, centre, rep, django_capture_on_commit_callbacks
):
    conference.per_centre_limit = 1
    conference.save()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RegistrationRefused),
    ):
        register(conference, centre, rep, participant(1), participant(2))
    assert mail.outbox == []


def test_registration_is_logged(conference, centre, rep):
    from wagtail.models import ModelLogEntry

    register(conference, centre, rep, participant(1))
    assert ModelLogEntry.objects.filter(action="conferences.register").count() == 1


def test_email_message_parses_as_multipart(
    conference, centre, rep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(conference, centre, rep, participant(1))
    message = email_lib.message_from_bytes(mail.outbox[0].message().as_bytes())
    types = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in types
    assert "text/calendar" in types


def test_a_single_lock_timeout_is_retried(conference, centre, rep, monkeypatch):
    from django.db import OperationalError

    from conferences.services import registration as service

    class LockNotAvailable(Exception):
        sqlstate = "55P03"

    real_lock = service.lock_capacity
    calls = []

    def busy_once(conference_pk):
        calls.append(conference_pk)
        if len(calls) == 1:
            try:
                raise LockNotAvailable
            except LockNotAvailable as cause:
                raise OperationalError("lock timeout") from cause
        return real_lock(conference_pk)

    monkeypatch.setattr(service, "lock_capacity", busy_once)
    result = register(conference, centre, rep, participant(1))
    assert result.confirmed == 1
    assert len(calls) == 2
