"""Staff create articles and albums through the Wagtail admin."""

from django.test import override_settings
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from articles.models import (
    ArticlePage,
    GalleryIndexPage,
    GalleryPage,
    NewsIndexPage,
)
from razem.demo import ensure_home_page
from razem.models import HomePage, StandardPage
from tests.factories.articles import (
    CategoryFactory,
    DocumentFactory,
    GalleryIndexPageFactory,
    ImageFactory,
    NewsIndexPageFactory,
)


@override_settings(RAZEM_STAFF_MFA_REQUIRED=False)
class ArticleAdminTests(WagtailPageTestCase):
    """The page-tree rules and creating pages as a superuser in the admin."""

    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_home_page()
        cls.news_index = NewsIndexPageFactory(parent=cls.home)
        cls.gallery_index = GalleryIndexPageFactory(parent=cls.home)
        cls.category = CategoryFactory(name="Stanowiska i opinie")

    def setUp(self):
        self.user = self.login()

    def test_tree_rules(self):
        self.assertCanCreateAt(NewsIndexPage, ArticlePage)
        self.assertCanCreateAt(GalleryIndexPage, GalleryPage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(NewsIndexPage, GalleryPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(GalleryPage, {GalleryIndexPage})

    def test_superuser_creates_article_with_files_photos_categories_and_tags(self):
        document = DocumentFactory(title="Pismo do Ministerstwa")
        image = ImageFactory(title="Sala obrad")
        data = nested_form_data(
            {
                "title": "Opinia do projektu ustawy o pomocy społecznej",
                "slug": "opinia-do-projektu-ustawy",
                "date": "2025-03-14",
                "author": "Andrzej Barszcz",
                "lead": "Przekazaliśmy uwagi ośrodków z małych gmin.",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Treść opinii Stowarzyszenia.</p>"))]
                ),
                "attachments": inline_formset(
                    [{"document": str(document.pk), "title": "Pismo (PDF)"}]
                ),
                "gallery_images": inline_formset(
                    [
                        {
                            "image": str(image.pk),
                            "alt_text": "Członkowie zarządu przy stole",
                            "caption": "Posiedzenie zarządu",
                        }
                    ]
                ),
                "tags": "opinie, pomoc społeczna",
            }
        )
        data["categories"] = [str(self.category.pk)]
        self.assertCanCreate(self.news_index, ArticlePage, data)

        article = ArticlePage.objects.get(slug="opinia-do-projektu-ustawy")
        assert article.live
        assert article.author == "Andrzej Barszcz"
        assert [a.title for a in article.attachments.all()] == ["Pismo (PDF)"]
        assert article.gallery_images.get().alt_text == "Członkowie zarządu przy stole"
        assert list(article.categories.all()) == [self.category]
        assert sorted(t.name for t in article.tags.all()) == [
            "opinie",
            "pomoc społeczna",
        ]
        assert article.revisions.count() == 1
        html = self.client.get(article.url).content.decode()
        assert "Przekazaliśmy uwagi ośrodków z małych gmin." in html

    def test_article_without_lead_is_refused_with_a_field_error(self):
        data = nested_form_data(
            {
                "title": "Bez zajawki",
                "slug": "bez-zajawki",
                "date": "2025-03-14",
                "lead": "",
                "body": streamfield([]),
                "attachments": inline_formset([]),
                "gallery_images": inline_formset([]),
                "tags": "",
                "action-publish": "action-publish",
            }
        )
        url = f"/admin/pages/add/articles/articlepage/{self.news_index.pk}/"
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert "lead" in response.context["form"].errors
        assert not ArticlePage.objects.filter(slug="bez-zajawki").exists()

    def test_superuser_creates_photo_album(self):
        image = ImageFactory(title="Tatry")
        data = nested_form_data(
            {
                "title": "Zakopane 2024",
                "slug": "zakopane-2024",
                "date": "2024-06-14",
                "description": rich_text("<p>Zdjęcia z konferencji.</p>"),
                "gallery_images": inline_formset(
                    [{"image": str(image.pk), "alt_text": "Tatry o zachodzie"}],
                    min=1,
                ),
            }
        )
        self.assertCanCreate(self.gallery_index, GalleryPage, data)
        album = GalleryPage.objects.get(slug="zakopane-2024")
        assert album.gallery_images.get().alt_text == "Tatry o zachodzie"

    def test_article_and_album_are_renderable_and_previewable(self):
        from tests.factories.articles import ArticlePageFactory, GalleryPageFactory

        article = ArticlePageFactory(parent=self.news_index, photos=2, attachments=1)
        album = GalleryPageFactory(parent=self.gallery_index, photos=2, article=article)
        preview_data = nested_form_data(
            {
                "title": "Podgląd artykułu",
                "slug": article.slug,
                "date": "2025-03-14",
                "author": "Andrzej Barszcz",
                "lead": "Zajawka podglądu.",
                "body": streamfield([("paragraph", rich_text("<p>Podgląd.</p>"))]),
                "attachments": inline_formset([]),
                "gallery_images": inline_formset([]),
                "tags": "podgląd",
            }
        )
        self.assertPageIsRenderable(article)
        self.assertPageIsPreviewable(article, post_data=preview_data)
        for page in (self.news_index, self.gallery_index, album):
            self.assertPageIsRenderable(page)
            self.assertPageIsPreviewable(page)
        # The assertions above log their own user in and out.
        self.client.force_login(self.user)
        for page in (self.news_index, article, self.gallery_index, album):
            edit = self.client.get(f"/admin/pages/{page.pk}/edit/")
            assert edit.status_code == 200

    def test_category_snippet_listing_in_admin(self):
        response = self.client.get("/admin/snippets/articles/category/")
        assert response.status_code == 200
        assert "Stanowiska i opinie" in response.content.decode()
