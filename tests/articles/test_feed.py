"""The RSS 2.0 and Atom feeds of the latest articles."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own output)

import pytest

from tests.factories.articles import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def rss_items(response):
    """The <item> elements of an RSS response."""
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return root.findall("./channel/item")


def test_rss_lists_the_latest_twenty_articles_newest_first(client, news_index):
    for n in range(1, 23):
        ArticlePageFactory(
            parent=news_index,
            title=f"Wiadomość {n:02d}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        )
    response = client.get("/aktualnosci/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = rss_items(response)
    assert [item.findtext("title") for item in items] == [
        f"Wiadomość {n:02d}" for n in range(22, 2, -1)
    ]


def test_rss_item_has_absolute_link_lead_author_date_and_categories(client, news_index):
    category = CategoryFactory(name="Stanowiska i opinie")
    article = ArticlePageFactory(
        parent=news_index,
        title="Wniosek do MRPiPS",
        date=datetime.date(2024, 7, 3),
        author="Andrzej Barszcz",
        lead="Prosimy o rozszerzenie programu „dodatek motywacyjny”.",
        categories=[category],
    )
    response = client.get("/aktualnosci/rss/")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    (item,) = root.findall("./channel/item")
    assert item.findtext("link") == f"http://testserver{article.url}"
    assert item.findtext("description") == article.lead
    creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert creator == "Andrzej Barszcz"
    assert "03 Jul 2024" in item.findtext("pubDate")
    assert item.findtext("category") == "Stanowiska i opinie"
    assert item.findtext("guid") == f"razem-article-{article.pk}"


def test_rss_leaves_out_unpublished_articles(client, news_index):
    ArticlePageFactory(parent=news_index, title="Widoczny")
    ArticlePageFactory(parent=news_index, title="Wycofany").unpublish()
    items = rss_items(client.get("/aktualnosci/rss/"))
    assert [item.findtext("title") for item in items] == ["Widoczny"]


def test_rss_with_no_articles_is_a_valid_empty_channel(client, news_index):
    response = client.get("/aktualnosci/rss/")
    assert response.status_code == 200
    assert rss_items(response) == []


def test_atom_feed_lists_articles(client, news_index):
    ArticlePageFactory(parent=news_index, title="Atomowa wiadomość")
    response = client.get("/aktualnosci/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [
        e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)
    ] == ["Atomowa wiadomość"]


def test_feed_is_announced_in_every_page_head(client, news_index):
    html = client.get("/aktualnosci/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/aktualnosci/rss/"' in html
