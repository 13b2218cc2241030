"""Security headers on every page type, with production's security settings.

The client talks HTTPS (`secure=True`), as the TLS proxy does in production, so
SecurityMiddleware sends HSTS exactly as it will there.
"""

import re
from pathlib import Path

import pytest
from django.test import override_settings

from .conftest import activate_totp
from .settings_prod import production_security_settings

ONE_YEAR = 365 * 24 * 60 * 60
ROOT = Path(__file__).resolve().parents[2]
APPS = ["razem", "articles", "members", "conferences", "consultations"]
# Rendered only into PDFs by WeasyPrint, never sent to a browser.
PDF_TEMPLATES = {"consultations/templates/consultations/letter.html"}


def csp_directives(header: str) -> dict[str, list[str]]:
    """'a b c; d e' -> {'a': ['b', 'c'], 'd': ['e']}."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_common_headers(response, url: str) -> None:
    """HSTS, nosniff, Referrer-Policy and a CSP with the fixed directives."""
    hsts = response.get("Strict-Transport-Security", "")
    match = re.search(r"max-age=(\d+)", hsts)
    assert match and int(match.group(1)) >= ONE_YEAR, (url, hsts)
    assert "includesubdomains" in hsts.lower(), (url, hsts)
    assert response.get("X-Content-Type-Options") == "nosniff", url
    assert response.get("Referrer-Policy") in {
        "strict-origin-when-cross-origin",
        "same-origin",
        "no-referrer",
        "strict-origin",
    }, url
    csp = csp_directives(response.get("Content-Security-Policy", ""))
    assert csp.get("object-src") == ["'none'"], (url, csp)
    assert csp.get("base-uri") == ["'none'"], (url, csp)
    assert csp.get("frame-ancestors") in (["'none'"], ["'self'"]), (url, csp)


def assert_strict_script_policy(response, url: str) -> None:
    """No inline script, no eval, no wildcard on the public site."""
    csp = csp_directives(response["Content-Security-Policy"])
    scripts = csp.get("script-src") or csp.get("default-src")
    assert scripts, (url, csp)
    for forbidden in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:"):
        assert forbidden not in scripts, (url, forbidden, scripts)
    assert "'unsafe-inline'" not in (csp.get("style-src") or []), (url, csp)


@pytest.fixture
def production(settings):
    """Production's security settings on top of the test settings."""
    with override_settings(**production_security_settings()):
        yield


@pytest.mark.django_db
def test_production_settings_are_strict():
    values = production_security_settings()
    assert values["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True


@pytest.mark.django_db
def test_every_public_page_type_sends_the_security_headers(client, pages, production):
    for name, url in pages.public_urls().items():
        response = client.get(url, secure=True)
        expected = 404 if name == "not_found" else 200
        assert response.status_code == expected, (name, url, response.status_code)
        assert_common_headers(response, url)
        assert_strict_script_policy(response, url)
        # A second anonymous view may come from the page cache: same headers.
        again = client.get(url, secure=True)
        assert_common_headers(again, url)
        assert_strict_script_policy(again, url)


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, pages, production):
    response = client.get(pages.article.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def logged_in_urls(pages) -> list[str]:
    """Pages of a centre's representative (member area and public pages logged in)."""
    return [
        "/moj-osrodek/",
        "/moj-osrodek/dane/",
        "/moj-osrodek/osoby/zapros/",
        "/moj-osrodek/konferencje/",
        f"/moj-osrodek/konferencje/{pages.conference.pk}/zapisz/",
        "/moj-osrodek/usun-konto/",
        "/konto/password/change/",
        pages.opinion.url,
        pages.draft_opinion.url,
        pages.home.url,
        pages.article.url,
        "/czlonkowie/",
    ]


@pytest.mark.django_db
def test_logged_in_pages_are_never_stored(client, pages, people, production):
    client.force_login(people.rep_a)
    for url in logged_in_urls(pages):
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        assert "no-store" in response.get("Cache-Control", ""), url
        assert "private" in response.get("Cache-Control", ""), url
        assert response.get("X-Page-Cache") is None, url
        assert_common_headers(response, url)
        assert_strict_script_policy(response, url)


@pytest.mark.django_db
def test_admin_pages_send_headers_and_no_store(client, pages, people, production):
    activate_totp(people.admin)
    client.force_login(people.admin)
    for url in ["/admin/", f"/admin/pages/{pages.home.pk}/", "/admin/documents/"]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        assert "no-store" in response.get("Cache-Control", ""), url
        assert_common_headers(response, url)


@pytest.mark.django_db
def test_a_logged_in_page_is_not_served_from_the_anonymous_cache(
    client, pages, people, production
):
    anonymous = client.get(pages.article.url, secure=True)
    assert anonymous.status_code == 200
    client.force_login(people.rep_a)
    response = client.get(pages.article.url, secure=True)
    assert response.get("X-Page-Cache") is None
    assert "no-store" in response["Cache-Control"]


# -- templates: nothing the CSP would have to allow ---------------------------------

TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
DATA_SCRIPT = re.compile(r"type=[\"']application/(ld\+)?json[\"']", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)
HANDLER_ATTR = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def site_templates() -> list[Path]:
    """Templates rendered on the public and member site (admin overrides excluded)."""
    found = []
    for app in APPS:
        for path in sorted((ROOT / app / "templates").rglob("*.html")):
            relative = path.relative_to(ROOT / app / "templates").as_posix()
            text = path.read_text(encoding="utf-8")
            if relative.startswith(("wagtailadmin/", "admin/")) or "/admin/" in (
                "/" + relative
            ):
                continue
            if '{% extends "wagtailadmin/' in text:
                continue
            if (
                path.relative_to(ROOT).as_posix() in PDF_TEMPLATES
                or "/pdf/" in relative
            ):
                continue
            found.append(path)
    return found


def inline_code_problems(text: str) -> list[str]:
    """Inline scripts, style blocks, style attributes and on* handlers in a template."""
    problems = []
    for match in INLINE_SCRIPT.finditer(text):
        if not DATA_SCRIPT.search(match.group(0)):
            problems.append(match.group(0))
    problems.extend(m.group(0) for m in STYLE_BLOCK.finditer(text))
    for tag in TAG.findall(text):
        if STYLE_ATTR.search(tag) or HANDLER_ATTR.search(tag):
            problems.append(" ".join(tag.split())[:120])
    return problems


def test_the_template_check_finds_inline_code():
    samples = [
        "<script>alert(1)</script>",
        '<div style="color:red">',
        '<a href="#" onclick="go()">',
        "<style>p{}</style>",
        '<button\n  class="x"\n  onmouseover="x()">',
    ]
    for sample in samples:
        assert inline_code_problems(sample), sample
    assert not inline_code_problems(
        '<script src="/static/x.js" type="module"></script>'
    )
    assert not inline_code_problems('<script type="application/ld+json">{}</script>')


def test_pdf_only_templates_exist_and_are_not_pages():
    for name in PDF_TEMPLATES:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert '{% extends "base.html" %}' not in text, name


def test_no_template_contains_inline_script_style_or_handlers():
    templates = site_templates()
    assert len(templates) > 20
    problems = {
        str(path.relative_to(ROOT)): found
        for path in templates
        if (found := inline_code_problems(path.read_text(encoding="utf-8")))
    }
    assert not problems, problems
