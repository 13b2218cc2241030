"""The anonymous page cache: hits, invalidation on every change, never personal."""

import pytest

from razem.cache import current_generation, invalidate_pages
from razem.models import AssociationSettings
from tests.factories.razem import publish_standard_page


@pytest.fixture
def about(home_page):
    return publish_standard_page(home_page, "O nas", slug="o-nas", text="Pierwsza.")


@pytest.mark.django_db
def test_second_anonymous_view_is_served_from_cache(client, about):
    first = client.get("/o-nas/")
    second = client.get("/o-nas/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert not first.cookies, "a cached page must not set cookies"


@pytest.mark.django_db
def test_a_publish_is_seen_at_once(client, about, django_capture_on_commit_callbacks):
    client.get("/o-nas/")
    assert client.get("/o-nas/")["X-Page-Cache"] == "hit"
    about.body = [("paragraph", "<p>Druga wersja tekstu.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    response = client.get("/o-nas/")
    assert response["X-Page-Cache"] == "miss"
    assert "Druga wersja tekstu." in response.content.decode()


@pytest.mark.django_db
def test_a_new_page_appears_in_cached_navigation_at_once(
    client, home_page, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_standard_page(home_page, "Nowa strona menu", slug="menu")
        page.show_in_menus = True
        page.save_revision().publish()
    assert 'href="/menu/"' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["unpublish", "move", "delete"])
def test_unpublish_move_and_delete_invalidate(
    client, home_page, about, change, django_capture_on_commit_callbacks
):
    parent = publish_standard_page(home_page, "Dział", slug="dzial")
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "unpublish":
            about.unpublish()
        elif change == "move":
            about.move(parent, pos="last-child")
        else:
            about.delete()
    assert current_generation() > before


@pytest.mark.django_db
def test_association_settings_change_invalidates(
    client, home_page, django_capture_on_commit_callbacks
):
    client.get("/")
    from wagtail.models import Site

    settings = AssociationSettings.for_site(Site.objects.get(is_default_site=True))
    with django_capture_on_commit_callbacks(execute=True):
        settings.phone = "(44) 000 11 22"
        settings.save()
    assert "(44) 000 11 22" in client.get("/").content.decode()


@pytest.mark.django_db
def test_logged_in_people_never_get_or_fill_the_cache(client, about, make_user):
    client.get("/o-nas/")  # cached for anonymous visitors
    client.force_login(make_user())
    response = client.get("/o-nas/")
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Log out" in response.content.decode() or "Wyloguj" in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_pages_with_a_form_are_never_cached(client, home_page):
    from razem.demo import ensure_contact_page

    contact = ensure_contact_page(home_page, None)
    first = client.get(contact.url)
    second = client.get(contact.url)
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert first.cookies.get("csrftoken")


@pytest.mark.django_db
def test_generation_lives_in_the_database_for_per_process_caches(home_page):
    from django.core.cache import cache

    before = current_generation()
    invalidate_pages()
    cache.clear()  # another process's local cache knows nothing about it
    assert current_generation() == before + 1


@pytest.mark.django_db
def test_shared_cache_generation_is_kept_in_the_cache(settings, home_page):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "unused",
        }
    }
    from razem.cache import cache_is_shared

    assert cache_is_shared()


@pytest.fixture
def redis_cache(settings):
    """The page cache on a real Redis (db 7), as in production; skipped without it."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
            "KEY_PREFIX": "razem-test",
        }
    }
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.mark.django_db
def test_with_redis_a_publish_is_seen_at_once(
    client, redis_cache, about, django_capture_on_commit_callbacks
):
    from razem.cache import cache_is_shared

    assert cache_is_shared()
    assert client.get("/o-nas/")["X-Page-Cache"] == "miss"
    assert client.get("/o-nas/")["X-Page-Cache"] == "hit"
    about.body = [("paragraph", "<p>Tekst po publikacji.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    response = client.get("/o-nas/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tekst po publikacji." in response.content.decode()
