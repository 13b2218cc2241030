"""Content pages: PDF, metryczka, Open Graph, sitemap, robots, errors, headers."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from tests.factories.razem import publish_standard_page


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def statute(home_page, make_user):
    author = make_user("autor@example.test", first_name="Anna", last_name="Kowalska")
    return publish_standard_page(
        home_page,
        "Statut Stowarzyszenia „RAZEM” – zażółć gęślą jaźń",
        slug="statut",
        lead="Zasady działania stowarzyszenia.",
        text="Członkami są ośrodki pomocy społecznej.",
        user=author,
    )


@pytest.mark.django_db
def test_pdf_of_a_page_is_valid_with_its_polish_title(client, statute):
    html = client.get("/statut/").content.decode()
    assert (
        f'<link rel="alternate" type="application/pdf" title="This page as PDF" '
        f'href="/pdf/{statute.pk}/">'
        in html
        or f'type="application/pdf" title="Ta strona w PDF" href="/pdf/{statute.pk}/"'
        in html
    )
    response = client.get(f"/pdf/{statute.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "zażółć gęślą jaźń" in text
    assert "ośrodki pomocy społecznej" in text


@pytest.mark.django_db
def test_pdf_includes_images(client, home_page):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    image = Image.objects.create(
        title="Zdjęcie", file=ImageFile(buffer, name="zdjecie.png")
    )
    page = publish_standard_page(home_page, "Galeria", slug="galeria")
    page.body = [("image", {"image": image, "alt_text": "Czerwony prostokąt"})]
    page.save_revision().publish()
    response = client.get(f"/pdf/{page.pk}/")
    reader = PdfReader(io.BytesIO(response.content))
    assert sum(len(p.images) for p in reader.pages) >= 1


@pytest.mark.django_db
def test_no_pdf_of_drafts_or_private_pages(client, home_page, statute):
    draft = publish_standard_page(home_page, "Szkic", slug="szkic")
    draft.unpublish()
    PageViewRestriction.objects.create(
        page=statute, restriction_type=PageViewRestriction.PASSWORD, password="x-y-z"
    )
    assert client.get(f"/pdf/{draft.pk}/").status_code == 404
    assert client.get(f"/pdf/{statute.pk}/").status_code == 404
    assert client.get("/pdf/999999/").status_code == 404


@pytest.mark.django_db
def test_page_record_names_people_never_by_email(client, statute, make_user):
    editor = make_user("redaktor@example.test", first_name="Jan", last_name="Nowak")
    statute.lead = "Nowy wstęp."
    statute.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    draft = statute.save_revision(user=editor)  # unpublished draft: not shown
    html = client.get("/statut/").content.decode()
    record = html[html.index('class="page-record"') :]
    assert "Anna Kowalska" in record  # created by
    assert "Jan Nowak" in record  # last changed by
    assert "@example.test" not in record
    assert record.count("<li><time") == 2
    assert draft.created_at.isoformat()[:19] not in record


@pytest.mark.django_db
def test_page_record_queries_do_not_grow_with_history(client, statute):
    from razem.templatetags.razem_tags import page_record_context

    for number in range(15):
        statute.lead = f"Wersja {number}"
        statute.save_revision().publish()
    statute.refresh_from_db()
    with CaptureQueriesContext(connection) as context:
        record = page_record_context(statute)
    assert len(context.captured_queries) <= 2
    assert len(record["revisions"]) == 10


@pytest.mark.django_db
def test_open_graph_tags(client, statute):
    html = client.get("/statut/").content.decode()
    assert '<meta property="og:type" content="website">' in html
    assert 'property="og:title" content="Statut Stowarzyszenia' in html
    assert '<meta property="og:url" content="http://localhost/statut/">' in html
    assert '<meta property="og:description" content="Zasady działania' in html
    assert '<meta property="og:locale" content="pl_PL">' in html


@pytest.mark.django_db
def test_sitemap_lists_every_live_public_page(client, home_page, statute):
    hidden = publish_standard_page(home_page, "Ukryta", slug="ukryta")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x-y-z"
    )
    draft = publish_standard_page(home_page, "Szkic", slug="szkic")
    draft.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/</loc>" in xml
    assert "<loc>http://localhost/statut/</loc>" in xml
    assert "/ukryta/" not in xml
    assert "/czlonkowie/</loc>" in xml  # the member directory, outside the tree
    assert "/szkic/" not in xml


@pytest.mark.django_db
def test_robots_txt_keeps_robots_out_of_private_areas(client):
    text = client.get("/robots.txt").content.decode()
    for path in ["/admin/", "/konto/", "/moj-osrodek/", "/szukaj/"]:
        assert f"Disallow: {path}" in text


@pytest.mark.django_db
def test_404_page_is_polish_within_the_layout(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Nie znaleziono strony" in html
    assert 'href="#main"' in html


def test_500_page_is_polish_and_needs_no_database(rf):
    from razem.views import server_error

    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "wystąpił błąd serwera" in html
    assert 'lang="pl"' in html


@pytest.mark.django_db
def test_security_headers_on_public_pages(client, statute):
    response = client.get("/statut/")
    assert response["Content-Security-Policy"] == settings.RAZEM_CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    cached = client.get("/statut/")
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Content-Security-Policy"] == settings.RAZEM_CSP


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def project_templates():
    root = Path(settings.BASE_DIR)
    for app in ["razem", "articles", "members", "conferences", "consultations"]:
        yield from (root / app / "templates").rglob("*.html")


def test_no_template_has_inline_script_handler_or_style():
    offenders = []
    for path in project_templates():
        source = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE):
            if pattern.search(source):
                offenders.append(f"{path}: {pattern.pattern}")
    assert not offenders, "\n".join(offenders)


def test_check_deploy_is_clean_with_production_settings():
    import os
    import subprocess
    import sys

    env = {
        # The browser tests' conftest allows async-unsafe calls for the whole
        # session; a real deployment never sets that, and check --deploy says so.
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "razem.settings.production",
        "DJANGO_SECRET_KEY": "t3st-" + "k" * 60 + "-xyzXYZ0123456789",
        "DJANGO_ALLOWED_HOSTS": "razem.example.org",
        "RAZEM_PROXY_COUNT": "1",  # the documented deployment: one TLS proxy
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
