"""`manage.py check --deploy` is clean with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def deploy_check(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright in this
            # process; a deployment never has it, and check --deploy rightly objects.
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "razem.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            # The documented deployment: one TLS proxy in front (docs/operations.md).
            "RAZEM_PROXY_COUNT": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_notices_a_weak_setting():
    result = deploy_check(DJANGO_SECRET_KEY="short")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = deploy_check(DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_notices_a_proxy_count_of_zero_behind_the_tls_proxy():
    """Production runs behind the TLS proxy: without the count every visitor has
    the proxy's address and one person's typos lock out everyone."""
    result = deploy_check(RAZEM_PROXY_COUNT="0")
    assert result.returncode != 0
    assert "razem.W001" in result.stdout + result.stderr
