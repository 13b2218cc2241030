"""Recurring background jobs on the django-tasks queue.

django-tasks has no scheduler of its own (the packages that add one need Python 3.12+),
so `manage.py run_scheduler` wakes up every minute and queues the jobs below that are
due; `manage.py db_worker` runs them like any other task. Each job keeps one
`ScheduledJobRun` row, locked while deciding, so any number of scheduler processes
queue each run exactly once. Times are local (`TIME_ZONE`, Europe/Warsaw).
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    """A task queued every `every`, aligned to `at` (local time) for daily jobs."""

    name: str
    task: str  # dotted path of a django-tasks Task
    every: datetime.timedelta
    at: datetime.time | None = None

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """The first due time strictly after `moment`."""
        if self.at is None:
            return moment + self.every
        local = timezone.localtime(moment)
        candidate = timezone.make_aware(
            datetime.datetime.combine(local.date(), self.at)
        )
        while candidate <= moment:
            candidate = timezone.make_aware(
                datetime.datetime.combine(
                    (timezone.localtime(candidate) + self.every).date(), self.at
                )
            )
        return candidate


SCHEDULE = (
    # RODO retention: anonymise participants and closed applications, erase
    # special-category answers after the conference, purge old contact messages.
    ScheduledJob(
        "retention",
        "razem.tasks.apply_retention_task",
        every=datetime.timedelta(days=1),
        at=datetime.time(3, 15),
    ),
    ScheduledJob(
        "conference-reminders",
        "conferences.tasks.send_conference_reminders_task",
        every=datetime.timedelta(days=1),
        at=datetime.time(8, 0),
    ),
    ScheduledJob(
        "opinion-reminders",
        "consultations.tasks.send_opinion_reminders_task",
        every=datetime.timedelta(hours=1),
    ),
    # Pages (and snippets) scheduled in the editor go live, and expire, by themselves:
    # Wagtail's `publish_scheduled`, one object at a time (razem.tasks).
    ScheduledJob(
        "publish-scheduled",
        "razem.tasks.publish_scheduled_task",
        every=datetime.timedelta(minutes=1),
    ),
    # Signing closes by itself at the deadline: the same service as staff use.
    ScheduledJob(
        "opinion-close",
        "consultations.tasks.close_overdue_opinions_task",
        every=datetime.timedelta(minutes=1),
    ),
)


def enqueue_due_jobs(now: datetime.datetime | None = None, jobs=SCHEDULE) -> list[str]:
    """Queue every job that is due at `now`; return their names.

    A job never run before is due at once (a fresh installation catches up), then
    at its next regular time. Missed runs (the scheduler was down) collapse into one.
    """
    from .models import ScheduledJobRun

    now = now or timezone.now()
    queued = []
    for job in jobs:
        with transaction.atomic():
            ScheduledJobRun.objects.get_or_create(name=job.name)
            run = ScheduledJobRun.objects.select_for_update().get(name=job.name)
            if run.next_run_at is not None and run.next_run_at > now:
                continue
            import_string(job.task).enqueue()
            run.last_enqueued_at = now
            run.next_run_at = job.next_after(now)
            run.save(update_fields=["last_enqueued_at", "next_run_at"])
            queued.append(job.name)
            logger.info("Queued %s; next run at %s", job.name, run.next_run_at)
    return queued
