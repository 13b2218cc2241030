"""The demo loader and the week-before reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conferences.choices import RegistrationStatus, WorkshopChoiceStatus
from conferences.models import ConferencePage, Registration, WorkshopChoice
from conferences.services.registration import register_participants
from conferences.services.reminders import send_conference_reminders
from tests.factories.conferences import make_conference, participant

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates(home_page):
    from conferences import demo

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    tenth = ConferencePage.objects.get(slug="x-konferencja-zakopane-2024")
    eleventh = ConferencePage.objects.get(slug="xi-konferencja-sandomierz-2027")
    assert tenth.start_date == datetime.date(2024, 6, 13)
    assert tenth.motto == "Oczekiwania na NOWE w pomocy społecznej"
    assert tenth.gallery_images.count() == 5
    assert tenth.registrations.filter(checked_in_at__isnull=False).count() == 8
    assert (
        eleventh.registration_state(
            timezone.make_aware(datetime.datetime(2026, 11, 23, 12))
        )
        == "open"
    )
    full = eleventh.workshops.first()
    statuses = list(full.choices.values_list("status", flat=True))
    assert statuses.count(WorkshopChoiceStatus.CONFIRMED) == full.capacity
    assert statuses.count(WorkshopChoiceStatus.WAITING) == 2
    assert Registration.objects.count() == 15


def test_reminder_is_sent_once_a_week_before(
    home_page, centre, rep, django_capture_on_commit_callbacks
):
    conference = make_conference(
        start_date=timezone.localdate() + datetime.timedelta(days=6),
        end_date=timezone.localdate() + datetime.timedelta(days=7),
        capacity=1,
    )
    later = make_conference()
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1), participant(2)],
    )
    register_participants(
        conference=later, centre=centre, user=rep, participants=[participant(3)]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_conference_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_conference_reminders", stdout=io.StringIO())
    reminders = [m for m in mail.outbox if m.subject.startswith("Za tydzień")]
    assert len(reminders) == 1
    assert "uczestnik1@example.test" in reminders[0].to
    assert reminders[0].attachments[0][0].endswith(".ics")
    waiting = Registration.objects.get(email="uczestnik2@example.test")
    assert waiting.status == RegistrationStatus.WAITING
    assert waiting.reminder_sent_at is None
    assert WorkshopChoice.objects.count() == 0
