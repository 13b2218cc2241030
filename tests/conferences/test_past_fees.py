"""After the conference nothing is "owed now": "Mój ośrodek" and the e-mail say
"Należność"; a waiting or unconfirmed place will never be confirmed, so it costs 0
(as a cancelled one does)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from conferences.choices import RegistrationStatus
from conferences.models import ConferencePage, Registration
from conferences.services import notifications
from conferences.services.registration import register_participants
from conferences.services.waitlist import cancel_registration
from tests.factories.conferences import make_conference, participant

pytestmark = pytest.mark.django_db


def _register(conference, centre, user, *people):
    return register_participants(
        conference=conference, centre=centre, user=user, participants=list(people)
    ).registrations


@pytest.fixture
def three(home_page, centre, rep):
    """A confirmed, a cancelled and a waiting participant of a 2-place conference."""
    conference = make_conference(capacity=2, member_fee="300.00")
    confirmed, cancelled, waiting = _register(
        conference, centre, rep, participant(1), participant(2), participant(3)
    )
    cancel_registration(cancelled, rep)  # the waiting one moves up...
    (waiting_again,) = _register(conference, centre, rep, participant(4))
    return conference, [
        Registration.objects.get(pk=r.pk)
        for r in (confirmed, cancelled, waiting, waiting_again)
    ]


def _after(conference):
    return time_machine.travel(
        datetime.datetime.combine(
            conference.end_date + datetime.timedelta(days=2),
            datetime.time(12, 0),
            tzinfo=timezone.get_current_timezone(),
        )
    )


def test_before_the_conference_the_list_says_owed_now(client, three, rep):
    conference, rows = three
    assert rows[3].status == RegistrationStatus.WAITING
    client.force_login(rep)
    html = client.get("/moj-osrodek/konferencje/").content.decode()
    assert "Do zapłaty teraz" in html
    assert "po potwierdzeniu miejsca" in html  # the waiting place's price


def test_after_the_conference_the_list_says_amount_due_and_waiting_costs_nothing(
    client, three, rep
):
    conference, rows = three
    with _after(conference):
        client.force_login(rep)
        html = client.get("/moj-osrodek/konferencje/").content.decode()
        assert "Do zapłaty teraz" not in html
        assert "Należność" in html
        assert "po potwierdzeniu miejsca" not in html
        assert "jeszcze" not in html  # no "more once confirmed" in the total
        fresh = [Registration.objects.get(pk=r.pk) for r in rows]
        confirmed, cancelled, promoted, waiting = fresh
        assert confirmed.fee_owed == Decimal("300.00")
        assert cancelled.fee_owed == cancelled.fee_if_confirmed == Decimal("0.00")
        assert waiting.fee_owed == waiting.fee_if_confirmed == Decimal("0.00")


def test_an_email_about_a_past_conference_says_amount_due(
    home_page, centre, rep, django_capture_on_commit_callbacks
):
    conference = make_conference(capacity=1)
    registrations = _register(conference, centre, rep, participant(1), participant(2))
    page = ConferencePage.objects.get(pk=conference.pk)
    mail.outbox.clear()
    with _after(conference), django_capture_on_commit_callbacks(execute=True):
        notifications.registration_received(page, registrations, rep)
    (message,) = [m for m in mail.outbox if m.to == [rep.email]]
    assert "Do zapłaty teraz" not in message.body
    assert "Należność: 300,00 zł." in message.body
    assert "po ich potwierdzeniu" not in message.body  # the waiting: nothing
