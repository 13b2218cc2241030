"""While Redis is unreachable the site keeps serving, uncached; /healthz says so.

The cache is configured as in production (`razem.cache_backends.ResilientRedisCache`,
sessions in `cached_db`) but points at a closed port. Every page type answers 200,
people log in and out, rate limits count per process, the visit and generation counters
carry on, the outage is logged once, and when Redis answers again the swallowed
deletes are replayed and the page-cache generation moves on.
"""

import json
import logging
import socket
import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from razem.cache_backends import RETRY_AFTER_SECONDS
from tests.factories.members import TEST_PASSWORD, representative

pytestmark = pytest.mark.django_db

RESILIENT = "razem.cache_backends.ResilientRedisCache"


def closed_port() -> int:
    """A local TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache(settings, location: str, backend: str = RESILIENT) -> None:
    """Production's cache settings, pointed at `location`."""
    settings.CACHES = {
        "default": {
            "BACKEND": backend,
            "LOCATION": location,
            "KEY_PREFIX": f"razem-test-{uuid.uuid4().hex[:8]}",
            "TIMEOUT": 600,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def redis_down(settings):
    """The shared cache is a Redis that does not answer (a closed port)."""
    redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def live_redis(settings):
    """A real Redis (skipped without one on 127.0.0.1:6379), on its own keys."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("needs Redis on 127.0.0.1:6379")
    redis_cache(settings, "redis://127.0.0.1:6379/13")


PAGE_TYPES = [
    "home",
    "standard",
    "contact",
    "news_index",
    "article",
    "gallery_index",
    "gallery",
    "conference_index",
    "conference",
    "opinion_index",
    "opinion",
    "directory",
    "apply",
    "search",
    "login",
    "feed",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_is_served_uncached_while_the_cache_is_down(
    redis_down, pages, page_type
):
    url = pages.public_urls()[page_type]
    for _visit in range(2):
        response = Client(raise_request_exception=False).get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response.get("X-Page-Cache") != "hit"


def test_the_stock_redis_backend_answers_500_while_the_cache_is_down(settings, pages):
    """Why the backend exists: Django's own RedisCache raises on every call."""
    home = pages.home.url
    redis_cache(
        settings,
        f"redis://127.0.0.1:{closed_port()}/0",
        backend="django.core.cache.backends.redis.RedisCache",
    )
    response = Client(raise_request_exception=False).get(home)
    assert response.status_code == 500


def test_people_log_in_use_the_member_area_and_log_out_without_the_cache(
    redis_down, pages
):
    member = representative(email="bez-redisa@gops.test")
    client = Client(raise_request_exception=False)
    response = client.post(
        "/konto/login/", {"login": member.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get("/moj-osrodek/").status_code == 200  # session from the database
    assert client.get(pages.opinion.url).status_code == 200
    client.post("/konto/logout/")
    assert client.get("/moj-osrodek/").status_code == 302


def test_rate_limits_hold_per_process_while_the_cache_is_down(redis_down, rf):
    """Brief point 3: with Redis unreachable the limiter neither fails open nor
    answers 500; it counts in the process's own memory until Redis is back."""
    from razem.ratelimit import RateLimit

    limit = RateLimit("outage", limit=2, window=60)
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    other = rf.post("/", REMOTE_ADDR="198.51.100.7")
    limit.hit(request)
    assert not limit.exceeded(request)
    limit.hit(request)
    assert limit.exceeded(request)
    assert not limit.exceeded(other)
    assert "Spróbuj ponownie za 1 minutę" in limit.message(request)
    # Nothing of it reached Redis: page-cache keys still miss, as before.
    cache.set("razem:page:outage", "x")
    assert cache.get("razem:page:outage") is None


def test_the_login_lockout_holds_while_the_cache_is_down(redis_down, pages):
    """allauth's failed-login limit (its counters and its lock) counts in memory
    while Redis is away: the sixth guess is refused in Polish, not a 500."""
    member = representative(email="zgadywany@gops.test")
    client = Client(raise_request_exception=False)
    for number in range(5):
        response = client.post(
            "/konto/login/", {"login": member.email, "password": f"zle-{number}"}
        )
        assert response.status_code == 200
    response = client.post(
        "/konto/login/", {"login": member.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200  # refused, even with the right password
    assert "Zbyt wiele prób z tego połączenia. Spróbuj ponownie za 5 minut." in (
        response.content.decode()
    )
    other = Client(REMOTE_ADDR="198.51.100.7", raise_request_exception=False)
    assert (
        other.post(
            "/konto/login/", {"login": member.email, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )


def test_a_public_form_stays_limited_while_the_cache_is_down(
    redis_down, pages, django_capture_on_commit_callbacks
):
    """The contact form's limit (5 an hour) holds in memory: the sixth message is
    the Polish 429 page, the typed text kept."""
    from razem.models import CONTACT_LIMIT

    message = {
        "imie_i_nazwisko": "Maria Zielińska",
        "e_mail": "maria@gops.example.test",
        "temat": "Konferencja",
        "wiadomosc": "Czy są jeszcze wolne miejsca na warsztaty?",
        "zgoda": "on",
    }
    sender = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        for _number in range(CONTACT_LIMIT.limit):
            response = sender.post(pages.contact.url, message)
            assert "Dziękujemy" in response.content.decode()
    refused = sender.post(pages.contact.url, {**message, "wiadomosc": "Szósta."})
    assert refused.status_code == 429
    assert "Szósta." in refused.content.decode()


def test_visit_and_generation_counters_carry_on_without_the_cache(redis_down, pages):
    from razem.cache import current_generation, invalidate_pages
    from razem.models import CacheGeneration

    browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    for _visit in range(25):  # past a flush of the pending views
        response = Client().get(pages.home.url, HTTP_USER_AGENT=browser)
        assert response.status_code == 200
    before = list(CacheGeneration.objects.filter(pk=1).values_list("value", flat=True))
    invalidate_pages()  # a publish while the cache is away
    after = CacheGeneration.objects.get(pk=1).value
    assert after == (before[0] + 1 if before else 2)
    assert current_generation() >= 1


def test_the_health_check_reports_the_cache_and_stays_200(redis_down, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }


def test_the_health_check_fails_when_the_database_is_down_too(redis_down, client):
    from unittest import mock

    from django.db import OperationalError

    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("down"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"


def test_the_health_check_names_a_local_cache(client):
    body = json.loads(client.get("/healthz").content)
    assert body == {"status": "ok", "database": "ok", "cache": "local"}


def test_the_outage_is_logged_once_and_the_cache_not_asked_again_at_once(
    redis_down, caplog, monkeypatch
):
    calls = []
    import redis

    original = redis.Redis.execute_command

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    with caplog.at_level(logging.WARNING, logger="razem.cache_backends"):
        for number in range(50):
            assert cache.get(f"k{number}") is None
            cache.set(f"k{number}", number)
            assert cache.add(f"lock{number}", True) is True
            with pytest.raises(ValueError):
                cache.incr(f"k{number}")
    assert len(calls) == 1  # then a pause of RETRY_AFTER_SECONDS
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "Cache unreachable" in errors[0].getMessage()
    assert RETRY_AFTER_SECONDS <= 10


def test_the_healthy_cache_is_reported_as_ok(live_redis, client):
    body = json.loads(client.get("/healthz").content)
    assert body == {"status": "ok", "database": "ok", "cache": "ok"}


def test_after_the_outage_deletes_are_replayed_and_old_entries_go_stale(
    live_redis, monkeypatch
):
    """A session deleted (logout) and a publish during the outage: when Redis is
    back, neither the session copy nor pages cached before the outage come back."""
    import redis
    from django.core.cache import caches

    from razem.cache import GENERATION_KEY, current_generation, remembered

    cache.set("razem:session-copy", {"_auth_user_id": "7"})
    generation = current_generation()
    assert remembered("nav", compute=lambda: "old menu") == "old menu"

    def unreachable(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Connection refused")

    with monkeypatch.context() as outage:
        outage.setattr(redis.Redis, "execute_command", unreachable)
        cache.delete("razem:session-copy")  # swallowed, remembered
        assert cache.get(GENERATION_KEY) is None
    # Redis answers again; the pause after the failure is over.
    caches["default"]._outage.down_until = 0.0
    assert cache.get("razem:session-copy") is None  # the replayed delete
    assert current_generation() == generation + 1
    assert remembered("nav", compute=lambda: "new menu") == "new menu"


def test_the_admin_works_while_the_cache_is_down(redis_down, pages):
    from tests.factories.members import UserFactory
    from tests.security.conftest import activate_totp

    admin = UserFactory(email="admin@bez-redisa.test", is_staff=True, is_superuser=True)
    activate_totp(admin)
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{pages.article.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/articles/category/").status_code == 200
