"""The scheduler queues recurring jobs once per due time; retention runs under it.

The clock is frozen with time-machine: the retention rules are checked on the day they
must take effect and on the day before.
"""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from conferences.models import Registration
from conferences.services.registration import register_participants
from members.choices import ApplicationStatus
from members.models import Application
from razem.models import ScheduledJobRun
from razem.scheduling import SCHEDULE, ScheduledJob, enqueue_due_jobs
from tests.factories.conferences import make_conference, participant
from tests.factories.members import ApplicationFactory, CentreFactory, representative

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(*args) -> datetime.datetime:
    """A moment in Warsaw time."""
    return datetime.datetime(*args, tzinfo=WARSAW)


DAILY = ScheduledJob(
    "daily", "razem.tasks.apply_retention_task", datetime.timedelta(days=1),
    at=datetime.time(3, 15),
)  # fmt: skip


def test_daily_job_is_due_at_its_local_time_next():
    assert DAILY.next_after(at(2026, 3, 2, 2, 0)) == at(2026, 3, 2, 3, 15)
    assert DAILY.next_after(at(2026, 3, 2, 3, 15)) == at(2026, 3, 3, 3, 15)
    assert DAILY.next_after(at(2026, 3, 2, 23, 59)) == at(2026, 3, 3, 3, 15)
    # Across the change to summer time (29 March 2026) it stays at 03:15 local.
    assert DAILY.next_after(at(2026, 3, 28, 4, 0)) == at(2026, 3, 29, 3, 15)
    hourly = ScheduledJob("h", "x", datetime.timedelta(hours=1))
    assert hourly.next_after(at(2026, 3, 2, 2, 0)) == at(2026, 3, 2, 3, 0)


MINUTELY = {job.name for job in SCHEDULE if job.every <= datetime.timedelta(minutes=1)}


def test_each_job_is_queued_once_per_due_time(home_page):
    names = {job.name for job in SCHEDULE}
    assert {"publish-scheduled", "retention", "opinion-reminders"} <= names
    with time_machine.travel(at(2026, 3, 2, 2, 0), tick=False):
        assert set(enqueue_due_jobs()) == names  # a fresh installation catches up
        assert enqueue_due_jobs() == []  # nothing is due twice
    with time_machine.travel(at(2026, 3, 2, 3, 0), tick=False):
        assert set(enqueue_due_jobs()) == {"opinion-reminders"} | MINUTELY
    with time_machine.travel(at(2026, 3, 2, 3, 0, 30), tick=False):
        assert enqueue_due_jobs() == []  # the minutely jobs wait their minute
    with time_machine.travel(at(2026, 3, 2, 3, 16), tick=False):
        assert set(enqueue_due_jobs()) == {"retention"} | MINUTELY
    with time_machine.travel(at(2026, 3, 2, 8, 0), tick=False):
        assert (
            set(enqueue_due_jobs())
            == {
                "conference-reminders",
                "opinion-reminders",
            }
            | MINUTELY
        )
    # The scheduler was down for two days: the missed runs collapse into one.
    with time_machine.travel(at(2026, 3, 4, 12, 0), tick=False):
        assert set(enqueue_due_jobs()) == names
    run = ScheduledJobRun.objects.get(name="retention")
    assert run.last_enqueued_at == at(2026, 3, 4, 12, 0)
    assert run.next_run_at == at(2026, 3, 5, 3, 15)


def test_run_scheduler_once_queues_and_reports(home_page):
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "Queued retention" in out.getvalue()
    assert ScheduledJobRun.objects.count() == len(SCHEDULE)


@pytest.fixture
def past_data(home_page):
    """As of 2026-03-02: a conference that ended on 2024-01-31 and one ending today,
    a rejected application decided on 2025-02-28 and a pending one from 2024."""
    with time_machine.travel(at(2024, 1, 10, 12, 0), tick=False):
        old = make_conference(open_now=True)
        type(old).objects.filter(pk=old.pk).update(
            start_date=datetime.date(2024, 1, 30), end_date=datetime.date(2024, 1, 31)
        )
        centre = CentreFactory()
        rep = representative(centre)
        old.refresh_from_db()
        register_participants(
            conference=old, centre=centre, user=rep,
            participants=[participant(1, special_needs="dieta bezglutenowa",
                                      special_needs_consent=True)],
        )  # fmt: skip
        pending = ApplicationFactory(first_name="Ewa", last_name="Nowak")
    with time_machine.travel(at(2026, 2, 1, 12, 0), tick=False):
        current = make_conference(open_now=True)
        type(current).objects.filter(pk=current.pk).update(
            start_date=datetime.date(2026, 3, 1), end_date=datetime.date(2026, 3, 2)
        )
        current.refresh_from_db()
        register_participants(
            conference=current, centre=centre, user=rep,
            participants=[participant(2, special_needs="podjazd dla wózka",
                                      special_needs_consent=True)],
        )  # fmt: skip
    rejected = ApplicationFactory(
        first_name="Jan",
        last_name="Kowalski",
        phone="600 100 200",
        message="Prosimy o przyjęcie.",
        status=ApplicationStatus.REJECTED,
        decision_reason="Gmina ma ponad 50 000 mieszkańców.",
        decided_at=at(2025, 2, 28, 10, 0),
    )
    return {"old": old, "current": current, "rejected": rejected, "pending": pending}


