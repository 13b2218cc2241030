"""Uploaded files must be what their extension says, and never web content.

Wagtail checks the extension of a document only. A file named `pismo.pdf` that holds
HTML or SVG would still be a trap if any browser ever rendered it, so the document
form (WAGTAILDOCS_DOCUMENT_FORM_BASE) sniffs the first bytes and refuses mismatches.
Images are checked by Wagtail itself; the image form (WAGTAILIMAGES_IMAGE_FORM_BASE)
only turns a file Pillow cannot read after all into a form error instead of a 500.
"""

import io
import os
import zipfile

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

SNIFF_BYTES = 8192
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OOXML_FOLDER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
# Markers of content a browser would render as a page or an image with script.
WEB_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<?xml",
    b"<!entity",
    b"javascript:",
)


def looks_like_web_content(head: bytes) -> bool:
    """True when the first bytes hold HTML, SVG or XML markup."""
    lowered = head.lower()
    return any(marker in lowered for marker in WEB_MARKERS)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1250"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sniffed block is fine.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
            continue
        return True
    return False


def _zip_names(data: bytes) -> tuple[list[str], bytes]:
    """The member names of a ZIP archive and its `mimetype` entry (ODF), if any."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        mimetype = archive.read("mimetype") if "mimetype" in names else b""
    return names, mimetype.strip()


def _zip_matches(extension: str, data: bytes) -> bool:
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        names, mimetype = _zip_names(data)
    except (zipfile.BadZipFile, KeyError, ValueError):
        return False
    if extension in ODF_MIMETYPE:
        return mimetype == ODF_MIMETYPE[extension]
    if extension in OOXML_FOLDER:
        return "[Content_Types].xml" in names and any(
            name.startswith(OOXML_FOLDER[extension]) for name in names
        )
    return True


def content_matches_extension(extension: str, data: bytes) -> bool:
    """True when the bytes are a file of the kind the extension names."""
    head = data[:SNIFF_BYTES]
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return head.startswith(OLE2)
    if extension in ("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"):
        return _zip_matches(extension, data)
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in ("txt", "csv"):
        return _is_text(head) and not looks_like_web_content(head)
    return False


def check_document_file(uploaded) -> None:
    """Raise ValidationError unless the upload's content matches its extension."""
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if looks_like_web_content(data[:SNIFF_BYTES]) or not content_matches_extension(
        extension, data
    ):
        raise forms.ValidationError(
            _(
                "The content of this file does not match its extension “.%(ext)s”. "
                "Save it again in the right format and upload it once more."
            ),
            code="content_mismatch",
            params={"ext": extension},
        )


class SniffedDocumentForm(BaseDocumentForm):
    """Wagtail's document form that also checks what the uploaded file really is."""

    def clean_file(self):
        """Refuse a file whose first bytes do not match its extension."""
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document_file(uploaded)
        return uploaded


class CheckedImageField(WagtailImageField):
    """Wagtail's image field; a file with an image signature but unreadable content
    (e.g. "GIF89a" followed by HTML) is an invalid image, not a server error."""

    def check_image_pixel_size(self, f):
        """Wagtail's check, with Pillow's "cannot identify" turned into a form error."""
        try:
            super().check_image_pixel_size(f)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CheckedImageField):
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
