"""The demo loader: realistic news, the Zakopane report with photos and files."""

import datetime
import io

import pytest
from pypdf import PdfReader

from articles import demo
from articles.models import ArticlePage, Category, GalleryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(settings, tmp_path):
    """razem's demo (home page, logins) and then the articles demo, once."""
    settings.MEDIA_ROOT = tmp_path
    from razem import demo as razem_demo

    razem_demo.load(io.StringIO())
    demo.load(io.StringIO())


def check_news_across_three_years():
    articles = ArticlePage.objects.live()
    assert articles.count() >= 12
    assert {a.date.year for a in articles} == {2024, 2025, 2026}
    assert Category.objects.filter(slug="konferencje").exists()
    for article in articles:
        assert article.first_published_at.date() == article.date
        assert article.revisions.count() == 1
        assert article.categories.exists()
        assert article.tags.exists()


def check_letter_to_the_ministry():
    letter = ArticlePage.objects.get(slug="wniosek-do-mrpips-dodatek-motywacyjny")
    assert letter.date == datetime.date(2024, 7, 3)
    assert letter.author == "Andrzej Barszcz"
    assert "dodatku motywacyjnego na lata 2024-2027" in letter.title
    document = letter.attachments.get().document
    with document.file.open("rb") as handle:
        text = PdfReader(handle).pages[0].extract_text()
    assert "1 lipca 2024" in text


def check_zakopane_report_with_gallery_files_and_album(client):
    report = ArticlePage.objects.get(
        slug="jubileuszowa-x-konferencja-oczekiwania-na-nowe"
    )
    assert report.date == datetime.date(2024, 6, 28)
    assert report.gallery_images.count() >= 6
    assert report.attachments.count() >= 2
    assert all(photo.alt_text for photo in report.gallery_images.all())
    image = report.gallery_images.first().image
    assert (image.width, image.height) == (1200, 800)
    album = GalleryPage.objects.get(article=report)
    assert album.gallery_images.count() >= 6

    html = client.get("/aktualnosci/jubileuszowa-x-konferencja-oczekiwania-na-nowe/")
    assert "Katarzyna Osicińska" in html.content.decode()
    assert album.title in client.get("/galerie/").content.decode()


@pytest.mark.usefixtures("demo_loaded")
def test_demo_content_is_complete_and_loading_again_adds_nothing(client):
    """One load for all checks: the loader draws photos and renders PDFs."""
    check_news_across_three_years()
    check_letter_to_the_ministry()
    check_zakopane_report_with_gallery_files_and_album(client)

    counts = (ArticlePage.objects.count(), GalleryPage.objects.count())
    from wagtail.images import get_image_model

    images = get_image_model().objects.count()
    demo.load(io.StringIO())
    assert (ArticlePage.objects.count(), GalleryPage.objects.count()) == counts
    assert get_image_model().objects.count() == images


def test_demo_photos_are_deterministic_jpegs():
    first = demo.draw_photo("tatry-panorama")
    assert first == demo.draw_photo("tatry-panorama")
    assert first.startswith(b"\xff\xd8")


def test_load_demo_runs_articles_after_the_home_page():
    from razem.management.commands.load_demo import DEMO_MODULES

    assert DEMO_MODULES.index("articles.demo") > DEMO_MODULES.index("razem.demo")
