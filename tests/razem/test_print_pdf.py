"""Page PDFs (articles, conferences) as they come out of WeasyPrint with the print
stylesheet: the content, the association's address and the page's own address; no
navigation, footer menus, buttons or forms; external links with their address;
links that lead to the site (not to the renderer's local address); images within
the page's text area."""

import io

import pytest
from pypdf import PdfReader
from wagtail.rich_text import RichText

from tests.factories.articles import (
    ArticlePageFactory,
    ImageFactory,
    NewsIndexPageFactory,
)
from tests.factories.conferences import make_conference

pytestmark = pytest.mark.django_db

# A4 less the print stylesheet's margins (20 mm top, 18 mm sides, 22 mm bottom), in
# CSS pixels (96 per inch).
MM = 96 / 25.4
TEXT_WIDTH = (210 - 2 * 18) * MM
TEXT_HEIGHT = (297 - 20 - 22) * MM


@pytest.fixture
def rendered(monkeypatch):
    """Each page PDF rendered for real; the HTML it was made from kept."""
    from razem import pdf

    sources = []
    real = pdf.html_to_pdf

    def keep(html, *args, **kwargs):
        sources.append(html)
        return real(html, *args, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", keep)
    return sources


def pdf_of(client, page) -> tuple[str, list[str]]:
    response = client.get(f"/pdf/{page.pk}/")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for p in reader.pages
        for annotation in p.get("/Annots") or []
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    ]
    return text, links


def assert_nothing_to_click(text: str) -> None:
    for word in (
        "Przejdź do treści",  # skip link
        "Szukaj",  # the header's search
        "Zaloguj",  # account link
        "Zapisz jako PDF",  # page actions
        "Polityka cookies",  # the footer's menu
        "Deklaracja dostępności",
        "Odwiedziny",  # the visit counter
    ):
        assert word not in text, word


def test_an_articles_pdf_has_the_content_and_no_navigation_and_links_work(
    client, home_page, rendered
):
    index = NewsIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index,
        title="Walne zebranie członków",
        body=[
            (
                "paragraph",
                RichText(
                    '<p>Szczegóły na <a href="https://www.gov.pl/web/rodzina">stronie '
                    'ministerstwa</a> i w <a href="/kontakt/">kontakcie</a>.</p>'
                ),
            )
        ],
    )
    text, links = pdf_of(client, article)
    assert "Walne zebranie członków" in text
    assert "(https://www.gov.pl/web/rodzina)" in text  # external: its address
    assert "ul. Kościuszki 12A" in text  # the association's address stays
    assert "Ta strona w internecie: http://" in text
    assert_nothing_to_click(text)
    assert "Wróć do wszystkich aktualności" not in text
    assert "http://testserver/kontakt/" in links  # the site, not razem.local
    assert not [link for link in links if "razem.local" in link]


def test_a_conferences_pdf_has_no_registration_button(client, home_page, rendered):
    conference = make_conference(title="Konferencja w Sandomierzu")
    text, _links = pdf_of(client, conference)
    assert "Konferencja w Sandomierzu" in text
    assert "Zgłoś uczestników" not in text and "Zarejestruj" not in text
    assert_nothing_to_click(text)


def test_images_are_sized_to_the_page(client, home_page, rendered):
    """A wide and a very tall picture both stay within the page's text area."""
    from weasyprint import HTML

    from razem.pdf import LOCAL_BASE_URL, _fetcher

    wide = ImageFactory(file__width=2400, file__height=600)
    tall = ImageFactory(file__width=600, file__height=3000)
    index = NewsIndexPageFactory(parent=home_page)
    article = ArticlePageFactory(
        parent=index,
        body=[
            ("image", {"image": wide, "alt_text": "Panorama", "caption": ""}),
            ("image", {"image": tall, "alt_text": "Plakat", "caption": ""}),
        ],
    )
    pdf_of(client, article)
    document = HTML(
        string=rendered[-1],
        base_url=LOCAL_BASE_URL,
        url_fetcher=_fetcher(),
        media_type="print",
    ).render()

    def images(box):
        if type(box).__name__ in {"InlineReplacedBox", "BlockReplacedBox"}:
            yield box
        for child in getattr(box, "children", []):
            yield from images(child)

    found = [box for page in document.pages for box in images(page._page_box)]
    content = [box for box in found if box.width > 100]  # not the logo
    assert len(content) == 2
    for box in content:
        assert box.width <= TEXT_WIDTH + 1
        assert box.height <= TEXT_HEIGHT + 1
