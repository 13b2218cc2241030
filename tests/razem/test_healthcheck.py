"""The container health check by role: web asks /healthz, the worker and the
scheduler show their own heartbeat and a database that answers."""

import io
import signal
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError

from razem.heartbeat import beat, heartbeat_path, is_fresh
from razem.management.commands.healthcheck import detect_role

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE = "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection"


@pytest.fixture(autouse=True)
def heartbeats(settings, tmp_path):
    """Each test writes its heartbeats into its own directory."""
    settings.RAZEM_HEARTBEAT_DIR = str(tmp_path)
    return tmp_path


@pytest.fixture
def keep_signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers: give pytest's back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def healthcheck(*args) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("healthcheck", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    "cmdline, role",
    [
        (b"python\0manage.py\0db_worker\0--interval\x001\0", "worker"),
        (b"python\0manage.py\0run_scheduler\0", "scheduler"),
        (b"gunicorn\0razem.wsgi\0--bind\x000.0.0.0:8000\0", "web"),
        (b"", "web"),
    ],
)
def test_the_role_is_read_from_the_containers_main_process(tmp_path, cmdline, role):
    path = tmp_path / "cmdline"
    path.write_bytes(cmdline)
    assert detect_role(path) == role
    assert detect_role(tmp_path / "missing") == "web"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["worker", "scheduler"])
def test_a_background_role_is_healthy_with_a_recent_heartbeat(role):
    assert healthcheck("--role", role)[0] == 1  # never beat
    beat(role, 60)
    code, output = healthcheck("--role", role)
    assert code == 0, output
    assert "database ok" in output


@pytest.mark.django_db
def test_a_stale_heartbeat_or_an_unreachable_database_is_unhealthy():
    beat("scheduler", 60)
    assert is_fresh("scheduler")
    assert not is_fresh("scheduler", now=time.time() + 181)  # three beats missed
    with mock.patch("razem.heartbeat.time.time", return_value=time.time() + 181):
        code, output = healthcheck("--role", "scheduler")
    assert code == 1 and "last beat" in output
    with mock.patch(UNREACHABLE, side_effect=OperationalError("down")):
        code, output = healthcheck("--role", "scheduler")
    assert code == 1 and "database" in output


@pytest.mark.django_db
def test_the_role_may_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RAZEM_ROLE", "worker")
    code, output = healthcheck()
    assert code == 1 and "worker" in output


@pytest.mark.django_db(transaction=True)
def test_the_web_role_asks_healthz_of_the_local_server(live_server, monkeypatch):
    host, port = live_server.url.removeprefix("http://").split(":")
    monkeypatch.setenv("PORT", port)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "localhost")
    code, output = healthcheck("--role", "web")
    assert code == 0, output
    assert '"database": "ok"' in output
    monkeypatch.setenv("PORT", "1")  # nothing listens there
    assert healthcheck("--role", "web")[0] == 1


@pytest.mark.django_db
def test_the_scheduler_beats_after_each_pass_and_survives_a_database_outage():
    from razem.management.commands.run_scheduler import Command

    command = Command(stdout=io.StringIO())
    command.run_pass(60.0, heartbeat=True)
    assert is_fresh("scheduler")
    heartbeat_path("scheduler").unlink()
    with mock.patch(
        "razem.management.commands.run_scheduler.enqueue_due_jobs",
        side_effect=OperationalError("the database is restarting"),
    ):
        command.run_pass(60.0, heartbeat=True)  # logged, not raised
    assert not heartbeat_path("scheduler").exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_beats_while_it_runs(keep_signal_handlers, settings):
    from razem.tasks import apply_retention_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    apply_retention_task.enqueue()
    call_command("db_worker", "--max-tasks", "1", "--no-startup-delay", "--no-reload")
    assert is_fresh("worker")


@pytest.mark.django_db
def test_a_batch_run_of_the_worker_writes_no_heartbeat(
    keep_signal_handlers, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes old connections: on PostgreSQL, the test's transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert not heartbeat_path("worker").exists()


def test_the_image_checks_each_container_by_its_role():
    dockerfile = (ROOT / "Dockerfile").read_text()
    healthcheck_line = next(
        line for line in dockerfile.splitlines() if line.startswith("HEALTHCHECK")
    )
    following = dockerfile.split(healthcheck_line, 1)[1].splitlines()[1]
    assert "manage.py healthcheck" in following
    assert "urlopen" not in dockerfile  # no HTTP check inherited by the worker
