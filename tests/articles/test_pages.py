"""Each page type renders its content; the page tree only allows sensible shapes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from articles.models import ArticlePage
from razem.models import ContactPage, HomePage, StandardPage
from tests.factories.articles import (
    ArticlePageFactory,
    CategoryFactory,
    GalleryPageFactory,
    ImageFactory,
)

pytestmark = pytest.mark.django_db


def test_news_index_lists_article_title_date_and_lead(client, news_index):
    ArticlePageFactory(
        parent=news_index,
        title="Wniosek do MRPiPS w sprawie dodatku motywacyjnego",
        date=datetime.date(2024, 7, 3),
        lead="Prosimy o rozszerzenie grupy uprawnionych.",
    )
    html = client.get("/aktualnosci/").content.decode()
    assert "<h1>Aktualności</h1>" in html
    assert "Wniosek do MRPiPS w sprawie dodatku motywacyjnego" in html
    assert 'datetime="2024-07-03"' in html
    assert "Prosimy o rozszerzenie grupy uprawnionych." in html
    assert (
        'href="/aktualnosci/wniosek-do-mrpips-w-sprawie-dodatku-motywacyjnego/"' in html
    )


def test_news_index_without_articles_shows_empty_state(client, news_index):
    html = client.get("/aktualnosci/").content.decode()
    assert 'class="empty-state"' in html
    assert 'class="article-list"' not in html


def test_article_page_shows_all_its_parts(client, news_index, gallery_index):
    category = CategoryFactory(name="Konferencje")
    article = ArticlePageFactory(
        parent=news_index,
        title="Jubileuszowa X Konferencja w Zakopanem",
        date=datetime.date(2024, 6, 28),
        author="Andrzej Barszcz",
        lead="Relacja z konferencji o deinstytucjonalizacji.",
        categories=[category],
        tags=["deinstytucjonalizacja"],
        photos=3,
        attachments=2,
    )
    GalleryPageFactory(
        parent=gallery_index, title="Zakopane 2024", article=article, photos=1
    )
    html = client.get(article.url).content.decode()
    assert "<h1>Jubileuszowa X Konferencja w Zakopanem</h1>" in html
    assert 'datetime="2024-06-28"' in html
    assert "Andrzej Barszcz" in html
    assert "Relacja z konferencji o deinstytucjonalizacji." in html
    assert "Treść: Jubileuszowa X Konferencja w Zakopanem." in html
    # Files to download, with the editor's link texts.
    assert 'id="attachments-title"' in html
    assert "Załącznik 1" in html and "Załącznik 2" in html
    # The photo gallery through the shared lightbox component.
    assert html.count("data-gallery-item") == 3
    assert 'alt="Zdjęcie 2 z artykułu"' in html
    assert "Podpis 3" in html
    # Category and tag link back to the filtered news index.
    assert 'href="/aktualnosci/?kategoria=konferencje">Konferencje</a>' in html
    assert 'href="/aktualnosci/?tag=deinstytucjonalizacja"' in html
    # The album tied to the article.
    assert 'href="/galerie/zakopane-2024/">Zakopane 2024</a>' in html
    # Page tools and the page record on every content page.
    assert f'href="/pdf/{article.pk}/"' in html
    assert 'class="page-record"' in html


def test_article_open_graph_uses_article_type_and_first_photo(client, news_index):
    article = ArticlePageFactory(parent=news_index, photos=2)
    html = client.get(article.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:image"' in html
    first = article.gallery_images.order_by("sort_order").first().image
    assert article.og_image == first


def test_article_listing_image_wins_over_gallery_for_open_graph(news_index):
    cover = ImageFactory(title="Okładka")
    article = ArticlePageFactory(parent=news_index, photos=1, feed_image=cover)
    assert article.og_image == cover


def test_gallery_index_lists_albums_with_cover_and_count(client, gallery_index):
    GalleryPageFactory(parent=gallery_index, title="Zakopane 2024", photos=4)
    html = client.get("/galerie/").content.decode()
    assert "<h1>Galerie</h1>" in html
    assert 'href="/galerie/zakopane-2024/">Zakopane 2024</a>' in html
    assert "<picture>" in html
    assert 'type="image/webp"' in html


def test_gallery_index_without_albums_shows_empty_state(client, gallery_index):
    html = client.get("/galerie/").content.decode()
    assert 'class="empty-state"' in html


def test_gallery_page_shows_photos_description_and_article(
    client, news_index, gallery_index
):
    article = ArticlePageFactory(parent=news_index, title="Relacja z Zakopanego")
    album = GalleryPageFactory(
        parent=gallery_index, title="Zakopane 2024", photos=3, article=article
    )
    html = client.get(album.url).content.decode()
    assert "<h1>Zakopane 2024</h1>" in html
    assert "Zdjęcia z konferencji." in html
    assert html.count("data-gallery-item") == 3
    assert 'alt="Zdjęcie 1 z albumu"' in html
    assert f'href="{article.url}">Relacja z Zakopanego</a>' in html
    assert 'class="page-record"' in html


def test_gallery_page_hides_link_to_unpublished_article(
    client, news_index, gallery_index
):
    article = ArticlePageFactory(parent=news_index, title="Szkic relacji")
    article.unpublish()
    album = GalleryPageFactory(parent=gallery_index, photos=1, article=article)
    assert "Szkic relacji" not in client.get(album.url).content.decode()


def test_article_slug_rss_is_refused(news_index):
    article = ArticlePage(title="RSS", slug="rss", lead="Zajawka")
    article.set_url_path(news_index)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize(
    ("child", "parents"),
    [
        ("articles.NewsIndexPage", {HomePage}),
        ("articles.ArticlePage", {"articles.NewsIndexPage"}),
        ("articles.GalleryIndexPage", {HomePage}),
        ("articles.GalleryPage", {"articles.GalleryIndexPage"}),
    ],
)
def test_allowed_parent_page_types(child, parents):
    from django.apps import apps

    model = apps.get_model(child)
    expected = {apps.get_model(p) if isinstance(p, str) else p for p in parents}
    assert set(model.allowed_parent_page_models()) == expected


def test_leaves_have_no_children_and_indexes_one_kind():
    from articles.models import GalleryIndexPage, GalleryPage, NewsIndexPage

    assert ArticlePage.allowed_subpage_models() == []
    assert GalleryPage.allowed_subpage_models() == []
    assert NewsIndexPage.allowed_subpage_models() == [ArticlePage]
    assert GalleryIndexPage.allowed_subpage_models() == [GalleryPage]


def test_indexes_are_singletons(home_page, news_index, gallery_index):
    from articles.models import GalleryIndexPage, NewsIndexPage

    assert not NewsIndexPage.can_create_at(home_page)
    assert not GalleryIndexPage.can_create_at(home_page)


def test_articles_cannot_be_created_elsewhere(home_page, news_index, gallery_index):
    standard = home_page.add_child(instance=StandardPage(title="O nas", slug="o-nas"))
    for parent in (home_page, standard, gallery_index, Page.get_first_root_node()):
        assert not ArticlePage.can_create_at(parent)
    assert ArticlePage.can_create_at(news_index)
    assert not ContactPage.can_create_at(news_index)
    assert not StandardPage.can_create_at(news_index)


def test_article_interface_speaks_polish(client, news_index):
    article = ArticlePageFactory(parent=news_index, photos=1, attachments=1)
    html = client.get(article.url).content.decode()
    assert '<h2 id="attachments-title">Pliki do pobrania</h2>' in html
    assert '<h2 class="gallery__title">Galeria zdjęć</h2>' in html
    assert "Wróć do wszystkich aktualności" in html
