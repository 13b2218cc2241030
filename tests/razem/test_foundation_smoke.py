"""The house: home page, health check, robots, PDF of a page."""

import io

import pytest
from pypdf import PdfReader


@pytest.mark.django_db
def test_home_page_renders_association_name_and_contact(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kościuszki 12A" in html
    assert 'lang="pl"' in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_database_fails(client, monkeypatch):
    from django.db import DatabaseError, connection

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
def test_page_pdf_contains_polish_text(client, home_page):
    html = client.get("/").content.decode()
    assert f'href="/pdf/{home_page.pk}/"' in html
    response = client.get(f"/pdf/{home_page.pk}/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Ośrodków" in text
