"""Related articles: same category or tag, most shared first, bounded, one query."""

import datetime

import pytest

from tests.factories.articles import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conferences():
    return CategoryFactory(name="Konferencje", slug="konferencje")


def test_related_are_articles_sharing_a_category_or_tag(news_index, conferences):
    article = ArticlePageFactory(
        parent=news_index, categories=[conferences], tags=["zakopane"]
    )
    same_category = ArticlePageFactory(parent=news_index, categories=[conferences])
    same_tag = ArticlePageFactory(parent=news_index, tags=["zakopane"])
    ArticlePageFactory(parent=news_index, title="Niepowiązany", tags=["inny"])
    related = list(article.related_articles())
    assert set(related) == {same_category, same_tag}
    assert article not in related


def test_most_shared_first_then_newest(news_index, conferences):
    article = ArticlePageFactory(
        parent=news_index, categories=[conferences], tags=["zakopane"]
    )
    both = ArticlePageFactory(
        parent=news_index,
        categories=[conferences],
        tags=["zakopane"],
        date=datetime.date(2020, 1, 1),
    )
    newer_one = ArticlePageFactory(
        parent=news_index, categories=[conferences], date=datetime.date(2026, 1, 1)
    )
    older_one = ArticlePageFactory(
        parent=news_index, tags=["zakopane"], date=datetime.date(2021, 1, 1)
    )
    assert list(article.related_articles()) == [both, newer_one, older_one]


def test_related_are_bounded_and_skip_unpublished(news_index, conferences):
    article = ArticlePageFactory(parent=news_index, categories=[conferences])
    others = [
        ArticlePageFactory(parent=news_index, categories=[conferences])
        for _ in range(5)
    ]
    others[-1].unpublish()
    related = list(article.related_articles())
    assert len(related) == article.related_limit == 3
    assert others[-1] not in related


def test_related_articles_cost_one_query(
    news_index, conferences, django_assert_num_queries
):
    article = ArticlePageFactory(
        parent=news_index, categories=[conferences], tags=["a", "b"]
    )
    for _ in range(4):
        ArticlePageFactory(parent=news_index, categories=[conferences], tags=["a"])
    with django_assert_num_queries(1):
        assert len(list(article.related_articles())) == 3


def test_article_page_shows_related_titles(client, news_index, conferences):
    article = ArticlePageFactory(parent=news_index, categories=[conferences])
    ArticlePageFactory(
        parent=news_index, title="Zaproszenie na konferencję", categories=[conferences]
    )
    html = client.get(article.url).content.decode()
    assert 'id="related-title"' in html
    assert "Zaproszenie na konferencję</a>" in html


def test_article_without_related_has_no_related_section(client, news_index):
    article = ArticlePageFactory(parent=news_index)
    assert 'id="related-title"' not in client.get(article.url).content.decode()
