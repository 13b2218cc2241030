"""Helpers of the operations tests: URLs of the test database and scratch databases."""

import uuid

import pytest
from django.db import connection

# The security tests' small world (a page of every type, two centres, their people).
from tests.security.conftest import pages, people  # noqa: F401


def database_url(name: str | None = None) -> str:
    """A postgres:// URL of the test database (or another database on its server)."""
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name or params['NAME']}"


@pytest.fixture
def scratch_database(postgres_only):
    """Names of new databases on the same server, dropped after the test."""
    import psycopg

    created = []

    def _new() -> str:
        name = f"razem_ops_{uuid.uuid4().hex[:10]}"
        created.append(name)
        return name

    yield _new
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        for name in created:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
