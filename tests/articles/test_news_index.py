"""The news index: ten to a page, filters by category and tag, hidden pages."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.articles import ArticlePageFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def titles(response):
    """Article titles in the order the index shows them."""
    return [page.title for page in response.context["articles"].object_list]


@pytest.fixture
def thirteen_articles(news_index):
    """Articles 1..13 dated 1..13 March 2025 (13 is the newest)."""
    return [
        ArticlePageFactory(
            parent=news_index,
            title=f"Artykuł {n:02d}",
            date=datetime.date(2025, 3, n),
        )
        for n in range(1, 14)
    ]


def test_first_page_shows_ten_newest_articles(client, thirteen_articles):
    response = client.get("/aktualnosci/")
    assert titles(response) == [f"Artykuł {n:02d}" for n in range(13, 3, -1)]
    html = response.content.decode()
    assert re.search(r'<nav class="pagination-nav" aria-label="[^"]+">', html)
    assert 'href="?strona=2" rel="next"' in html
    assert '<span aria-current="page">' in html


def test_second_page_shows_the_rest_and_links_back(client, thirteen_articles):
    response = client.get("/aktualnosci/?strona=2")
    assert titles(response) == ["Artykuł 03", "Artykuł 02", "Artykuł 01"]
    html = response.content.decode()
    assert 'href="?strona=1" rel="prev"' in html
    assert 'rel="next"' not in html


@pytest.mark.parametrize("number", ["3", "999", "0", "-1", "abc"])
def test_page_out_of_range_or_not_a_number_is_not_found(
    client, thirteen_articles, number
):
    response = client.get(f"/aktualnosci/?strona={number}")
    assert response.status_code == 404


def test_empty_index_still_has_a_first_page(client, news_index):
    assert client.get("/aktualnosci/?strona=1").status_code == 200
    assert client.get("/aktualnosci/?strona=2").status_code == 404


def test_no_pagination_for_a_single_page(client, news_index):
    ArticlePageFactory(parent=news_index)
    assert 'class="pagination"' not in client.get("/aktualnosci/").content.decode()


def test_category_filter_shows_only_that_category(client, news_index):
    conferences = CategoryFactory(name="Konferencje", slug="konferencje")
    trainings = CategoryFactory(name="Szkolenia", slug="szkolenia")
    ArticlePageFactory(parent=news_index, title="Relacja", categories=[conferences])
    ArticlePageFactory(parent=news_index, title="Szkolenie", categories=[trainings])
    ArticlePageFactory(parent=news_index, title="Bez kategorii")
    response = client.get("/aktualnosci/?kategoria=konferencje")
    assert titles(response) == ["Relacja"]
    html = response.content.decode()
    assert '<option value="konferencje" selected>Konferencje</option>' in html
    assert "Konferencje" in response.context["active_category"].name


def test_tag_filter_shows_only_tagged_articles(client, news_index):
    ArticlePageFactory(parent=news_index, title="DI", tags=["deinstytucjonalizacja"])
    ArticlePageFactory(parent=news_index, title="Dodatek", tags=["dodatek motywacyjny"])
    response = client.get("/aktualnosci/?tag=dodatek-motywacyjny")
    assert titles(response) == ["Dodatek"]
    assert response.context["active_tag"].name == "dodatek motywacyjny"


def test_category_and_tag_filters_combine(client, news_index):
    category = CategoryFactory(name="Konferencje", slug="konferencje")
    ArticlePageFactory(
        parent=news_index, title="Oba", categories=[category], tags=["x"]
    )
    ArticlePageFactory(parent=news_index, title="Kategoria", categories=[category])
    ArticlePageFactory(parent=news_index, title="Tag", tags=["x"])
    response = client.get("/aktualnosci/?kategoria=konferencje&tag=x")
    assert titles(response) == ["Oba"]


def test_pagination_links_keep_the_filter(client, news_index):
    category = CategoryFactory(name="Szkolenia", slug="szkolenia")
    for n in range(12):
        ArticlePageFactory(parent=news_index, categories=[category], title=f"S{n}")
    html = client.get("/aktualnosci/?kategoria=szkolenia").content.decode()
    assert 'href="?kategoria=szkolenia&amp;strona=2" rel="next"' in html


def test_unknown_category_shows_empty_state_with_way_back(client, news_index):
    ArticlePageFactory(parent=news_index, title="Cokolwiek")
    response = client.get("/aktualnosci/?kategoria=nie-ma-takiej")
    assert response.status_code == 200
    assert titles(response) == []
    html = response.content.decode()
    assert 'class="empty-state"' in html
    assert '<a href="/aktualnosci/">' in html


def test_unpublished_and_private_articles_are_not_listed(client, news_index):
    ArticlePageFactory(parent=news_index, title="Publiczny")
    ArticlePageFactory(parent=news_index, title="Szkic").unpublish()
    private = ArticlePageFactory(parent=news_index, title="Dla członków")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(client.get("/aktualnosci/")) == ["Publiczny"]


def test_whole_index_restricted_hides_its_articles_from_feed(client, news_index):
    ArticlePageFactory(parent=news_index, title="Ukryty")
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Ukryty" not in client.get("/aktualnosci/rss/").content.decode()
