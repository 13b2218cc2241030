"""SQL queries per page do not grow with the number of articles or photos shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.articles import (
    ArticlePageFactory,
    CategoryFactory,
    GalleryPageFactory,
    ImageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def count_queries(client, url) -> int:
    """Queries of one rendering of `url`, after a first request made renditions."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    return len(context.captured_queries)


def add_articles(news_index, number, categories):
    """Articles with categories, tags, photos, and every other one a cover image."""
    for n in range(number):
        ArticlePageFactory(
            parent=news_index,
            categories=categories,
            tags=["pomoc społeczna", f"tag-{n}"],
            photos=1,
            feed_image=ImageFactory() if n % 2 else None,
        )


def test_news_index_queries_do_not_grow_with_articles(client, news_index):
    categories = [
        CategoryFactory(name="Konferencje"),
        CategoryFactory(name="Szkolenia"),
    ]
    add_articles(news_index, 3, categories)
    few = count_queries(client, "/aktualnosci/")
    add_articles(news_index, 12, categories)  # 15 in all: a full page of ten
    many = count_queries(client, "/aktualnosci/")
    assert len(client.get("/aktualnosci/").context["articles"].object_list) == 10
    assert few == many


def test_filtered_news_index_queries_do_not_grow(client, news_index):
    category = CategoryFactory(name="Konferencje", slug="konferencje")
    add_articles(news_index, 2, [category])
    url = "/aktualnosci/?kategoria=konferencje&tag=pomoc-społeczna"
    few = count_queries(client, url)
    add_articles(news_index, 9, [category])
    assert count_queries(client, url) == few


def test_article_queries_do_not_grow_with_photos_files_or_related(client, news_index):
    category = CategoryFactory(name="Konferencje")
    article = ArticlePageFactory(
        parent=news_index, categories=[category], tags=["a"], photos=2, attachments=1
    )
    ArticlePageFactory(parent=news_index, categories=[category])
    few = count_queries(client, article.url)

    big = ArticlePageFactory(
        parent=news_index,
        categories=[category],
        tags=["a", "b", "c"],
        photos=10,
        attachments=5,
    )
    for _ in range(5):
        ArticlePageFactory(parent=news_index, categories=[category], tags=["b"])
    assert count_queries(client, big.url) == few


def test_gallery_page_queries_do_not_grow_with_photos(client, gallery_index):
    small = GalleryPageFactory(parent=gallery_index, photos=2)
    big = GalleryPageFactory(parent=gallery_index, photos=10)
    assert count_queries(client, small.url) == count_queries(client, big.url)


def test_gallery_index_queries_do_not_grow_with_albums(client, gallery_index):
    GalleryPageFactory(parent=gallery_index, photos=2)
    GalleryPageFactory(parent=gallery_index, photos=0)
    few = count_queries(client, "/galerie/")
    for _ in range(8):
        GalleryPageFactory(parent=gallery_index, photos=3)
    assert count_queries(client, "/galerie/") == few


def test_home_page_news_section_queries_do_not_grow(client, news_index):
    add_articles(news_index, 1, [])
    few = count_queries(client, "/")
    add_articles(news_index, 8, [])
    assert count_queries(client, "/") == few
