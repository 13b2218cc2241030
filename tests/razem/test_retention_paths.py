"""Retention on every path that stores or removes the data it concerns.

The daily `retention` job (`razem.scheduling`) and `manage.py apply_retention` run
the same rules (`razem.tasks.apply_retention`, each app's `razem_retention` hook):
special-category answers erased after the conference, participants and decided
applications anonymised after their periods, contact messages deleted after theirs.
"""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from razem.demo import ensure_contact_page
from razem.scheduling import enqueue_due_jobs

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
SENT = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=WARSAW)


@pytest.fixture
def contact(home_page, settings):
    settings.RAZEM_CONTACT_RETENTION_DAYS = 365
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    return ensure_contact_page(home_page, None)


def send_message(contact, subject: str):
    return Client().post(
        contact.url,
        {
            "imie_i_nazwisko": "Maria Zielińska",
            "e_mail": "maria@gops.example.test",
            "temat": subject,
            "wiadomosc": "Proszę o kontakt.",
            "zgoda": "on",
        },
    )


def test_a_message_sent_through_the_form_is_deleted_by_the_daily_job_a_year_later(
    contact,
):
    with time_machine.travel(SENT, tick=False):
        assert "Dziękujemy" in send_message(contact, "Stara sprawa").content.decode()
    with time_machine.travel(SENT + datetime.timedelta(days=200), tick=False):
        send_message(contact, "Nowa sprawa")
    # 364 days after the first message: both are kept.
    with time_machine.travel(SENT + datetime.timedelta(days=364, hours=16), tick=False):
        assert "retention" in enqueue_due_jobs()
    assert FormSubmission.objects.count() == 2
    # 366 days after: the old one is gone, the newer one stays.
    with time_machine.travel(SENT + datetime.timedelta(days=366, hours=16), tick=False):
        assert "retention" in enqueue_due_jobs()
    assert [s.get_data()["temat"] for s in FormSubmission.objects.all()] == [
        "Nowa sprawa"
    ]


def test_apply_retention_runs_every_rule_of_every_app_at_once(contact, settings):
    """The one-off command does what the daily job does, in this process."""
    from conferences.models import Registration
    from conferences.services.registration import register_participants
    from members.choices import ApplicationStatus
    from members.models import Application
    from tests.factories.conferences import make_conference, participant
    from tests.factories.members import (
        ApplicationFactory,
        CentreFactory,
        representative,
    )

    settings.RAZEM_PARTICIPANT_RETENTION_DAYS = 730
    settings.RAZEM_APPLICATION_RETENTION_DAYS = 365
    with time_machine.travel(SENT - datetime.timedelta(days=800), tick=False):
        conference = make_conference(open_now=True)
        centre = CentreFactory()
        register_participants(
            conference=conference,
            centre=centre,
            user=representative(centre),
            participants=[
                participant(1, special_needs="dieta", special_needs_consent=True)
            ],
        )
    type(conference).objects.filter(pk=conference.pk).update(
        start_date=datetime.date(2023, 1, 9), end_date=datetime.date(2023, 1, 10)
    )
    decided = ApplicationFactory(
        status=ApplicationStatus.REJECTED,
        decided_at=SENT - datetime.timedelta(days=400),
    )
    old = FormSubmission.objects.create(page=contact, form_data={"temat": "stara"})
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=SENT - datetime.timedelta(days=400)
    )

    out = io.StringIO()
    with time_machine.travel(SENT, tick=False):
        call_command("apply_retention", stdout=out)
    registration = Registration.objects.get(conference=conference)
    assert registration.special_needs == "" and registration.anonymised_at is not None
    assert registration.email.endswith("@anonymised.invalid")
    assert Application.objects.get(pk=decided.pk).anonymised_at is not None
    assert not FormSubmission.objects.filter(pk=old.pk).exists()
    assert "contact_messages_deleted: 1" in out.getvalue()


def test_special_needs_are_not_in_the_admins_registration_form(client, home_page):
    """Staff edit a registration's name and contacts, never its special-category
    answers, so nothing typed in the admin outlives the erasure."""
    from conferences.wagtail_hooks import RegistrationViewSet

    assert "special_needs" not in RegistrationViewSet.form_fields
    assert "special_needs_consent" not in RegistrationViewSet.form_fields
    assert "anonymised_at" not in RegistrationViewSet.form_fields
