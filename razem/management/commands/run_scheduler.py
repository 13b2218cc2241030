"""`manage.py run_scheduler`: queue the recurring jobs of `razem.scheduling` when due.

Run one beside `manage.py db_worker` (any number is safe: each run is queued once).
"""

import time

from django.core.management.base import BaseCommand

from razem.scheduling import SCHEDULE, enqueue_due_jobs


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
            for name in enqueue_due_jobs():
                self.stdout.write(f"Queued {name}")
            if once:
                return
            time.sleep(interval)
