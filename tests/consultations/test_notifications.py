"""E-mails: opening, the reminder before the deadline, the summary on closing."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.exceptions import TransitionRefused
from consultations.models import Reminder
from members.choices import CentreStatus
from tests.factories.members import CentreFactory, UserFactory, representative

pytestmark = pytest.mark.django_db


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_opening_emails_every_member_representative_once(
    make_opinion,
    admin_user,
    rep_a,
    rep_b,
    staff_a,
    suspended_rep,
    applicant_rep,
    outsider,
    django_capture_on_commit_callbacks,
):
    inactive = representative(CentreFactory())
    inactive.is_active = False
    inactive.save()
    opinion = make_opinion()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.open_for_signatures(opinion, admin_user)
    assert _recipients() == ["kierownik@a.test", "kierownik@b.test"]
    message = mail.outbox[0]
    assert opinion.title in message.subject
    assert message.subject.startswith("Otwarte do podpisu")
    assert f"http://testserver{opinion.url}" in message.body
    deadline = timezone.localtime(opinion.signing_deadline)
    assert str(deadline.year) in message.body and f"{deadline:%H:%M}" in message.body
    assert "&quot;" not in message.body and "&#x27;" not in message.body


def test_no_email_when_opening_is_refused(
    make_opinion, admin_user, rep_a, django_capture_on_commit_callbacks
):
    opinion = make_opinion(deadline=timezone.now() - datetime.timedelta(days=1))
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(TransitionRefused),
    ):
        services.open_for_signatures(opinion, admin_user)
    assert mail.outbox == []


def test_closing_sends_the_office_a_summary(
    make_opinion, admin_user, rep_a, settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_signing(opinion, admin_user)
    assert _recipients() == ["biuro@razem.test"]
    body = mail.outbox[0].body
    assert "Wyśmierzycach" in body
    opinion.refresh_from_db()
    assert opinion.letter_sha256 in body


@pytest.fixture
def closing_soon(make_opinion):
    """An opinion whose signing closes in 36 hours."""
    return make_opinion(
        state=OpinionState.OPEN, deadline=timezone.now() + datetime.timedelta(hours=36)
    )


def test_reminder_goes_to_those_who_have_not_signed_once(
    closing_soon,
    rep_a,
    rep_b,
    staff_a,
    suspended_rep,
    django_capture_on_commit_callbacks,
):
    services.sign_opinion(closing_soon, rep_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_opinion_reminders() == 1
    assert _recipients() == ["kierownik@b.test"]
    assert Reminder.objects.get().centre == rep_b.membership.centre
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_opinion_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    assert Reminder.objects.count() == 1


def test_no_reminder_long_before_the_deadline_or_after_it(
    make_opinion, rep_a, django_capture_on_commit_callbacks
):
    make_opinion(state=OpinionState.OPEN)  # two weeks ahead
    make_opinion(
        state=OpinionState.OPEN, deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_opinion_reminders() == 0
    assert mail.outbox == []


def test_a_centre_that_withdrew_is_reminded(
    closing_soon, rep_a, django_capture_on_commit_callbacks
):
    signature = services.sign_opinion(closing_soon, rep_a)
    services.withdraw_signature(closing_soon, rep_a, signature_id=signature.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_opinion_reminders()
    assert _recipients() == ["kierownik@a.test"]


def test_centre_without_representative_is_skipped(
    closing_soon, django_capture_on_commit_callbacks
):
    CentreFactory(status=CentreStatus.MEMBER)
    UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_opinion_reminders() == 0
    assert not Reminder.objects.exists()
