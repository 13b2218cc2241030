"""Members pages in a real browser, each checked with axe-core: the directory, the
sign-in and account pages (allauth in the site layout), "Mój ośrodek", the
invitation, RODO pages, including pages with form errors."""

import pytest
from playwright.sync_api import expect

from tests.factories.members import (
    TEST_PASSWORD,
    CentreFactory,
    DuesFactory,
    MunicipalityFactory,
    UserFactory,
    centre_staff,
    invitation,
    representative,
)


@pytest.fixture
def centres(demo_site):
    """Two member centres in two voivodeships, people and dues."""
    alfa = CentreFactory(
        name="MGOPS Wyśmierzyce",
        kind="MGOPS",
        street="ul. Mickiewicza 2",
        postal_code="26-811",
        city="Wyśmierzyce",
        website="https://mgops.example.pl/",
        municipality=MunicipalityFactory(name="Wyśmierzyce", voivodeship="mazowieckie"),
    )
    beta = CentreFactory(
        name="CUS Starachowice",
        kind="CUS",
        municipality=MunicipalityFactory(
            name="Starachowice", voivodeship="świętokrzyskie"
        ),
    )
    DuesFactory(centre=alfa, year=2025, paid_on="2025-03-10")
    DuesFactory(centre=alfa, year=2026)
    rep = representative(alfa, email="kierownik@example.test")
    centre_staff(alfa, email="pracownik@example.test")
    representative(beta, email="cus@example.test")
    return {"alfa": alfa, "beta": beta, "rep": rep}


def log_in(page, live_server, email):
    page.goto(live_server.url + "/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()


@pytest.mark.django_db(transaction=True)
def test_directory_page(page, live_server, centres, axe):
    page.goto(live_server.url + "/czlonkowie/")
    expect(page.locator("h1")).to_have_text("Ośrodki członkowskie")
    expect(page.locator(".directory-group")).to_have_count(2)
    page.get_by_text("Wykres w postaci tabeli").click()
    expect(page.locator("details table")).to_be_visible()
    axe(page)
    page.get_by_label("Województwo", exact=True).select_option("świętokrzyskie")
    page.get_by_role("button", name="Pokaż").click()
    expect(page.locator(".directory-group")).to_have_count(1)
    expect(page.locator(".directory-group")).to_contain_text("CUS Starachowice")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_login_page_and_its_errors(page, live_server, centres, axe):
    page.goto(live_server.url + "/konto/login/")
    expect(page.locator("h1")).to_have_text("Zaloguj się do portalu")
    axe(page)
    page.locator("#id_login").fill("kierownik@example.test")
    page.locator("#id_password").fill("zle-haslo-123")
    page.get_by_role("button", name="Zaloguj się").click()
    expect(page.locator(".form-errors")).to_be_visible()
    axe(page)
    page.goto(live_server.url + "/konto/password/reset/")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_my_centre_for_the_representative(page, live_server, centres, axe):
    log_in(page, live_server, "kierownik@example.test")
    expect(page).to_have_url(live_server.url + "/moj-osrodek/")
    expect(page.locator("h1")).to_contain_text("MGOPS Wyśmierzyce")
    expect(page.get_by_text("jeszcze nie opłacona")).to_be_visible()
    axe(page)

    page.locator("#id_email").fill("to-nie-adres")
    page.get_by_role("button", name="Wyślij zaproszenie").click()
    expect(page.locator(".field--error")).to_be_visible()
    axe(page)

    page.goto(live_server.url + "/moj-osrodek/dane/")
    page.locator("#id_email").fill("zly-adres")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("#id_email_error")).to_be_visible()
    axe(page)

    page.goto(live_server.url + "/moj-osrodek/usun-konto/")
    expect(page.locator("h1")).to_have_text("Usuń moje konto")
    axe(page)

    page.goto(live_server.url + "/konto/password/change/")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_person_without_centre_and_account_deletion_errors(
    page, live_server, demo_site, axe
):
    UserFactory(email="samotna@example.test")
    log_in(page, live_server, "samotna@example.test")
    expect(page.get_by_text("nie należy jeszcze do żadnego ośrodka")).to_be_visible()
    axe(page)
    page.goto(live_server.url + "/moj-osrodek/usun-konto/")
    page.get_by_label("Twoje hasło").fill("zle")
    page.get_by_role("button", name="Usuń moje konto na stałe").click()
    expect(page.locator("#id_password_error")).to_contain_text(
        "Hasło jest nieprawidłowe."
    )
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_invitation_pages(page, live_server, centres, axe):
    _created, token = invitation(centres["alfa"], email="nowy@example.test")
    page.goto(f"{live_server.url}/konto/zaproszenie/{token}/")
    expect(page.locator("main")).to_contain_text("MGOPS Wyśmierzyce")
    axe(page)
    page.locator("#id_first_name").fill("Nowy")
    page.locator("#id_last_name").fill("Pracownik")
    page.locator("#id_password1").fill("krotkie")
    page.locator("#id_password2").fill("inne")
    page.get_by_role("button", name="Załóż konto").click()
    expect(page.locator("#id_password1_error")).to_be_visible()
    axe(page)
    page.locator("#id_password1").fill("Dobre-Haslo-Pracownika-26")
    page.locator("#id_password2").fill("Dobre-Haslo-Pracownika-26")
    page.get_by_role("button", name="Załóż konto").click()
    expect(page).to_have_url(live_server.url + "/moj-osrodek/")
    expect(page.locator("h1")).to_contain_text("MGOPS Wyśmierzyce")

    # Its own user opening the used link again (back button, the e-mail) lands in
    # the centre; anybody else learns the link is no longer valid.
    page.goto(f"{live_server.url}/konto/zaproszenie/{token}/")
    expect(page).to_have_url(live_server.url + "/moj-osrodek/")
    expect(page.get_by_text("Należysz już do ośrodka")).to_be_visible()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/konto/zaproszenie/{token}/")
    expect(page.locator("h1")).to_have_text("Zaproszenie nieważne")
    axe(page)
