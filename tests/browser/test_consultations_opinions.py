"""Opinions in the browser: axe-core clean pages and keyboard-only co-signing.

A centre's representative goes from the public opinion page to the login form,
logs in with the keyboard, comes back to the opinion, co-signs and withdraws, using
only Tab and Enter; every page visited is checked with axe-core.
"""

import pytest
from playwright.sync_api import expect

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Signature
from tests.factories.consultations import DraftLawFactory, opinion_index, opinion_page
from tests.factories.members import (
    TEST_PASSWORD,
    CentreFactory,
    MunicipalityFactory,
    representative,
)

# Marked here too: `-m browser` filters before the suite-wide hook adds the mark.
pytestmark = pytest.mark.browser

MAX_TABS = 120


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)",
            selector,
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:
    """Tab to a field and type."""
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)


@pytest.fixture
def opinions(demo_site):
    """An open opinion signed by one centre, a draft with a comment, a draft law."""
    index = opinion_index(demo_site)
    other = representative(
        CentreFactory(
            name="Centrum Usług Społecznych w Starachowicach",
            municipality=MunicipalityFactory(
                teryt="2611011", name="Starachowice", voivodeship="świętokrzyskie"
            ),
        )
    )
    opened = opinion_page(
        index,
        title="Stanowisko w sprawie usług opiekuńczych",
        slug="uslugi-opiekuncze",
        state=OpinionState.OPEN,
    )
    services.sign_opinion(opened, other)
    draft = opinion_page(index, title="Projekt opinii do UD245", slug="opinia-ud245")
    services.post_comment(draft, other, "Proponujemy <b>zmianę</b> w § 2.")
    DraftLawFactory(number="UD245")
    centre = CentreFactory(
        name="Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        municipality=MunicipalityFactory(
            teryt="1401063", name="Wyśmierzyce", voivodeship="mazowieckie"
        ),
    )
    user = representative(centre, email="kierownik@mgops-wysmierzyce.test")
    return {"index": index, "opened": opened, "draft": draft, "user": user}


@pytest.mark.django_db(transaction=True)
def test_public_opinion_pages_are_axe_clean(page, live_server, opinions, axe):
    page.goto(live_server.url + opinions["index"].url)
    expect(page.locator("h1")).to_have_text("Opinie i stanowiska")
    expect(page.locator("body")).not_to_contain_text("Projekt opinii do UD245")
    axe(page)
    page.goto(live_server.url + opinions["opened"].url)
    expect(page.locator(".opinion__signatories")).to_contain_text("Starachowicach")
    axe(page)
    page.goto(live_server.url + "/opinie/projekty/")
    expect(page.locator("body")).to_contain_text("UD245")
    axe(page)
    page.goto(live_server.url + "/opinie/zasady-dyskusji/")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_keyboard_only_cosigning_and_withdrawal(page, live_server, opinions, axe):
    opened = opinions["opened"]
    user = opinions["user"]
    page.goto(live_server.url + opened.url)
    tab_to(page, "a.opinion__login")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/login/**")
    axe(page)
    type_into(page, "input[name=login]", user.email)
    type_into(page, "input[name=password]", TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{opened.url}")
    expect(page.locator("h1")).to_have_text(opened.title)
    axe(page)

    tab_to(page, f"form[action='/opinie/{opened.pk}/podpis/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{opened.url}#podpisy")
    expect(page.locator(".messages")).to_contain_text("współpodpisał to stanowisko")
    expect(page.locator(".opinion__signatories")).to_contain_text("Wyśmierzycach")
    axe(page)
    assert Signature.objects.active().filter(centre=user.membership.centre).exists()

    tab_to(page, f"form[action='/opinie/{opened.pk}/wycofanie/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{opened.url}#podpisy")
    expect(page.locator(".messages")).to_contain_text("wycofany")
    expect(page.locator(".opinion__signatories")).not_to_contain_text("Wyśmierzycach")
    axe(page)
    assert not Signature.objects.active().filter(centre=user.membership.centre).exists()


@pytest.mark.django_db(transaction=True)
def test_member_pages_are_axe_clean_and_comment_with_keyboard(
    page, live_server, opinions, axe
):
    user = opinions["user"]
    page.goto(live_server.url + "/konto/login/")
    type_into(page, "input[name=login]", user.email)
    type_into(page, "input[name=password]", TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/moj-osrodek/**")
    panel = page.locator(".centre-panel--signatures")
    expect(panel).to_contain_text("Stanowisko w sprawie usług opiekuńczych")
    axe(page)
    page.goto(live_server.url + opinions["index"].url)
    expect(page.locator(".opinions__drafts")).to_contain_text("Projekt opinii do UD245")
    axe(page)
    page.goto(live_server.url + opinions["draft"].url)
    expect(page.locator(".comments")).to_contain_text("zmianę")
    axe(page)
    # An empty comment shows the error beside the field.
    tab_to(page, "form[action$='/komentarze/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".field__errors")).to_be_visible()
    axe(page)
    type_into(page, "textarea[name=body]", "Popieramy projekt opinii.")
    tab_to(page, "form[action$='/komentarze/'] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{opinions['draft'].url}#dyskusja")
    expect(page.locator(".comments")).to_contain_text("Popieramy projekt opinii.")
    axe(page)
