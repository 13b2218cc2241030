"""Factories for news categories, articles, photo albums, images and documents."""

import datetime

import factory
from anyascii import anyascii
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Collection
from wagtail.rich_text import RichText
from wagtail.test.utils.wagtail_factories import DocumentFactory as BaseDocumentFactory
from wagtail.test.utils.wagtail_factories import ImageFactory as BaseImageFactory
from wagtail.test.utils.wagtail_factories import PageFactory

from articles.models import (
    ArticleAttachment,
    ArticleGalleryImage,
    ArticlePage,
    Category,
    GalleryIndexPage,
    GalleryPage,
    GalleryPageImage,
    NewsIndexPage,
)


def root_collection():
    """The collection every test image and document goes to.

    Transactional tests flush the table, removing the root the migrations made.
    """
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class ImageFactory(BaseImageFactory):
    """A small generated JPEG in the root collection."""

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Zdjęcie {n}")
    file = factory.django.ImageField(
        width=120, height=80, color="blue", format="JPEG", filename="zdjecie.jpg"
    )


class DocumentFactory(BaseDocumentFactory):
    """A tiny text document in the root collection."""

    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.django.FileField(data=b"RAZEM", filename="dokument.txt")


class CategoryFactory(factory.django.DjangoModelFactory):
    """A news category."""

    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategoria {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))


class NewsIndexPageFactory(PageFactory):
    """The news index ("aktualnosci") under the given parent (the home page)."""

    class Meta:
        model = NewsIndexPage

    title = "Aktualności"
    slug = "aktualnosci"


class GalleryIndexPageFactory(PageFactory):
    """The gallery index ("galerie") under the given parent (the home page)."""

    class Meta:
        model = GalleryIndexPage

    title = "Galerie"
    slug = "galerie"


class ArticlePageFactory(PageFactory):
    """A published article under the given news index.

    Extra arguments: categories=[...], tags=[...], photos=N (gallery photos),
    attachments=N (documents).
    """

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Artykuł numer {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(anyascii(obj.title)))
    date = factory.Sequence(
        lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n)
    )
    author = "Andrzej Barszcz"
    lead = factory.LazyAttribute(lambda obj: f"Zajawka artykułu „{obj.title}”.")
    body = factory.LazyAttribute(
        lambda obj: [("paragraph", RichText(f"<p>Treść: {escape(obj.title)}.</p>"))]
    )

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)
            obj.save()

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()

    @factory.post_generation
    def photos(obj, create, extracted, **kwargs):
        for number in range(extracted or 0):
            ArticleGalleryImage.objects.create(
                page=obj,
                image=ImageFactory(),
                alt_text=f"Zdjęcie {number + 1} z artykułu",
                caption=f"Podpis {number + 1}",
                sort_order=number,
            )

    @factory.post_generation
    def attachments(obj, create, extracted, **kwargs):
        for number in range(extracted or 0):
            ArticleAttachment.objects.create(
                page=obj,
                document=DocumentFactory(),
                title=f"Załącznik {number + 1}",
                sort_order=number,
            )


class GalleryPageFactory(PageFactory):
    """A published photo album under the given gallery index; photos=N."""

    class Meta:
        model = GalleryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Album {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(anyascii(obj.title)))
    date = datetime.date(2024, 6, 15)
    description = "<p>Zdjęcia z konferencji.</p>"

    @factory.post_generation
    def photos(obj, create, extracted, **kwargs):
        for number in range(extracted or 0):
            GalleryPageImage.objects.create(
                page=obj,
                image=ImageFactory(),
                alt_text=f"Zdjęcie {number + 1} z albumu",
                caption=f"Podpis {number + 1}",
                sort_order=number,
            )
