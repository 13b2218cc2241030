"""Shared StreamField blocks and the base stream block every body composes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    """One image with an alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        label = _("Image")
        help_text = _("A single image with its description.")
        preview_value = {"caption": "Uczestnicy konferencji w Zakopanem"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with its author."""

    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        label = _("Quote")
        help_text = _("A quotation, set apart from the text.")
        preview_value = {
            "text": "Pomoc społeczna zaczyna się w gminie.",
            "author": "Andrzej Barszcz",
        }


class VideoBlock(blocks.StructBlock):
    """An embedded video (YouTube or Vimeo) with a title for screen readers."""

    video = EmbedBlock(label=_("Video address"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Read out by screen readers.")
    )

    class Meta:
        icon = "media"
        template = "components/blocks/video_block.html"
        label = _("Video")
        help_text = _("A video embedded from YouTube or Vimeo.")
        preview_value = {"title": "Relacja z konferencji"}


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link_block.html"
        label = _("Document link")
        help_text = _("A link to a file from the document library.")
        preview_value = {"title": "Pismo do Ministerstwa (PDF)"}


class GalleryBlock(blocks.StructBlock):
    """A small photo gallery shown as thumbnails with a lightbox."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        template = "components/blocks/gallery_block.html"
        label = _("Gallery")
        help_text = _("Several photos opened in a lightbox.")
        preview_value = {"title": "Galeria"}


class BaseStreamBlock(blocks.StreamBlock):
    """The body every content page uses: text, image, quote, video, document, gallery."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=[
            "h2",
            "h3",
            "h4",
            "bold",
            "italic",
            "ol",
            "ul",
            "link",
            "document-link",
            "hr",
        ],
        template="components/blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentLinkBlock()
    gallery = GalleryBlock()

    class Meta:
        label = _("Body")
