"""A scheduled revision that its own validation refuses when its time comes: the
`publish-scheduled` job unschedules it (Wagtail's "unschedule publication" entry in
its history), logs it and e-mails its author in Polish with the reasons and a link
to the editor; it is not tried again every minute. A failure that may pass (the
database away) keeps it scheduled for the next run."""

import datetime
import logging
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError
from wagtail.models import PageLogEntry, Revision

from articles.models import ArticlePage
from razem.tasks import publish_scheduled, publish_scheduled_task
from tests.factories.articles import NewsIndexPageFactory
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=WARSAW)


@pytest.fixture
def scheduled(home_page, settings):
    """A draft article whose scheduled revision has a lead over its 600 characters
    (a limit that came after it was scheduled): its own validation refuses it."""
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    author = UserFactory(
        email="redaktorka@razem.test", first_name="Ewa", last_name="Redakcyjna"
    )
    with time_machine.travel(NOON, tick=False):
        news = NewsIndexPageFactory(parent=home_page)
        page = news.add_child(
            instance=ArticlePage(
                title="Sprawozdanie z walnego",
                slug="sprawozdanie",
                lead="a",
                live=False,
            )
        )
        page.lead = "Za długo. " * 100
        page.go_live_at = NOON + datetime.timedelta(minutes=1)
        revision = page.save_revision(user=author, clean=False)
        revision.approved_go_live_at = page.go_live_at
        revision.save()
    return page, revision, author


def run_the_job_at(minutes: int):
    with time_machine.travel(NOON + datetime.timedelta(minutes=minutes), tick=False):
        return publish_scheduled_task.enqueue().return_value


def test_a_refused_scheduled_revision_is_unscheduled_logged_and_its_author_told(
    scheduled, caplog, django_capture_on_commit_callbacks
):
    page, revision, author = scheduled
    with (
        caplog.at_level(logging.WARNING, logger="razem.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        counts = run_the_job_at(2)
    assert counts == {"unpublished": 0, "published": 0, "failed": 1}
    assert not ArticlePage.objects.get(pk=page.pk).live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # unscheduled
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.schedule.cancel"
    ).exists()
    assert "refused by its validation and unscheduled" in caplog.text

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaktorka@razem.test"]
    assert message.subject == "Nie opublikowano: Sprawozdanie z walnego"
    body = message.body
    assert "zaplanowano do publikacji 2 marca 2026, 12:01" in body
    assert "- Wprowadzenie: Upewnij się, że ta wartość ma co najwyżej 600 znaków" in (
        body
    )  # the field's label and the reason
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in body
    assert "Publikacja została odwołana" in body

    # Not tried again: the next runs neither fail nor write again.
    with django_capture_on_commit_callbacks(execute=True):
        assert run_the_job_at(3) == {"unpublished": 0, "published": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_without_an_author_the_office_is_told(
    scheduled, django_capture_on_commit_callbacks
):
    _page, revision, _author = scheduled
    Revision.objects.filter(pk=revision.pk).update(user=None)
    with django_capture_on_commit_callbacks(execute=True):
        run_the_job_at(2)
    assert [message.to for message in mail.outbox] == [["biuro@razem.test"]]


def test_a_failure_that_may_pass_keeps_the_revision_scheduled(
    scheduled, monkeypatch, django_capture_on_commit_callbacks
):
    _page, revision, _author = scheduled

    def database_away(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Revision, "publish", database_away)
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(NOON + datetime.timedelta(minutes=2), tick=False),
    ):
        assert publish_scheduled()["failed"] == 1
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None  # tried again at the next run
    assert mail.outbox == []
