"""`manage.py run_scheduler`: queue the recurring jobs of `razem.scheduling` when due.

Run one beside `manage.py db_worker` (any number is safe: each run is queued once).
After each pass that reached the database it writes the scheduler's heartbeat
(`razem.heartbeat`) for the container's health check; a pass that cannot reach the
database is logged and retried at the next interval instead of ending the process.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from razem.heartbeat import beat
from razem.scheduling import SCHEDULE, enqueue_due_jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    """Every --interval seconds, queue the jobs that are due."""

    help = "Queue the scheduled background jobs (retention, reminders) when due."

    def add_arguments(self, parser):
        """--once for a single pass (cron-style), --interval between passes."""
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=float, default=60.0)

    def handle(self, *args, once: bool, interval: float, **options):
        names = ", ".join(job.name for job in SCHEDULE)
        self.stdout.write(f"Scheduler: {names}")
        while True:
            self.run_pass(interval, heartbeat=not once)
            if once:
                return
            time.sleep(interval)

    def run_pass(self, interval: float, *, heartbeat: bool) -> None:
        """Queue what is due; beat when the database answered."""
        try:
            queued = enqueue_due_jobs()
        except DatabaseError:
            logger.exception("Scheduler pass failed: the database is away")
            connection.close()  # a fresh connection at the next pass
            return
        for name in queued:
            self.stdout.write(f"Queued {name}")
        if heartbeat:
            beat("scheduler", interval)
