"""`manage.py healthcheck`: the container's health check, by the container's role.

One image runs three roles, and Docker's HEALTHCHECK applies to every container of
it. Each role is checked by what it can answer:

- web (gunicorn): `GET /healthz` on the local port must answer 200 (it answers 503
  only when the database is away; a missing cache is "degraded", still 200);
- worker (`manage.py db_worker`) and scheduler (`manage.py run_scheduler`): the
  database answers, and the process's own heartbeat file is recent.

The role is `--role`, else `RAZEM_ROLE`, else read from the container's main
process (`/proc/1/cmdline`), else web. Exit status 0 when healthy, 1 when not.
"""

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand

from razem.health import database_state
from razem.heartbeat import ROLES, heartbeat_age, is_fresh

MAIN_PROCESS = Path("/proc/1/cmdline")
ROLE_COMMANDS = {"db_worker": "worker", "run_scheduler": "scheduler"}


def detect_role(cmdline_path: Path = MAIN_PROCESS) -> str:
    """The role of the container's main process: worker, scheduler, else web."""
    try:
        arguments = cmdline_path.read_bytes().split(b"\0")
    except OSError:
        return "web"
    for argument in arguments:
        role = ROLE_COMMANDS.get(argument.decode(errors="replace"))
        if role:
            return role
    return "web"


def check_web() -> tuple[bool, str]:
    """Ask the local gunicorn for /healthz, with a host it accepts."""
    host = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": host or "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
            return response.status == 200, response.read().decode()
    except urllib.error.HTTPError as error:
        return False, f"/healthz answered {error.code}: {error.read().decode()}"
    except OSError as error:
        return False, f"/healthz did not answer: {error}"


def check_background(role: str) -> tuple[bool, str]:
    """The database answers and the role's heartbeat is recent."""
    if database_state() != "ok":
        return False, "the database does not answer"
    if not is_fresh(role):
        age = heartbeat_age(role)
        when = "never" if age is None else f"{age:.0f} s ago"
        return False, f"the {role} last beat {when}"
    return True, f"database ok, {role} beat {heartbeat_age(role):.0f} s ago"


class Command(BaseCommand):
    """Exit 0 when this container's role is healthy, 1 when it is not."""

    help = "Health check of this container's role (web, worker, scheduler)."

    def add_arguments(self, parser):
        """--role overrides RAZEM_ROLE and the detection from the main process."""
        parser.add_argument("--role", choices=ROLES)

    def handle(self, *args, role=None, **options):
        role = role or os.environ.get("RAZEM_ROLE") or detect_role()
        if role not in ROLES:
            self.stderr.write(f"unknown role {role!r}")
            sys.exit(1)
        healthy, detail = check_web() if role == "web" else check_background(role)
        (self.stdout if healthy else self.stderr).write(f"{role}: {detail}")
        if not healthy:
            sys.exit(1)
