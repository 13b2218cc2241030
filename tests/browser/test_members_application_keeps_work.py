"""The application form never loses what was typed: searching for the gmina (the
button or Enter), with or without JavaScript, keeps every field; retyping the gmina
clears the gmina chosen before."""

import pytest
from playwright.sync_api import expect

from members.models import Application
from tests.factories.members import MunicipalityFactory

from .test_members_application import fill_centre_and_person


@pytest.fixture
def gminy(demo_site):
    return [
        MunicipalityFactory(
            teryt="1401063",
            name="Wyśmierzyce",
            kind="miejsko-wiejska",
            powiat="białobrzeski",
            voivodeship="mazowieckie",
            population=2642,
        ),
        MunicipalityFactory(
            teryt="3063011",
            name="Leszno",
            kind="miejska",
            powiat="Leszno",
            voivodeship="wielkopolskie",
            population=58766,
        ),
    ]


def fill_message(page):
    page.locator("#id_message").fill("Długi opis ośrodka, którego szkoda byłoby.")
    page.get_by_label("Zapoznałem/-am się", exact=False).check()


def expect_everything_kept(page):
    expect(page.locator("#id_centre_name")).to_have_value(
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach"
    )
    expect(page.locator("#id_email")).to_have_value("joanna@example.test")
    expect(page.locator("#id_director")).to_have_value("Joanna Wójcik")
    expect(page.locator("#id_kind")).to_have_value("MGOPS")
    expect(page.locator("#id_message")).to_have_value(
        "Długi opis ośrodka, którego szkoda byłoby."
    )
    expect(page.get_by_label("Zapoznałem/-am się", exact=False)).to_be_checked()


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, bypass_csp=True, locale="pl-PL"
    )
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_search_and_enter_keep_every_field(
    no_js_page, live_server, gminy
):
    # (axe-core needs JavaScript; the same page is checked in the test with it.)
    page = no_js_page
    page.goto(live_server.url + "/przystap/")
    fill_centre_and_person(page)
    fill_message(page)
    page.locator("#gmina-q").fill("lesz")
    page.get_by_role("button", name="Szukaj gminy").click()
    expect_everything_kept(page)
    expect(page.get_by_role("radio")).to_have_count(1)
    expect(page.locator(".form-errors")).to_have_count(0)

    # Enter in the gmina box searches too, and a new query drops the old list.
    page.locator("#gmina-q").fill("wyśm")
    page.locator("#gmina-q").press("Enter")
    expect_everything_kept(page)
    page.get_by_role("radio", name="Wyśmierzyce", exact=False).check()
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator("h1")).to_have_text("Dziękujemy, wniosek został wysłany")
    assert Application.objects.get().municipality.teryt == "1401063"


@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_retyped_gmina_is_searched_not_sent(
    no_js_page, live_server, gminy
):
    page = no_js_page
    page.goto(live_server.url + "/przystap/?gmina=1401063")
    expect(page.locator(".gmina-choice__chosen")).to_contain_text("Wyśmierzyce")
    fill_centre_and_person(page)
    fill_message(page)
    page.locator("#gmina-q").fill("leszno")
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator(".gmina-choice__chosen")).to_have_count(0)
    expect(page.get_by_role("radio", name="Leszno", exact=False)).to_be_visible()
    expect_everything_kept(page)
    assert not Application.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_javascript_search_keeps_fields_and_retyping_clears_the_choice(
    page, live_server, gminy, axe
):
    page.goto(live_server.url + "/przystap/")
    fill_centre_and_person(page)
    fill_message(page)
    combobox = page.get_by_role("combobox", name="Nazwa gminy")
    combobox.fill("wyśm")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    combobox.press("ArrowDown")
    combobox.press("Enter")
    expect(page.locator("#gmina-status")).to_contain_text("Spełnia kryterium")
    expect(page.locator("#id_municipality")).to_have_value("1401063")

    # Retyping the gmina clears the old choice and its verdict at once.
    combobox.fill("lesz")
    expect(page.locator("#id_municipality")).to_have_value("")
    expect(page.locator("#gmina-status")).to_be_empty()
    # The search button (or Enter with the list closed) keeps every field.
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    page.get_by_role("button", name="Szukaj gminy").click()
    expect_everything_kept(page)
    expect(page.get_by_role("radio", name="Leszno", exact=False)).to_be_visible()
    axe(page)

    combobox = page.get_by_role("combobox", name="Nazwa gminy")
    combobox.fill("wyśm")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_count(1)
    combobox.press("ArrowDown")
    combobox.press("Enter")
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator("h1")).to_have_text("Dziękujemy, wniosek został wysłany")
    assert Application.objects.get().municipality.teryt == "1401063"
