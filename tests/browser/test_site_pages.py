"""The house in a real browser: home, search, contact form, 404, standard page.

Every page visited is checked with axe-core (WCAG 2.1 A and AA); the contact form is
filled in and sent with the keyboard alone.
"""

import io

import pytest


@pytest.fixture
def site(demo_site):
    """The house's demo pages with the search index built."""
    from django.core.management import call_command

    from razem import demo

    demo.load(io.StringIO())
    call_command("rebuild_search", stdout=io.StringIO())
    return demo_site


@pytest.mark.django_db(transaction=True)
def test_home_page_is_accessible(page, live_server, site, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text().startswith("Ogólnopolskie")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page, live_server, site
):
    page.goto(live_server.url + "/o-stowarzyszeniu/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.django_db(transaction=True)
def test_search_from_the_header_shows_highlighted_results(page, live_server, site, axe):
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "pomoc spoleczna")
    page.keyboard.press("Enter")
    page.wait_for_url("**/szukaj/?q=*")
    results = page.locator(".search-result")
    assert results.count() >= 3
    assert page.locator(".search-result mark").first.inner_text().lower() in {
        "pomocy",
        "pomoc",
        "społecznej",
        "społeczna",
        "społeczną",
    }
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_empty_and_fruitless_searches_help_the_visitor(page, live_server, site, axe):
    page.goto(live_server.url + "/szukaj/")
    assert page.locator(".search-suggestions a").count() >= 3
    axe(page)
    page.goto(live_server.url + "/szukaj/?q=hipopotam")
    assert "hipopotam" in page.locator(".empty-state h2").first.inner_text()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_contact_form_can_be_sent_with_the_keyboard(page, live_server, site, axe):
    from django.core import mail

    page.goto(live_server.url + "/kontakt/")
    axe(page)
    page.focus("#id_imie_i_nazwisko")
    page.keyboard.type("Maria Zielińska")
    page.keyboard.press("Tab")
    page.keyboard.type("maria@gops.example.test")
    page.keyboard.press("Tab")
    page.keyboard.type("Pytanie o konferencję")
    page.keyboard.press("Tab")
    page.keyboard.type("Czy są jeszcze wolne miejsca?")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_zgoda"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Dziękujemy" in page.locator("main").inner_text()
    axe(page)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_contact_form_errors_are_announced_and_accessible(page, live_server, site, axe):
    page.goto(live_server.url + "/kontakt/")
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert page.locator(".form-errors").is_visible()
    assert page.evaluate("document.activeElement.className") == "form-errors"
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_404_page_is_polish_and_accessible(page, live_server, site, axe):
    response = page.goto(live_server.url + "/nie-ma-takiej-strony/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Nie znaleziono strony"
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_standard_page_with_record_and_pdf_link(page, live_server, site, axe):
    page.goto(live_server.url + "/deklaracja-dostepnosci/")
    assert page.locator("h1").inner_text() == "Deklaracja dostępności"
    assert page.locator("link[type='application/pdf']").count() == 1
    page.locator(".page-record summary").click()
    assert "Ewa Redakcyjna" in page.locator(".page-record").inner_text()
    axe(page)
