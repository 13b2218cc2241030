"""News, articles and photo albums in a real browser, checked with axe-core.

The lightbox is driven with the keyboard alone: Tab to a thumbnail, Enter opens
it with focus on "Close", arrows change the photo and announce "2 z N", Escape
closes it and gives focus back to the thumbnail.

The tests roll back by serialisation (like the other apps' browser tests): a plain
transactional flush re-creates content types, which would collide with the next
serialised test's snapshot.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories.articles import (
    ArticlePageFactory,
    CategoryFactory,
    GalleryIndexPageFactory,
    GalleryPageFactory,
    NewsIndexPageFactory,
)

PHOTOS = 4


@pytest.fixture
def news(demo_site, settings, tmp_path):
    """A news index with a dozen articles (two pages), one with photos and files."""
    settings.MEDIA_ROOT = tmp_path
    news_index = NewsIndexPageFactory(parent=demo_site)
    gallery_index = GalleryIndexPageFactory(parent=demo_site)
    category = CategoryFactory(name="Konferencje", slug="konferencje")
    for n in range(11):
        ArticlePageFactory(
            parent=news_index,
            title=f"Szkolenie dla pracowników ośrodków nr {n + 1}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            categories=[category] if n % 2 else [],
            tags=["szkolenia"],
        )
    report = ArticlePageFactory(
        parent=news_index,
        title="Jubileuszowa X Konferencja w Zakopanem",
        date=datetime.date(2026, 6, 28),
        categories=[category],
        tags=["Zakopane", "deinstytucjonalizacja"],
        photos=PHOTOS,
        attachments=2,
    )
    album = GalleryPageFactory(
        parent=gallery_index, title="Zakopane 2024", photos=3, article=report
    )
    return {"report": report, "album": album}


@pytest.mark.django_db(transaction=True)
def test_news_index_is_accessible_and_paginated(page, live_server, news, axe):
    page.goto(live_server.url + "/aktualnosci/")
    expect(page.locator("h1")).to_have_text("Aktualności")
    expect(page.locator(".article-card")).to_have_count(10)
    axe(page)
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url("**/aktualnosci/?strona=2")
    expect(page.locator(".article-card")).to_have_count(2)
    expect(page.locator('.pagination [aria-current="page"]')).to_contain_text("2")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_news_filter_by_category_with_the_keyboard(page, live_server, news, axe):
    page.goto(live_server.url + "/aktualnosci/")
    page.focus("#news-filter-category")
    page.select_option("#news-filter-category", "konferencje")
    tab_to(page, ".news-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*kategoria=konferencje.*"))
    expect(page.locator(".article-card")).to_have_count(6)
    expect(page.locator(".news-filters__active")).to_contain_text("Konferencje")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_article_page_is_accessible(page, live_server, news, axe):
    page.goto(live_server.url + news["report"].url)
    expect(page.locator("h1")).to_have_text("Jubileuszowa X Konferencja w Zakopanem")
    expect(page.locator(".attachment-list li")).to_have_count(2)
    expect(page.locator("[data-gallery-item]")).to_have_count(PHOTOS)
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_gallery_pages_are_accessible(page, live_server, news, axe):
    page.goto(live_server.url + "/galerie/")
    expect(page.locator(".album-card")).to_have_count(1)
    axe(page)
    page.goto(live_server.url + news["album"].url)
    expect(page.locator("[data-gallery-item]")).to_have_count(3)
    axe(page)


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)",
            selector,
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.django_db(transaction=True)
def test_lightbox_works_with_the_keyboard_alone(page, live_server, news, axe):
    page.goto(live_server.url + news["report"].url)
    tab_to(page, "[data-gallery-item]")
    thumbnail = page.evaluate("document.activeElement.getAttribute('href')")

    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    expect(page.locator("dialog.lightbox [data-close]")).to_be_focused()
    status = page.locator("dialog.lightbox [data-status]")
    expect(status).to_have_text(f"1 z {PHOTOS}")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(page.locator("dialog.lightbox [data-caption]")).to_have_text("Podpis 1")
    axe(page)

    page.keyboard.press("ArrowRight")
    expect(status).to_have_text(f"2 z {PHOTOS}")
    expect(page.locator("dialog.lightbox [data-caption]")).to_have_text("Podpis 2")
    expect(page.locator("dialog.lightbox [data-image]")).to_have_attribute(
        "alt", "Zdjęcie 2 z artykułu"
    )
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(status).to_have_text(f"{PHOTOS} z {PHOTOS}")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('href')") == thumbnail
    assert page.evaluate("document.activeElement.matches('[data-gallery-item]')")
