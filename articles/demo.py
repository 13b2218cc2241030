"""Demo content of the news section: categories, articles, photos, files, an album.

Called by `manage.py load_demo` after razem.demo (which creates the home page).
Idempotent: pages are looked up by slug, images and documents by title, categories
by slug; only what is missing is created. Photos are drawn here with Pillow and the
files rendered to PDF, so the demo needs nothing from outside.
"""

import io
import math
import random
from datetime import datetime, time

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.rich_text import RichText

from razem.models import HomePage

from . import demo_content as content
from .models import (
    ArticleAttachment,
    ArticleGalleryImage,
    ArticlePage,
    Category,
    GalleryIndexPage,
    GalleryPage,
    GalleryPageImage,
    NewsIndexPage,
)

WIDTH, HEIGHT = 1200, 800
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PDF_STYLE = (
    "body{font-family:'DejaVu Sans';font-size:11pt;line-height:1.5;margin:2cm}"
    "h1{font-size:15pt}h2{font-size:12pt}.right{text-align:right}"
)


def load(stdout) -> None:
    """Create the news index, categories, articles, photos, files and the album."""
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  articles: no home page, skipped (run razem.demo first)")
        return
    author = _editor()
    news_index = _ensure_index(home, NewsIndexPage, "aktualnosci", "Aktualności")
    gallery_index = _ensure_index(home, GalleryIndexPage, "galerie", "Galerie")
    categories = _ensure_categories()
    created = 0
    for spec in content.ARTICLES:
        if ArticlePage.objects.child_of(news_index).filter(slug=spec["slug"]).exists():
            continue
        _create_article(news_index, spec, categories, author)
        created += 1
    _ensure_album(gallery_index, author)
    stdout.write(
        f"  articles: {ArticlePage.objects.count()} articles ({created} new), "
        f"{GalleryPage.objects.count()} albums"
    )


