"""Editors' text (title, lead, author, captions) is never rendered as markup."""

import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own output)

import pytest

from articles.models import ArticleGalleryImage
from tests.factories.articles import (
    ArticlePageFactory,
    CategoryFactory,
    GalleryPageFactory,
)
from tests.xss import assert_inert, payloads

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# Every eleventh payload of the shared corpus plus the classics: enough variety
# (tags, attributes, URLs, encodings) at a fraction of the corpus' running time.
SAMPLE = sorted(
    set(payloads()[::11])
    | {"<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'}
)


@pytest.mark.parametrize("payload", SAMPLE)
def test_article_fields_are_escaped_everywhere_they_show(
    client, news_index, gallery_index, payload
):
    category = CategoryFactory(name=f"Kat {payload}"[:80], slug="kat")
    article = ArticlePageFactory(
        parent=news_index,
        title=f"Tytuł {payload}",
        slug="artykul",
        lead=f"Zajawka {payload}",
        author=payload[:120],
        categories=[category],
        photos=1,
    )
    ArticleGalleryImage.objects.filter(page=article).update(
        alt_text=payload[:250], caption=payload[:250]
    )
    GalleryPageFactory(parent=gallery_index, title=f"Album {payload}", photos=1)
    for url in (article.url, "/aktualnosci/", "/galerie/", "/"):
        html = client.get(url).content.decode()
        assert_inert(html, payload)
        assert "<script>alert(1)</script>" not in html, url


@pytest.mark.parametrize("payload", SAMPLE)
def test_feed_carries_hostile_text_as_text(client, news_index, payload):
    ArticlePageFactory(
        parent=news_index, title=f"Tytuł {payload}", lead=f"Zajawka {payload}"
    )
    response = client.get("/aktualnosci/rss/")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    (item,) = root.findall("./channel/item")
    assert item.findtext("title") == f"Tytuł {payload}"
    assert item.findtext("description") == f"Zajawka {payload}"
    assert b"<script" not in response.content.lower()


def test_filter_parameters_are_escaped(client, news_index):
    ArticlePageFactory(parent=news_index, categories=[CategoryFactory()], tags=["a"])
    payload = '"><script>alert(1)</script>'
    html = client.get(
        "/aktualnosci/", {"kategoria": payload, "tag": payload}
    ).content.decode()
    assert_inert(html, payload)
    assert "&quot;&gt;&lt;script&gt;" in html
