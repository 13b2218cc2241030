"""Uploads: size limits, decompression bombs, content that lies about its type, SVG
off, and documents served only through Wagtail's view as attachments."""

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from razem.uploads import check_document_file, content_matches_extension

IMAGE_ADD = "/admin/images/add/"
IMAGE_MULTI = "/admin/images/multiple/add/"
DOC_ADD = "/admin/documents/add/"
DOC_MULTI = "/admin/documents/multiple/add/"


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb(side: int = 20_000) -> bytes:
    """A valid side x side 1-bit PNG: tiny on disk, billions of bytes once decoded
    to RGB. Built row by row through zlib, never held uncompressed."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _row in range(side)]
    parts.append(compressor.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def real_image(fmt: str = "PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "red").save(buffer, format=fmt)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = (
    b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
DOCX = zip_bytes(
    {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
)
ODT = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.fixture
def admin_client(client, people):
    """The superuser (TOTP active) in the admin."""
    client.force_login(people.admin)
    return client


def upload_image(client, name: str, data: bytes, url=IMAGE_ADD):
    from wagtail.models import Collection

    upload = SimpleUploadedFile(name, data)
    if url == IMAGE_MULTI:
        return client.post(url, {"files[]": upload})
    return client.post(
        url,
        {
            "title": name,
            "file": upload,
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name: str, data: bytes, url=DOC_ADD):
    from wagtail.models import Collection

    upload = SimpleUploadedFile(name, data)
    if url == DOC_MULTI:
        return client.post(url, {"files[]": upload})
    return client.post(
        url,
        {
            "title": name,
            "file": upload,
            "collection": Collection.get_first_root_node().pk,
        },
    )


# -- settings -----------------------------------------------------------------------


def test_upload_limits_are_set():
    assert 0 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert 0 < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024
    assert 0 < settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 100_000_000
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 20_000 * 20_000
    assert "svg" not in [e.lower() for e in settings.WAGTAILIMAGES_EXTENSIONS]
    assert not {"svg", "html", "htm", "xml", "js", "xhtml"} & {
        e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS
    }
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert (
        settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "razem.uploads.SniffedDocumentForm"
    )
    assert settings.WAGTAILIMAGES_IMAGE_FORM_BASE == "razem.uploads.CheckedImageForm"


@pytest.mark.django_db
def test_a_request_body_over_the_memory_limit_is_refused(client):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)
    response = client.post("/przystap/", {"message": big})
    assert response.status_code == 400


# -- images -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [IMAGE_ADD, IMAGE_MULTI])
def test_a_png_bomb_is_rejected_quickly(admin_client, url, capsys):
    bomb = png_bomb()
    assert len(bomb) < 1024 * 1024
    started = time.perf_counter()
    response = upload_image(admin_client, "bomba.png", bomb, url=url)
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    text = response.content.decode()
    assert (
        "pixel" in text.lower() or "piksel" in text.lower() or "invalid" in text.lower()
    )
    with capsys.disabled():
        print(  # noqa: T201
            f"\n[uploads] 20000x20000 PNG bomb ({len(bomb) // 1024} KB) via {url}: "
            f"rejected in {elapsed * 1000:.0f} ms"
        )


@pytest.mark.django_db
def test_a_small_real_image_is_accepted(admin_client):
    response = upload_image(admin_client, "zdjecie.png", real_image("PNG"))
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,data",
    [
        ("zdjecie.png", real_image("JPEG")),
        ("zdjecie.jpg", real_image("GIF")),
        ("zdjecie.png", HTML),
        ("zdjecie.gif", b"GIF89a" + HTML),
        ("rysunek.svg", SVG),
        ("zdjecie.png", PDF),
    ],
)
def test_an_image_whose_content_does_not_match_is_rejected(admin_client, name, data):
    for url in (IMAGE_ADD, IMAGE_MULTI):
        response = upload_image(admin_client, name, data, url=url)
        assert response.status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_the_size_limit_is_rejected(admin_client):
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024):
        response = upload_image(
            admin_client, "duze.png", real_image("PNG", size=(600, 600))
        )
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


# -- documents ------------------------------------------------------------------------


GOOD_DOCUMENTS = [
    ("stanowisko.pdf", PDF),
    ("pismo.docx", DOCX),
    ("pismo.odt", ODT),
    ("tabela.xls", OLE),
    ("lista.csv", "Gmina;Liczba\nWyśmierzyce;3 021\n".encode()),
    ("notatka.txt", "Zażółć gęślą jaźń.".encode("cp1250")),
    ("pismo.rtf", b"{\\rtf1\\ansi Pismo}"),
    ("paczka.zip", zip_bytes({"a.txt": b"a"})),
]
BAD_DOCUMENTS = [
    ("stanowisko.pdf", HTML),
    ("stanowisko.pdf", SVG),
    ("pismo.docx", PDF),
    ("pismo.docx", ODT),
    ("pismo.odt", DOCX),
    ("tabela.xls", HTML),
    ("notatka.txt", HTML),
    ("notatka.txt", b"Tekst\n<script>alert(1)</script>"),
    ("lista.csv", SVG),
    ("lista.csv", b"\x00\x01\x02binary"),
    ("pismo.rtf", PDF),
    ("paczka.zip", b"PK\x03\x04 not really a zip"),
    ("pismo.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>"),
]


@pytest.mark.parametrize("name,data", GOOD_DOCUMENTS)
def test_sniffer_accepts_real_documents(name, data):
    check_document_file(SimpleUploadedFile(name, data))


@pytest.mark.parametrize("name,data", BAD_DOCUMENTS)
def test_sniffer_refuses_mismatches_and_web_content(name, data):
    from django.forms import ValidationError

    with pytest.raises(ValidationError):
        check_document_file(SimpleUploadedFile(name, data))


def test_unknown_extensions_never_match():
    assert not content_matches_extension("html", HTML)
    assert not content_matches_extension("svg", SVG)


@pytest.mark.django_db
def test_admin_document_upload_refuses_a_mismatch(admin_client):
    for name, data in BAD_DOCUMENTS[:4]:
        response = upload_document(admin_client, name, data)
        assert response.status_code == 200, name
        response = upload_document(admin_client, name, data, url=DOC_MULTI)
        assert response.status_code == 200, name
        assert response.json()["success"] is False, name
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_admin_document_upload_accepts_a_real_pdf(admin_client):
    response = upload_document(admin_client, "stanowisko.pdf", PDF)
    assert response.status_code == 302
    response = upload_document(admin_client, "pismo.docx", DOCX, url=DOC_MULTI)
    assert response.json()["success"] is True
    assert get_document_model().objects.count() == 2


# -- serving --------------------------------------------------------------------------


@pytest.fixture
def document(db):
    from tests.factories.articles import DocumentFactory

    return DocumentFactory(
        file__data=b"Zaproszenie na konferencje", file__filename="zaproszenie.txt"
    )


@pytest.mark.django_db
def test_documents_are_served_as_attachments_with_their_own_policy(client, document):
    url = document.url
    assert url.startswith("/documents/")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert body == b"Zaproszenie na konferencje"


@pytest.mark.django_db
def test_documents_are_not_reachable_under_media(client, document):
    from django.urls import set_urlconf

    set_urlconf(None)
    assert not settings.DEBUG
    path = f"{settings.MEDIA_URL}{document.file.name}"
    assert path.startswith("/media/documents/")
    response = client.get(path)
    assert response.status_code == 404
    assert b"Zaproszenie" not in response.content


@pytest.mark.django_db
def test_no_front_end_form_takes_a_file(home_page):
    """Files come in through the admin's image and document forms only (checked
    above); no public or member form has a file field."""
    from django import forms

    from tests.security.test_input_limits import _built_fields, project_form_classes

    with_files = [
        f"{name}.{field_name}"
        for name, form_class in project_form_classes().items()
        for field_name, field in _built_fields(name, form_class).items()
        if isinstance(field, forms.FileField)
    ]
    assert with_files == []


@pytest.mark.django_db
def test_scheduled_jobs_and_their_commands_store_no_upload(home_page):
    import io

    from django.core.management import call_command
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from razem.scheduling import enqueue_due_jobs

    def counts():
        return get_image_model().objects.count(), get_document_model().objects.count()

    before = counts()
    enqueue_due_jobs()  # every job, at once (immediate backend)
    call_command("apply_retention", stdout=io.StringIO())
    call_command("publish_scheduled", stdout=io.StringIO())
    assert counts() == before
