"""Registration for a conference with the keyboard alone, axe-core clean throughout.

A centre's representative goes from the public conference page to the login form,
then fills in the registration form (Tab, typing, Enter), sees the errors beside the
fields, corrects them, adds a second participant with the "add another" button and
submits; then cancels one registration from the centre's list.
"""

import pytest
from playwright.sync_api import expect

from tests.factories.conferences import add_workshop, make_conference
from tests.factories.members import TEST_PASSWORD, CentreFactory, representative

MAX_TABS = 80


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
    """Tab to a field, clear it with the keyboard and type."""
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)


@pytest.fixture
def open_conference(demo_site):
    """An open conference with one workshop and a representative of a member centre."""
    conference = make_conference(
        title="XI Konferencja – Sandomierz", capacity=1, index=None
    )
    add_workshop(conference, title="Warsztat: asystent osobisty", capacity=1)
    centre = CentreFactory(name="Gminny Ośrodek Pomocy Społecznej w Łęcznej")
    user = representative(centre, email="kierownik@gops-leczna.test")
    return conference, user


@pytest.mark.django_db(transaction=True)
def test_keyboard_only_registration_with_errors_and_waiting_list(
    page, live_server, open_conference, axe
):
    conference, user = open_conference
    page.goto(live_server.url + conference.url)
    expect(page.locator("h1")).to_have_text("XI Konferencja – Sandomierz")
    axe(page)

    tab_to(page, ".registration-box a.button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/login/**")
    axe(page)
    type_into(page, "input[name=login]", user.email)
    type_into(page, "input[name=password]", TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/moj-osrodek/konferencje/{conference.pk}/zapisz/")
    expect(page.locator("h1")).to_contain_text("Rejestracja")
    axe(page)

    type_into(page, "#id_form-0-first_name", "Zofia")
    type_into(page, "#id_form-0-last_name", "Żółkiewska-Łęcka")
    type_into(page, "#id_form-0-email", "zly-adres")
    type_into(page, "#id_form-0-special_needs", "dieta bezglutenowa")
    tab_to(page, "button[name=register]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".form-errors")).to_contain_text("Formularz zawiera błędy")
    expect(page.locator("#id_form-0-email_error")).to_be_visible()
    expect(page.locator("#id_form-0-special_needs_consent_error")).to_be_visible()
    axe(page)

    type_into(page, "#id_form-0-email", "zofia@gops-leczna.test")
    type_into(page, "#id_form-0-special_needs", "")
    tab_to(page, "button[name=add_participant]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-participant]")).to_have_count(2)
    expect(page.locator("#id_form-1-first_name")).to_be_focused()
    expect(page.locator("[data-price-rows]")).to_have_text("2")
    page.keyboard.type("Jan")
    type_into(page, "#id_form-1-last_name", "Kowalczyk")
    type_into(page, "#id_form-1-email", "jan@gops-leczna.test")
    axe(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/moj-osrodek/konferencje/")
    expect(page.locator(".messages")).to_contain_text("Potwierdzone miejsca: 1")
    expect(page.locator(".messages")).to_contain_text("Do zapłaty teraz: 300,00 zł")
    expect(page.locator(".messages")).to_contain_text("lista oczekujących: 1")
    expect(page.locator("table")).to_contain_text("Żółkiewska-Łęcka")
    axe(page)

    tab_to(page, "a[href*='/anuluj/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/anuluj/")
    axe(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/moj-osrodek/konferencje/")
    expect(page.locator(".messages")).to_contain_text("zostało anulowane")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_checkbox_labels_tick_their_boxes_and_read_without_a_colon(
    page, live_server, demo_site, axe
):
    conference = make_conference(title="XII Konferencja – Kazimierz", offers_meals=True)
    add_workshop(conference, title="Warsztat: streetworking", capacity=3)
    centre = CentreFactory(name="Ośrodek Pomocy Społecznej w Żółkiewce")
    user = representative(centre, email="kierownik@ops-zolkiewka.test")
    register = f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    page.goto(live_server.url + register)
    page.wait_for_url("**/konto/login/**")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url == live_server.url + register)
    axe(page)
    for box, text in [
        ("#id_form-0-meals", "Posiłki"),
        ("#id_form-0-special_needs_consent", "Wyrażam zgodę"),
        ("#id_form-0-workshops_0", "Warsztat: streetworking"),
    ]:
        label = page.locator(f"label[for='{box[1:]}']")
        expect(label).to_contain_text(text)
        assert not label.inner_text().strip().endswith(":")
        expect(page.locator(box)).not_to_be_checked()
        label.click()
        expect(page.locator(box)).to_be_checked()
    expect(page.get_by_label("Posiłki", exact=True)).to_be_checked()
    expect(page.locator("#rows-help")).to_contain_text("najwyżej 30 uczestników")