def _editor():
    """The demo superuser (Andrzej Barszcz) as owner and editor of the pages."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email="admin@razem.test").first()


def _ensure_index(home, model, slug, title):
    page = model.objects.first()
    if page is None:
        page = home.add_child(
            instance=model(title=title, slug=slug, show_in_menus=True)
        )
        page.save_revision().publish()
    return page


def _ensure_categories() -> dict:
    categories = {}
    for slug, name, description in content.CATEGORIES:
        category, _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        categories[slug] = category
    return categories


def _body(paragraphs: list[str]) -> list:
    """StreamField content: text paragraphs, "> " paragraphs as quotes."""
    blocks = []
    for text in paragraphs:
        if text.startswith("> "):
            blocks.append(("quote", {"text": text[2:], "author": content.PRESIDENT}))
        else:
            blocks.append(("paragraph", RichText(f"<p>{escape(text)}</p>")))
    return blocks


def _create_article(news_index, spec: dict, categories: dict, author) -> ArticlePage:
    article = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        date=spec["date"],
        author=spec["author"],
        lead=spec["lead"],
        body=_body(spec["paragraphs"]),
        owner=author,
        feed_image=_photo(spec["feed_photo"]) if spec.get("feed_photo") else None,
    )
    article.categories = [categories[slug] for slug in spec["categories"]]
    article.tags.add(*spec["tags"])
    article.attachments = [
        ArticleAttachment(document=_document(key), sort_order=n)
        for n, key in enumerate(spec.get("documents", []))
    ]
    article.gallery_images = [
        ArticleGalleryImage(
            image=_photo(key),
            alt_text=content.PHOTOS[key][2],
            caption=content.PHOTOS[key][1],
            sort_order=n,
        )
        for n, key in enumerate(spec.get("photos", []))
    ]
    news_index.add_child(instance=article)
    _publish_as_of(article, spec["date"], author)
    return article


def _ensure_album(gallery_index, author) -> None:
    spec = content.ZAKOPANE_ALBUM
    if GalleryPage.objects.child_of(gallery_index).filter(slug=spec["slug"]).exists():
        return
    article = ArticlePage.objects.filter(slug=content.ZAKOPANE_ARTICLE).first()
    keys = next(
        a["photos"] for a in content.ARTICLES if a["slug"] == content.ZAKOPANE_ARTICLE
    )
    album = GalleryPage(
        title=spec["title"],
        slug=spec["slug"],
        date=spec["date"],
        description=spec["description"],
        article=article,
        owner=author,
    )
    album.gallery_images = [
        GalleryPageImage(
            image=_photo(key),
            alt_text=content.PHOTOS[key][2],
            caption=content.PHOTOS[key][1],
            sort_order=n,
        )
        for n, key in enumerate(keys)
    ]
    gallery_index.add_child(instance=album)
    _publish_as_of(album, spec["date"], author)


def _publish_as_of(page, date, user) -> None:
    """Publish with a revision, then date the record as if it happened that day."""
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    when = timezone.make_aware(datetime.combine(date, time(10, 0)))
    Revision.objects.filter(pk=revision.pk).update(created_at=when)
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=when,
        last_published_at=when,
        latest_revision_created_at=when,
    )


# Photos ---------------------------------------------------------------------------


def _photo(key: str):
    """The demo photo `key`, drawn and stored on first use."""
    Image = get_image_model()
    caption = content.PHOTOS[key][1]
    title = f"Demo: {caption}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = draw_photo(key)
        image = Image(title=title, file=ImageFile(io.BytesIO(data), name=f"{key}.jpg"))
        image._set_image_file_metadata()
        image.save()
    return image


def draw_photo(key: str) -> bytes:
    """A deterministic 1200x800 JPEG for `key`: a scene and its caption."""
    kind, caption, _alt = content.PHOTOS[key]
    rng = random.Random(key)  # noqa: S311 (pictures, not secrets)
    picture = PILImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(picture)
    {
        "mountains": _draw_mountains,
        "evening": _draw_evening,
        "hall": _draw_hall,
        "workshop": _draw_workshop,
        "abstract": _draw_abstract,
    }[kind](draw, rng)
    _draw_caption(draw, caption)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=82, optimize=True)
    return output.getvalue()


def _gradient(draw, top, bottom, height=HEIGHT):
    for y in range(height):
        t = y / height
        color = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=color)


def _draw_evening(draw, rng):
    _draw_mountains(draw, rng, evening=True)


def _draw_mountains(draw, rng, evening=False):
    sky = (
        ((250, 160, 90), (120, 70, 130))
        if evening
        else ((90, 160, 230), (200, 230, 250))
    )
    _gradient(draw, *sky)
    sun = (WIDTH * rng.uniform(0.6, 0.85), HEIGHT * rng.uniform(0.15, 0.3))
    draw.ellipse(
        [sun[0] - 60, sun[1] - 60, sun[0] + 60, sun[1] + 60], fill=(255, 236, 170)
    )
    for layer, shade in enumerate(((95, 105, 125), (70, 85, 100), (45, 70, 55))):
        base = HEIGHT * (0.55 + layer * 0.12)
        points = [(0, HEIGHT)]
        x = 0
        while x <= WIDTH:
            points.append((x, base - rng.uniform(60, 260 - layer * 60)))
            x += rng.randint(80, 180)
        points += [(WIDTH, base - 80), (WIDTH, HEIGHT)]
        draw.polygon(points, fill=shade)
        if layer == 0:
            for px, py in points[1:-2]:
                draw.polygon(
                    [(px - 30, py + 40), (px, py), (px + 30, py + 40)],
                    fill=(240, 244, 250),
                )


def _draw_people(draw, rng, rows, top, spacing):
    for row in range(rows):
        y = top + row * spacing
        for x in range(60 + (row % 2) * 40, WIDTH - 40, 85):
            tone = rng.choice([(230, 190, 160), (200, 150, 120), (160, 110, 80)])
            shirt = rng.choice(
                [(40, 80, 140), (150, 40, 50), (60, 120, 80), (90, 90, 90)]
            )
            draw.ellipse([x - 40, y + 20, x + 40, y + 100], fill=shirt)
            draw.ellipse([x - 22, y - 25, x + 22, y + 22], fill=tone)


def _draw_hall(draw, rng):
    _gradient(draw, (235, 228, 215), (190, 175, 160))
    draw.rectangle(
        [300, 60, 900, 360], fill=(250, 250, 252), outline=(60, 60, 70), width=6
    )
    draw.rectangle([340, 110, 860, 150], fill=(11, 79, 138))
    for n in range(4):
        draw.rectangle(
            [340, 190 + n * 40, 340 + rng.randint(250, 500), 210 + n * 40],
            fill=(170, 180, 195),
        )
    _draw_people(draw, rng, rows=3, top=430, spacing=95)


def _draw_workshop(draw, rng):
    _gradient(draw, (225, 235, 240), (170, 190, 200))
    for cx in (330, 870):
        cy = 470
        draw.ellipse([cx - 230, cy - 110, cx + 230, cy + 110], fill=(150, 110, 70))
        for n in range(8):
            angle = n / 8 * 6.283
            x, y = cx + 290 * math.cos(angle), cy + 160 * math.sin(angle)
            shirt = rng.choice(
                [(40, 80, 140), (150, 40, 50), (60, 120, 80), (200, 150, 40)]
            )
            draw.ellipse([x - 38, y - 20, x + 38, y + 60], fill=shirt)
            draw.ellipse([x - 22, y - 60, x + 22, y - 16], fill=(220, 180, 150))
        for _ in range(5):
            px, py = cx + rng.randint(-150, 120), cy + rng.randint(-60, 40)
            draw.rectangle([px, py, px + 50, py + 34], fill=(250, 250, 250))


def _draw_abstract(draw, rng):
    _gradient(draw, (11, 79, 138), (120, 180, 220))
    palette = [
        (249, 168, 37),
        (179, 38, 30),
        (255, 255, 255),
        (27, 94, 32),
        (255, 213, 79),
    ]
    for _ in range(18):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.randint(30, 160)
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            outline=rng.choice(palette),
            width=rng.randint(6, 18),
        )


def _font(size: int):
    try:
        return ImageFont.truetype(FONT_PATH, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _draw_caption(draw, caption: str):
    font = _font(34)
    draw.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=(0, 0, 0))
    draw.text((40, HEIGHT - 66), caption[:70], font=font, fill=(255, 255, 255))


# Documents ------------------------------------------------------------------------


def _document(key: str):
    """The demo document `key`, rendered to PDF and stored on first use."""
    Document = get_document_model()
    title, filename, html = content.DOCUMENTS[key]
    document = Document.objects.filter(title=title).first()
    if document is None:
        pdf = ContentFile(render_pdf(title, html), name=filename)
        document = Document(title=title, file=pdf)
        document._set_document_file_metadata()
        document.save()
    return document


def render_pdf(title: str, body: str) -> bytes:
    """A small A4 PDF with the association's letterhead."""
    from razem.pdf import html_to_pdf

    html = (
        f'<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{PDF_STYLE}</style></head><body>"
        "<p><strong>Ogólnopolskie Stowarzyszenie Miejskich i Gminnych Ośrodków Pomocy "
        "Społecznej „RAZEM”</strong><br>ul. Kościuszki 12A, 97-500 Radomsko, "
        "tel. (44) 683 28 85</p><hr>"
        f"{body}</body></html>"
    )
    return html_to_pdf(html)
