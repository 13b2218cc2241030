"""A page's PDF cannot be made to render again and again (brief: PDF DoS).

WeasyPrint costs a second or more of CPU a render. The page cache serves anonymous
repeats, so every way around it is closed: a query string or another spelling of
the address redirects to the one address, a POST is the Polish 405, renders that
reach the view are limited per client (the Polish 429), and the PDF's cached copy
lives no longer than its page's (`keep_until`).
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories.members import TEST_PASSWORD, representative
from tests.factories.razem import publish_standard_page

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.7 test"


@pytest.fixture
def renders(monkeypatch):
    """Count WeasyPrint renders (and skip the real work)."""
    calls = []

    def fake_render(html):
        calls.append(html)
        return FAKE_PDF

    monkeypatch.setattr("razem.pdf.html_to_pdf", fake_render)
    return calls


@pytest.fixture
def statute(home_page):
    return publish_standard_page(home_page, "Statut", slug="statut", text="Zasady.")


def test_a_post_to_a_pdf_is_the_polish_405_and_renders_nothing(statute, renders):
    response = Client().post(f"/pdf/{statute.pk}/", {"x": "1"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    html = response.content.decode()
    assert 'lang="pl"' in html and "Ten adres nie przyjmuje takiego żądania" in html
    assert renders == []


@pytest.mark.parametrize(
    "suffix", ["?x=1", "?utm_source=poczta&x=2", "?", "?&", "?%00", "?x=" + "a" * 500]
)
def test_a_query_string_redirects_to_the_one_address(statute, renders, suffix):
    url = f"/pdf/{statute.pk}/"
    response = Client().get(url + suffix)
    if suffix == "?":  # an empty query string is the address itself
        assert response.status_code == 200
        return
    assert response.status_code == 301
    assert response["Location"] == url
    assert renders == []


def test_another_spelling_of_the_page_number_redirects(statute, renders):
    response = Client().get(f"/pdf/000{statute.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/pdf/{statute.pk}/"
    assert renders == []


def test_varying_the_query_string_never_renders_the_pdf_again(statute, renders):
    """Anonymous visitors: one render, then the page cache, whatever the query."""
    url = f"/pdf/{statute.pk}/"
    for number in range(10):
        response = Client().get(f"{url}?x={number}", follow=True)
        assert response.status_code == 200
        assert response.content == FAKE_PDF
    assert len(renders) == 1
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_pdf_renders_are_limited_per_client(statute, renders, settings):
    """What bypasses the cache (a logged-in person here) is limited per client."""
    from razem.views import PDF_RENDER_LIMIT

    settings.RAZEM_PROXY_COUNT = 1
    member = representative(email="czytelnik@gops-pdf.test")
    browser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert (
        browser.post(
            "/konto/login/", {"login": member.email, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    url = f"/pdf/{statute.pk}/"
    for _render in range(PDF_RENDER_LIMIT):
        assert browser.get(url).status_code == 200
    refused = browser.get(url)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert 'lang="pl"' in html and "Spróbuj ponownie za 10 minut" in html
    assert 500 <= int(refused["Retry-After"]) <= 600
    assert "no-store" in refused["Cache-Control"]
    assert len(renders) == PDF_RENDER_LIMIT
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.get(url).status_code == 200


def test_the_pdf_is_cached_no_longer_than_its_page(home_page, renders, monkeypatch):
    """A conference whose registration opens in 90 seconds: its page and its PDF
    are cached for 90 seconds at most, not the usual ten minutes."""
    from tests.factories.conferences import conference_index, make_conference

    stored = {}

    def remember(key, generation, response, seconds):
        stored[response.get("Content-Type", "")] = seconds

    monkeypatch.setattr("razem.middleware.store_page", remember)
    now = timezone.now()
    conference = make_conference(
        index=conference_index(home_page),
        open_now=False,
        registration_opens_at=now + datetime.timedelta(seconds=90),
        registration_closes_at=now + datetime.timedelta(days=30),
    )
    assert Client().get(conference.url).status_code == 200
    response = Client().get(f"/pdf/{conference.pk}/")
    assert response.status_code == 200
    assert 0 < stored["application/pdf"] <= 90
    assert (
        stored["application/pdf"]
        <= min(
            seconds for kind, seconds in stored.items() if kind.startswith("text/html")
        )
        + 1
    )


def test_a_pdf_of_a_page_that_is_not_cached_is_not_cached_either(
    statute, renders, monkeypatch
):
    """A page whose serve sets no cache lifetime (as for a logged-in person)
    hands none on: its PDF is not stored."""
    from django.template.response import TemplateResponse

    stored = []
    monkeypatch.setattr(
        "razem.middleware.store_page", lambda *args: stored.append(args)
    )

    def uncached_serve(self, request, *args, **kwargs):
        return TemplateResponse(request, "razem/standard_page.html", {"page": self})

    monkeypatch.setattr(type(statute), "serve", uncached_serve)
    assert Client().get(f"/pdf/{statute.pk}/").status_code == 200
    assert stored == []
