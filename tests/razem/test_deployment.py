"""Deployment files stay in step with the code: .env.example and the Dockerfile."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENV_READ = re.compile(
    r"""(?:environ(?:\.get)?\(|environ\[|env_(?:bool|list)\()\s*["']([A-Z_]+)["']"""
)


def variables_read_by_the_code() -> set[str]:
    names = set()
    for app in ["razem", "members", "articles", "conferences", "consultations"]:
        for path in (ROOT / app).rglob("*.py"):
            names |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
    return names


def test_env_example_lists_every_environment_variable():
    documented = set(
        re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    missing = variables_read_by_the_code() - documented
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_dockerfile_runs_gunicorn_as_non_root_with_a_health_check():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "\nUSER razem\n" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "manage.py healthcheck" in dockerfile
    assert "gunicorn razem.wsgi" in dockerfile
    for step in ["compilemessages", "collectstatic", "libpango-1.0-0", "fonts-dejavu"]:
        assert step in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "*.sqlite3"} <= set(ignored)
