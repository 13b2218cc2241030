"""The home page's news section (hook razem_home_panels)."""

import datetime

import pytest

from tests.factories.articles import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_four_latest_articles_with_date_and_lead(client, news_index):
    for n in range(1, 7):
        ArticlePageFactory(
            parent=news_index,
            title=f"Wiadomość {n}",
            date=datetime.date(2025, 5, n),
            lead=f"Zajawka wiadomości {n}.",
        )
    html = client.get("/").content.decode()
    assert 'id="home-news-title"' in html
    for n in (6, 5, 4, 3):
        assert f"Wiadomość {n}</a>" in html
        assert f"Zajawka wiadomości {n}." in html
        assert f'datetime="2025-05-0{n}"' in html
    assert "Wiadomość 2</a>" not in html
    assert html.index("Wiadomość 6") < html.index("Wiadomość 3")
    assert '<a href="/aktualnosci/">' in html


def test_home_page_without_news_has_no_news_section(client, news_index):
    assert 'id="home-news-title"' not in client.get("/").content.decode()


def test_home_panel_hook_uses_two_queries(rf, news_index, django_assert_num_queries):
    from articles.wagtail_hooks import latest_news_panel

    for _ in range(6):
        ArticlePageFactory(parent=news_index)
    with django_assert_num_queries(2):
        panel = latest_news_panel(rf.get("/"))
    assert len(panel["articles"]) == 4
    assert panel["template"] == "articles/includes/home_panel.html"