def test_retention_job_under_a_frozen_clock(past_data, settings):
    settings.RAZEM_PARTICIPANT_RETENTION_DAYS = 730
    settings.RAZEM_APPLICATION_RETENTION_DAYS = 365
    # 2026-03-02, the last day of the current conference: its needs are still kept;
    # the old conference ended 761 days ago, the application was decided 367 days ago.
    with time_machine.travel(at(2026, 3, 2, 3, 20), tick=False):
        assert "retention" in enqueue_due_jobs()  # runs at once (immediate backend)

    old = Registration.objects.get(conference=past_data["old"])
    assert old.first_name == "Uczestnik" and old.last_name == f"#{old.pk}"
    assert old.email == f"anonim-{old.pk}@anonymised.invalid"
    assert old.special_needs == "" and old.anonymised_at is not None
    current = Registration.objects.get(conference=past_data["current"])
    assert current.special_needs == "podjazd dla wózka"
    assert current.last_name == "Gęślą-Jaźń 2"

    rejected = Application.objects.get(pk=past_data["rejected"].pk)
    assert (rejected.first_name, rejected.last_name) == (
        "Wnioskodawca",
        f"#{rejected.pk}",
    )
    assert rejected.email.endswith("@anonymised.invalid")
    assert rejected.phone == rejected.message == ""
    assert rejected.decision_reason == "Gmina ma ponad 50 000 mieszkańców."
    pending = Application.objects.get(pk=past_data["pending"].pk)
    assert (pending.first_name, pending.anonymised_at) == ("Ewa", None)

    # The next day's run erases the special-category answers of the finished
    # conference and nothing else; personal data stays until its own period ends.
    with time_machine.travel(at(2026, 3, 3, 3, 20), tick=False):
        assert "retention" in enqueue_due_jobs()
    current.refresh_from_db()
    assert current.special_needs == "" and current.special_needs_consent is False
    assert current.last_name == "Gęślą-Jaźń 2" and current.anonymised_at is None


def test_decided_application_kept_until_its_period_ends(home_page, settings):
    settings.RAZEM_APPLICATION_RETENTION_DAYS = 365
    application = ApplicationFactory(
        status=ApplicationStatus.ACCEPTED, decided_at=timezone.now()
    )
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "applications_anonymised: 0" in out.getvalue()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        call_command("apply_retention", stdout=out)
    application.refresh_from_db()
    assert application.anonymised_at is not None
    assert application.email.endswith("@anonymised.invalid")


def test_retention_prunes_task_records_sessions_and_stale_invitations(home_page):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from members.models import Invitation
    from tests.factories.members import invitation

    now = timezone.now()

    def task_record(finished_days_ago):
        return DBTaskResult.objects.create(
            status=TaskResultStatus.SUCCESSFUL,
            finished_at=now - datetime.timedelta(days=finished_days_ago),
            args_kwargs={"args": [["jan@example.test"]], "kwargs": {}},
            task_path="razem.tasks.send_email_task",
            backend_name="default",
            run_after=now,
        )

    old_record, fresh_record = task_record(20), task_record(2)
    stale, _token = invitation(email="dawno@example.test")
    Invitation.objects.filter(pk=stale.pk).update(
        expires_at=now - datetime.timedelta(days=100)
    )
    current, _token = invitation(email="teraz@example.test")
    expired_session = SessionStore()
    expired_session.set_expiry(-10)
    expired_session.create()

    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "task_results_deleted: 1" in out.getvalue()
    assert "invitations_deleted: 1" in out.getvalue()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [fresh_record.pk]
    assert not DBTaskResult.objects.filter(pk=old_record.pk).exists()
    assert list(Invitation.objects.all()) == [current]
    assert not Session.objects.filter(session_key=expired_session.session_key).exists()
