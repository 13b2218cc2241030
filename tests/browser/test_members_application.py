"""The membership application in a real browser, with and without JavaScript.

The gmina autocomplete is a combobox driven with the keyboard; without JavaScript
the search reloads the page with a radio list. Every page is checked with axe-core,
including pages with form errors.
"""

import pytest
from playwright.sync_api import expect

from members.models import Application
from tests.factories.members import MunicipalityFactory


@pytest.fixture
def gminy(demo_site):
    """A handful of real gminy (the whole registry is not needed here)."""
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
        MunicipalityFactory(
            teryt="1432042",
            name="Leszno",
            kind="wiejska",
            powiat="warszawski zachodni",
            voivodeship="mazowieckie",
            population=11214,
        ),
    ]


def fill_centre_and_person(page):
    values = {
        "centre_name": "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        "street": "ul. Mickiewicza 2",
        "postal_code": "26-811",
        "city": "Wyśmierzyce",
        "centre_email": "mgops@wysmierzyce.example.pl",
        "director": "Joanna Wójcik",
        "first_name": "Joanna",
        "last_name": "Wójcik",
        "email": "joanna@example.test",
    }
    for name, value in values.items():
        page.locator(f"#id_{name}").fill(value)
    page.get_by_label("Rodzaj ośrodka").select_option("MGOPS")


@pytest.mark.django_db(transaction=True)
def test_application_with_autocomplete_errors_and_eligibility(
    page, live_server, gminy, axe
):
    page.goto(live_server.url + "/przystap/")
    expect(page.locator("h1")).to_have_text("Przystąp do Stowarzyszenia")
    axe(page)

    # Submitting the empty form: errors beside the fields, summary focused.
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator(".form-errors")).to_be_focused()
    expect(page.locator("#id_municipality_error")).to_contain_text(
        "Wybierz gminę z rejestru."
    )
    expect(page.locator("#id_centre_name_error")).to_contain_text(
        "To pole jest wymagane."
    )
    axe(page)

    # The combobox: type, arrow down, Enter; the verdict is announced at once.
    combobox = page.get_by_role("combobox", name="Nazwa gminy")
    combobox.fill("lesz")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(combobox).to_have_attribute("aria-expanded", "true")
    axe(page)
    over = listbox.get_by_role("option", name="wielkopolskie", exact=False)
    index = (
        0 if "wielkopolskie" in listbox.get_by_role("option").first.inner_text() else 1
    )
    for _ in range(index + 1):
        combobox.press("ArrowDown")
    expect(over).to_have_attribute("aria-selected", "true")
    combobox.press("Enter")
    expect(page.locator("#gmina-status")).to_contain_text("Powyżej limitu")
    expect(page.locator("#gmina-status")).to_contain_text("58")
    expect(combobox).to_have_attribute("aria-expanded", "false")

    combobox.fill("wyśm")
    expect(listbox.get_by_role("option")).to_have_count(1)
    combobox.press("ArrowDown")
    combobox.press("Enter")
    expect(page.locator("#gmina-status")).to_contain_text("Spełnia kryterium")
    expect(page.locator("#gmina-status")).to_contain_text("50")

    fill_centre_and_person(page)
    page.locator("#id_postal_code").fill("26811")
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator("#id_postal_code_error")).to_contain_text("00-000")
    expect(page.locator("#id_privacy_error")).to_be_visible()
    expect(page.locator(".gmina-choice__chosen")).to_contain_text("Wyśmierzyce")
    axe(page)

    page.locator("#id_postal_code").fill("26-811")
    page.get_by_label("Zapoznałem/-am się", exact=False).check()
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator("h1")).to_have_text("Dziękujemy, wniosek został wysłany")
    axe(page)
    application = Application.objects.get()
    assert application.municipality.teryt == "1401063"
    assert application.kind == "MGOPS"


@pytest.mark.django_db(transaction=True)
def test_application_without_javascript(browser, live_server, gminy):
    context = browser.new_context(
        java_script_enabled=False, locale="pl-PL", bypass_csp=True
    )
    page = context.new_page()
    page.goto(live_server.url + "/przystap/")
    page.get_by_label("Nazwa gminy").fill("Leszno")
    page.get_by_role("button", name="Szukaj gminy").click()
    radios = page.get_by_role("radio")
    expect(radios).to_have_count(2)
    expect(page.locator("fieldset").first).to_contain_text("Powyżej limitu")
    expect(page.locator("fieldset").first).to_contain_text("Spełnia kryterium")

    page.get_by_label("Nazwa gminy").fill("wysmierzyce")
    page.get_by_role("button", name="Szukaj gminy").click()
    radio = page.get_by_role("radio", name="Wyśmierzyce", exact=False)
    expect(radio).to_have_count(1)
    radio.check()
    fill_centre_and_person(page)
    page.get_by_label("Zapoznałem/-am się", exact=False).check()
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator("h1")).to_have_text("Dziękujemy, wniosek został wysłany")
    assert Application.objects.get().municipality.teryt == "1401063"
    context.close()


@pytest.mark.django_db(transaction=True)
def test_no_js_errors_keep_the_chosen_gmina(browser, live_server, gminy):
    context = browser.new_context(
        java_script_enabled=False, locale="pl-PL", bypass_csp=True
    )
    page = context.new_page()
    page.goto(live_server.url + "/przystap/?q=wy%C5%9Bm")
    page.get_by_role("radio", name="Wyśmierzyce", exact=False).check()
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator(".gmina-choice__chosen")).to_contain_text("Wyśmierzyce")
    expect(page.locator("#gmina-status")).to_contain_text("Spełnia kryterium")
    expect(page.locator("#id_centre_name_error")).to_be_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_no_js_search_results_and_errors_pass_axe(page, live_server, gminy, axe):
    """The pages the no-JS path shows (axe needs JavaScript, so check them here)."""
    page.goto(live_server.url + "/przystap/?q=leszno")
    expect(page.get_by_role("radio")).to_have_count(2)
    axe(page)
    page.get_by_role("button", name="Wyślij wniosek").click()
    expect(page.locator(".form-errors")).to_be_visible()
    axe(page)
