"""Fixtures shared by the whole suite."""

import os

import pytest
from django.core.cache import cache
from django.db import connection


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args[:1] == (True,))):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "live_server" in fixtures or "transactional_db" in fixtures


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark everything under tests/browser/ as a browser test.

    Runs first, so `-m browser` / `-m "not browser"` (applied by pytest's own hook)
    already sees the mark.
    """
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """Run every transactional test after the others.

    Transactional tests (live server, concurrency) end by flushing the database,
    which also removes rows created by migrations (Wagtail's root page and
    collection, the Editors group). pytest-django orders them last, but pytest's
    own fixture-based reordering (for the session-scoped browser parameter) runs
    afterwards and mixes them in again; this stable sort restores the order.
    """
    session.items.sort(key=_is_transactional)


_skipped_browser_tests: list[str] = []


def pytest_runtest_logreport(report):
    """Remember browser tests that were skipped."""
    if report.skipped and "browser" in report.keywords:
        _skipped_browser_tests.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """In CI (RAZEM_REQUIRE_BROWSER=1) a skipped browser test fails the run."""
    if os.environ.get("RAZEM_REQUIRE_BROWSER") and _skipped_browser_tests:
        names = "\n  ".join(_skipped_browser_tests)
        print(f"\nBrowser tests were skipped but are required:\n  {names}")  # noqa: T201
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (page cache, rate limits, counters).

    The content-type cache is cleared too: a transactional test flushes the
    database, and the content types recreated afterwards get new ids.
    """
    from django.contrib.contenttypes.models import ContentType

    from razem.cache import _request_memo

    ContentType.objects.clear_cache()
    cache.clear()
    _request_memo.__dict__.clear()  # the per-request generation memo of this thread
    yield
    cache.clear()
    _request_memo.__dict__.clear()


@pytest.fixture
def home_page(db):
    """The RAZEM home page as the default site's root."""
    from razem.demo import ensure_home_page

    return ensure_home_page()


@pytest.fixture
def password():
    """The password every test account gets."""
    return "test-Password-2026"


@pytest.fixture
def make_user(db, password):
    """Create a person with a verified e-mail address."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    def _make(email="osoba@example.test", **extra):
        user = get_user_model().objects.create_user(
            email=email, password=password, **extra
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return _make


def is_postgres() -> bool:
    """True when the suite runs against PostgreSQL."""
    return connection.vendor == "postgresql"


@pytest.fixture
def postgres_only(db):
    """Skip a test on SQLite: row locks and concurrency only mean something on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite has no row locks")
