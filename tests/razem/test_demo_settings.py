"""`make demo` runs with DEBUG off (razem.settings.demo) and still serves static
files (WhiteNoise) and uploaded images (a media view of the demo's URLconf only);
the demo's Wagtail site takes its host and port from WAGTAILADMIN_BASE_URL."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def settings_value(module: str, expression: str, **env) -> str:
    code = (
        "import django; from django.conf import settings; django.setup(); "
        f"print({expression})"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"},
        "DJANGO_SETTINGS_MODULE": module,
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_demo_runs_with_debug_off_unless_asked():
    assert settings_value("razem.settings.demo", "settings.DEBUG") == "False"
    assert (
        settings_value("razem.settings.demo", "settings.DEBUG", DJANGO_DEBUG="1")
        == "True"
    )
    assert settings_value("razem.settings.demo", "settings.ROOT_URLCONF") == (
        "razem.demo_urls"
    )


def test_make_demo_uses_the_demo_settings():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^demo: export DJANGO_SETTINGS_MODULE \?= razem\.settings\.demo$",
        makefile,
        re.MULTILINE,
    )
    assert "WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)" in makefile


def test_production_never_uses_the_demos_media_view():
    value = settings_value(
        "razem.settings.production",
        "settings.ROOT_URLCONF, settings.DEBUG",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="razem.example.org",
    )
    assert value == "razem.urls False"
    from razem import urls

    assert "demo_media" not in repr(urls.urlpatterns)


@pytest.mark.django_db
def test_with_debug_off_the_demo_serves_static_files_and_images_but_no_documents(
    settings, home_page
):
    from tests.factories.articles import DocumentFactory, ImageFactory

    settings.DEBUG = False
    settings.ROOT_URLCONF = "razem.demo_urls"
    image = ImageFactory()
    document = DocumentFactory()
    client = Client()

    assert client.get("/").status_code == 200
    css = client.get("/static/razem/css/site.css")
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    picture = client.get(f"/media/{image.file.name}")
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/jpeg"
    assert picture["X-Content-Type-Options"] == "nosniff"
    rendition = image.get_rendition("width-100")
    assert client.get(rendition.url).status_code == 200
    assert client.get(f"/media/{document.file.name}").status_code == 404
    traversal = client.get("/media/original_images/../../pyproject.toml")
    assert traversal.status_code in (400, 404)
    # Inside MEDIA_ROOT but out of the image folders (found in the browser trial):
    # a document reached through an image folder, as typed and percent-encoded.
    for spelling in ("..", "%2e%2e", "%2E%2E"):
        sideways = client.get(f"/media/images/{spelling}/{document.file.name}")
        assert sideways.status_code == 404, spelling
        sideways = client.get(f"/media/original_images/{spelling}/{document.file.name}")
        assert sideways.status_code == 404, spelling
    assert client.post(f"/media/{image.file.name}").status_code == 405
    missing = client.get("/nie-ma-takiej-strony/")
    assert missing.status_code == 404 and "Nie znaleziono strony" in (
        missing.content.decode()
    )


@pytest.mark.django_db
def test_the_demo_site_takes_its_address_from_wagtailadmin_base_url(settings):
    from wagtail.models import Site

    from razem import demo
    from razem.models import StandardPage

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    demo.load(StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    statute = StandardPage.objects.get(slug="statut")
    assert statute.full_url == "http://127.0.0.1:8123/statut/"

    settings.WAGTAILADMIN_BASE_URL = "https://razem.example.org"
    demo.load(StringIO())  # a second load follows a changed address
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("razem.example.org", 443)
