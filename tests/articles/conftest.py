"""Fixtures of the articles tests: the two index pages under the home page."""

import pytest

from tests.factories.articles import GalleryIndexPageFactory, NewsIndexPageFactory


@pytest.fixture
def news_index(home_page):
    """The news index at /aktualnosci/."""
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def gallery_index(home_page):
    """The gallery index at /galerie/."""
    return GalleryIndexPageFactory(parent=home_page)


@pytest.fixture
def no_page_cache(settings):
    """Turn the anonymous page cache off, so every request really renders."""
    settings.RAZEM_PAGE_CACHE_SECONDS = 0
