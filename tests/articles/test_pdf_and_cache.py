"""An article's PDF; the anonymous page cache never serves a stale article."""

import io

import pytest
from pypdf import PdfReader

from tests.factories.articles import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_article_pdf_is_a_valid_pdf_with_the_polish_title(client, news_index):
    article = ArticlePageFactory(
        parent=news_index,
        title="Zażółć gęślą jaźń: pomoc społeczna w małych gminach",
        lead="Ośrodki z gmin do 50 000 mieszkańców.",
        photos=1,
    )
    html = client.get(article.url).content.decode()
    assert 'type="application/pdf"' in html
    assert f'href="/pdf/{article.pk}/"' in html

    response = client.get(f"/pdf/{article.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Zażółć gęślą jaźń: pomoc społeczna w małych gminach" in " ".join(
        text.split()
    )
    assert "Ośrodki z gmin do 50 000 mieszkańców." in text


def test_publishing_a_new_revision_invalidates_the_anonymous_cache(
    client, news_index, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=news_index, title="Pierwszy tytuł")
    assert "<h1>Pierwszy tytuł</h1>" in client.get(article.url).content.decode()
    cached = client.get(article.url)
    assert cached["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Poprawiony tytuł"
        article.save_revision().publish()

    response = client.get(article.url)
    html = response.content.decode()
    assert "<h1>Poprawiony tytuł</h1>" in html
    assert "<h1>Pierwszy tytuł</h1>" not in html
    assert response["X-Page-Cache"] == "miss"


def test_publishing_an_article_refreshes_the_cached_index_and_feed(
    client, news_index, django_capture_on_commit_callbacks
):
    ArticlePageFactory(parent=news_index, title="Stary artykuł")
    for url in ("/aktualnosci/", "/aktualnosci/rss/", "/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=news_index, title="Nowy artykuł")
        article.save_revision().publish()

    for url in ("/aktualnosci/", "/aktualnosci/rss/", "/"):
        assert "Nowy artykuł" in client.get(url).content.decode(), url
