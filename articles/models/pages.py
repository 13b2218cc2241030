"""Page types of the news section and the photo albums.

Tree: HomePage → NewsIndexPage ("aktualnosci") → ArticlePage, and
HomePage → GalleryIndexPage ("galerie") → GalleryPage.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from taggit.models import Tag
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from razem.blocks import BaseStreamBlock
from razem.fields import LimitedRichTextField, LimitedTextField
from razem.models import INTRO_MAX_LENGTH, ContentPageMixin

from ..pagination import page_links, paginate
from .inlines import ArticleGalleryImage, GalleryPageImage
from .querysets import ArticlePageManager, VisiblePageManager, attach_first_photos
from .snippets import Category

CATEGORY_PARAMETER = "kategoria"
TAG_PARAMETER = "tag"
# Slugs that would hide an article behind the feeds in articles/urls.py.
RESERVED_SLUGS = {"rss", "atom"}
# An album's description (its text, rich-text tags not counted).
DESCRIPTION_MAX_LENGTH = 5_000


class NewsIndexPage(ContentPageMixin, Page):
    """The news section ("Aktualności"): the newest articles, ten to a page.

    One per site, directly under the home page. Visitors filter the list by
    category (`?kategoria=<slug>`) and tag (`?tag=<slug>`).
    """

    per_page = 10

    intro = LimitedRichTextField(
        _("introduction"),
        max_length=INTRO_MAX_LENGTH,
        blank=True,
        features=["bold", "italic", "link"],
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["razem.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        """The requested page of articles, the filters and what is chosen in them."""
        context = super().get_context(request, *args, **kwargs)
        category_slug = request.GET.get(CATEGORY_PARAMETER, "").strip()
        tag_slug = request.GET.get(TAG_PARAMETER, "").strip()
        articles = ArticlePage.objects.child_of(self).visible().for_listing()
        if category_slug:
            articles = articles.filter(categories__slug=category_slug)
        if tag_slug:
            articles = articles.filter(tagged_items__tag__slug=tag_slug)
        page = paginate(request, articles.newest_first(), self.per_page)
        page.object_list = attach_first_photos(page.object_list, ArticleGalleryImage)
        categories = list(Category.objects.filter(articles__live=True).distinct())
        tags = list(
            Tag.objects.filter(articles_articlepagetag_items__content_object__live=True)
            .distinct()
            .order_by("name")
        )
        context.update(
            articles=page,
            page_links=page_links(page),
            categories=categories,
            tags=tags,
            category_slug=category_slug,
            tag_slug=tag_slug,
            active_category=next(
                (c for c in categories if c.slug == category_slug), None
            ),
            active_tag=next((t for t in tags if t.slug == tag_slug), None),
            filtered=bool(category_slug or tag_slug),
        )
        return context


class ArticlePage(ContentPageMixin, Page):
    """A news article: date, author, lead, body, files, photo gallery, categories.

    Lives only under the news index and has no children.
    """

    og_type = "article"
    related_limit = 3

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The date shown on the article; lists are sorted by it."),
    )
    author = models.CharField(
        _("author"),
        max_length=120,
        blank=True,
        help_text=_("The author's name as shown under the title."),
    )
    lead = LimitedTextField(
        _("lead"),
        max_length=600,
        help_text=_(
            "One or two sentences shown in lists, the news feed and link previews."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
        help_text=_(
            "Shown in lists and when the article is shared; the first gallery "
            "photo is used when empty."
        ),
    )
    categories = ParentalManyToManyField(
        "articles.Category",
        blank=True,
        related_name="articles",
        verbose_name=_("categories"),
    )
    tags = ClusterTaggableManager(
        through="articles.ArticlePageTag",
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Keywords, separated by commas."),
    )

    objects = ArticlePageManager()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Files to download"), label=_("File")),
        InlinePanel("gallery_images", heading=_("Photo gallery"), label=_("Photo")),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("feed_image"),
            ],
            heading=_("Classification and listing"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["articles.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def clean(self):
        """Refuse slugs that the news feeds' addresses would shadow."""
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is reserved for the news feed.")}
            )

    @cached_property
    def og_image(self):
        """The image for link previews: the listing image, else the first photo."""
        if self.feed_image_id:
            return self.feed_image
        photo = self.gallery_images.select_related("image").first()
        return photo.image if photo else None

    @property
    def listing_image(self):
        """The image of the article's card, from data fetched for the whole list."""
        if self.feed_image_id:
            return self.feed_image
        photo = getattr(self, "first_photo", None)
        return photo.image if photo else None

    def related_articles(self):
        """Up to `related_limit` other articles sharing a category or tag."""
        if not self.pk:
            return ArticlePage.objects.none()
        return ArticlePage.objects.related_to(self, limit=self.related_limit)

    def get_context(self, request, *args, **kwargs):
        """Files, photos, categories, tags, albums and related articles."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            news_index=self.get_parent(),
            attachments=self.attachments.select_related("document"),
            gallery_images=self.gallery_images.select_related("image").prefetch_related(
                "image__renditions"
            ),
            article_categories=self.categories.all(),
            article_tags=self.tags.all(),
            albums=GalleryPage.objects.visible().filter(article=self).order_by("-date")
            if self.pk
            else GalleryPage.objects.none(),
            related_articles=self.related_articles(),
        )
        return context


class GalleryIndexPage(ContentPageMixin, Page):
    """The list of photo albums ("Galerie"), newest first, twelve to a page.

    One per site, directly under the home page.
    """

    per_page = 12

    intro = LimitedRichTextField(
        _("introduction"),
        max_length=INTRO_MAX_LENGTH,
        blank=True,
        features=["bold", "italic", "link"],
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["razem.HomePage"]
    subpage_types = ["articles.GalleryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("gallery index")
        verbose_name_plural = _("gallery indexes")

    def get_context(self, request, *args, **kwargs):
        """The requested page of albums with their cover photos and photo counts."""
        context = super().get_context(request, *args, **kwargs)
        first_photo = GalleryPageImage.objects.filter(
            page_id=models.OuterRef("pk")
        ).order_by("sort_order", "pk")
        albums = (
            GalleryPage.objects.child_of(self)
            .visible()
            .annotate(
                first_photo_id=models.Subquery(first_photo.values("pk")[:1]),
                photo_count=models.Count("gallery_images"),
            )
            .order_by("-date", "-pk")
        )
        page = paginate(request, albums, self.per_page)
        page.object_list = attach_first_photos(page.object_list, GalleryPageImage)
        context.update(albums=page, page_links=page_links(page))
        return context


class GalleryPage(ContentPageMixin, Page):
    """A photo album (e.g. from a conference), optionally tied to an article.

    Lives only under the gallery index and has no children.
    """

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("When the photos were taken; albums are sorted by it."),
    )
    description = LimitedRichTextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        features=["bold", "italic", "link"],
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="albums",
        verbose_name=_("article"),
        help_text=_("The article this album belongs to, if any."),
    )

    objects = VisiblePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("description"),
        PageChooserPanel("article", "articles.ArticlePage"),
        InlinePanel("gallery_images", heading=_("Photos"), label=_("Photo"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("date"),
    ]
    parent_page_types = ["articles.GalleryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")

    @cached_property
    def og_image(self):
        """The album's first photo, for link previews."""
        photo = self.gallery_images.select_related("image").first()
        return photo.image if photo else None

    def get_context(self, request, *args, **kwargs):
        """The photos with their renditions, and the article the album belongs to."""
        context = super().get_context(request, *args, **kwargs)
        article = None
        if self.article_id:
            article = ArticlePage.objects.visible().filter(pk=self.article_id).first()
        context.update(
            gallery_images=self.gallery_images.select_related("image").prefetch_related(
                "image__renditions"
            ),
            linked_article=article,
        )
        return context
