"""Refusals in a real browser: Polish pages in the site's layout that keep the work.

- an expired form (the token cookie gone, as after a long pause or a login in
  another tab): the "form has expired" page; Back brings the form with the typed
  text, and sending it again works (the site's script takes the renewed token);
- a refused action (403), a wrong method (405), the contact form past its limit
  (429, the typed text kept): each page is Polish, in the layout, and passes axe.
"""

import io

import pytest

MESSAGE = "Piszę w sprawie warsztatów o deinstytucjonalizacji usług społecznych."


@pytest.fixture
def site(demo_site):
    """The house's demo pages (with the contact form)."""
    from razem import demo

    demo.load(io.StringIO())
    return demo_site


def fill_contact_form(page, message: str) -> None:
    page.fill("#id_imie_i_nazwisko", "Maria Zielińska")
    page.fill("#id_e_mail", "maria@gops.example.test")
    page.fill("#id_temat", "Warsztaty")
    page.fill("#id_wiadomosc", message)
    page.check("#id_zgoda")


@pytest.mark.django_db(transaction=True)
def test_an_expired_form_is_explained_and_sent_again_from_the_back_button(
    page, live_server, site, axe
):
    from django.core import mail

    page.goto(live_server.url + "/kontakt/")
    fill_contact_form(page, MESSAGE)
    page.context.clear_cookies()  # the form's token has expired meanwhile
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert page.locator("h1").inner_text() == "Formularz wygasł"
    assert "Wróć przyciskiem „Wstecz”" in page.locator("main").inner_text()
    assert page.locator("textarea[readonly]").first.input_value() == "Maria Zielińska"
    assert page.locator(".skip-link").count() == 1  # the site's layout
    axe(page)

    page.go_back()
    assert page.input_value("#id_wiadomosc") == MESSAGE  # the browser kept it
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert "Dziękujemy" in page.locator("main").inner_text()
    assert len(mail.outbox) == 1 and MESSAGE in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_refused_action_is_a_polish_page(page, live_server, site, axe):
    from tests.factories.members import TEST_PASSWORD, CentreFactory, centre_staff

    staff = centre_staff(CentreFactory(), email="pracownik@refusal.test")
    page.goto(live_server.url + "/konto/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    response = page.goto(live_server.url + "/moj-osrodek/osoby/zapros/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Brak dostępu"
    assert "Mojego ośrodka" in page.locator("main").inner_text()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_a_wrong_method_is_a_polish_405_page(page, live_server, site, axe):
    page.goto(live_server.url + "/kontakt/")  # a page with a form sets the token
    # A form of the site sent, with its token, to an address that only shows.
    with page.expect_navigation():
        page.evaluate(
            """() => {
              const form = document.createElement("form");
              form.method = "post";
              form.action = "/szukaj/";
              const token = document.cookie.match(/csrftoken=([^;]+)/);
              for (const [name, value] of [
                ["csrfmiddlewaretoken", token ? token[1] : ""],
                ["q", "konferencja w Zakopanem"],
              ]) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.append(input);
              }
              document.body.append(form);
              form.submit();
            }"""
        )
    assert page.locator("h1").inner_text() == "Ten adres nie przyjmuje takiego żądania"
    assert (
        page.locator("textarea[readonly]").first.input_value()
        == "konferencja w Zakopanem"
    )
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_the_contact_form_past_its_limit_keeps_the_text(page, live_server, site, axe):
    from django.test import RequestFactory

    from razem.models import CONTACT_LIMIT

    browser = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
    for _message in range(CONTACT_LIMIT.limit):
        CONTACT_LIMIT.hit(browser)  # five messages sent already this hour
    page.goto(live_server.url + "/kontakt/")
    fill_contact_form(page, MESSAGE)
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    assert "Spróbuj ponownie za 60 minut" in page.locator(".form-errors").inner_text()
    assert page.input_value("#id_wiadomosc") == MESSAGE
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_a_form_sent_after_a_logout_in_another_tab_keeps_the_text(
    page, live_server, site, axe
):
    """Brief point 7: logged out in another tab, the form in this one is sent:
    a Polish page says what happened, shows the text, and the login leads back."""
    from tests.factories.members import TEST_PASSWORD, CentreFactory, representative

    person = representative(CentreFactory(), email="kierowniczka@sesja.test")

    def log_in(tab):
        tab.fill("input[name=login]", person.email)
        tab.fill("input[name=password]", TEST_PASSWORD)
        with tab.expect_navigation():
            tab.click("main form button[type=submit]")

    page.goto(live_server.url + "/konto/login/?next=/moj-osrodek/dane/")
    log_in(page)
    assert page.url.endswith("/moj-osrodek/dane/")
    typed = "Jolanta Nowa-Dyrektorka"
    page.fill("#id_director", typed)

    other = page.context.new_page()
    other.goto(live_server.url + "/konto/logout/")
    with other.expect_navigation():
        other.click("main form button[type=submit]")
    other.close()

    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text() == "Nie jesteś już zalogowany"
    boxes = page.locator("textarea[readonly]")
    assert typed in [boxes.nth(i).input_value() for i in range(boxes.count())]
    assert page.locator(".skip-link").count() == 1
    axe(page)

    with page.expect_navigation():
        page.click("text=Zaloguj się ponownie")
    log_in(page)
    assert page.url.endswith("/moj-osrodek/dane/")
