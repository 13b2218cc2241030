"""Orderable rows edited inside a page: attachments, gallery photos and tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ArticlePageTag(TaggedItemBase):
    """The link between an article and one of its tags (django-taggit)."""

    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticleAttachment(Orderable):
    """A downloadable file listed under an article ("Pliki do pobrania")."""

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("link text"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the document's own title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        """The link text: the editor's title, else the document's title."""
        return self.title or self.document.title


class BaseGalleryImage(Orderable):
    """One photo of a gallery with its alternative text and an optional caption.

    The fields match what `components/gallery.html` expects of an item.
    """

    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the photo shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.caption or self.alt_text


class ArticleGalleryImage(BaseGalleryImage):
    """A photo in an article's gallery."""

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="gallery_images"
    )

    class Meta(BaseGalleryImage.Meta):
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")


class GalleryPageImage(BaseGalleryImage):
    """A photo in a photo album (gallery page)."""

    page = ParentalKey(
        "articles.GalleryPage", on_delete=models.CASCADE, related_name="gallery_images"
    )

    class Meta(BaseGalleryImage.Meta):
        verbose_name = _("album photo")
        verbose_name_plural = _("album photos")
