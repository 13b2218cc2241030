"""`manage.py db_worker`: django-tasks-db's worker, with a heartbeat for health checks.

This command takes the place of django-tasks-db's own `db_worker` (the house app
comes first in INSTALLED_APPS) and runs it unchanged, options and all. While it
runs, a thread checks the database every HEARTBEAT_SECONDS and, when it answers,
writes the worker's heartbeat (`razem.heartbeat`), which the container's health
check (`manage.py healthcheck --role worker`) reads. A one-off `--batch` run
writes none. The heartbeat proves the process is alive and reaches the database;
a task that hangs forever is not detected by it.
"""

import logging
import threading

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from razem.health import database_state
from razem.heartbeat import beat

HEARTBEAT_SECONDS = 30.0
logger = logging.getLogger(__name__)


def _beat_once(interval: float) -> None:
    """Beat when the database answers."""
    if database_state() == "ok":
        beat("worker", interval)
    else:
        logger.warning("Worker heartbeat skipped: the database is away")


def _beat_while(stopped: threading.Event, interval: float) -> None:
    """Beat every `interval` seconds until `stopped`."""
    while not stopped.wait(interval):
        try:
            _beat_once(interval)
        finally:
            connection.close()  # this thread's own connection


class Command(DBWorkerCommand):
    """django-tasks-db's worker with a heartbeat thread."""

    def handle(self, *args, **options):
        if options.get("batch"):
            return super().handle(*args, **options)
        _beat_once(HEARTBEAT_SECONDS)  # at start, before the first task
        stopped = threading.Event()
        thread = threading.Thread(
            target=_beat_while,
            args=(stopped, HEARTBEAT_SECONDS),
            name="razem-worker-heartbeat",
            daemon=True,
        )
        thread.start()
        try:
            return super().handle(*args, **options)
        finally:
            stopped.set()
