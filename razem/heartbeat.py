"""Heartbeats of the background processes, for their container health checks.

The task worker (`manage.py db_worker`) and the scheduler (`manage.py
run_scheduler`) answer no HTTP, so the image's health check cannot ask `/healthz`
for them. Instead each writes a small file in `RAZEM_HEARTBEAT_DIR` after it has
reached the database, and `manage.py healthcheck` (the image's HEALTHCHECK) checks
that its own process's file is recent. A file is per container: it proves that
this worker or scheduler is alive and can reach the database.
"""

import json
import os
import time
from pathlib import Path

from django.conf import settings

ROLES = ("web", "worker", "scheduler")
# A heartbeat older than this many intervals (and at least MIN_AGE) is stale.
MISSED_BEATS = 3
MIN_AGE = 90


def heartbeat_path(role: str) -> Path:
    """The heartbeat file of a background role."""
    return Path(settings.RAZEM_HEARTBEAT_DIR) / f"razem-{role}.heartbeat"


def beat(role: str, interval: float) -> None:
    """Record that `role` is alive now and beats every `interval` seconds."""
    path = heartbeat_path(role)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(
        json.dumps({"at": time.time(), "interval": interval, "pid": os.getpid()})
    )
    temporary.replace(path)  # atomic: a reader never sees half a file


def last_beat(role: str) -> dict | None:
    """The role's last heartbeat, or None when there is none (or it is unreadable)."""
    try:
        return json.loads(heartbeat_path(role).read_text())
    except (OSError, ValueError):
        return None


def heartbeat_age(role: str, now: float | None = None) -> float | None:
    """Seconds since the role's last heartbeat (None without one)."""
    last = last_beat(role)
    if not last:
        return None
    return (now or time.time()) - float(last.get("at", 0))


def is_fresh(role: str, now: float | None = None) -> bool:
    """True when the role beat within MISSED_BEATS of its own intervals."""
    last = last_beat(role)
    age = heartbeat_age(role, now)
    if last is None or age is None:
        return False
    allowed = max(MIN_AGE, MISSED_BEATS * float(last.get("interval", 60)))
    return age <= allowed
