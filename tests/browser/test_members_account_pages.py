"""The account pages added for issue 10 in a real browser, checked with axe-core: an
invitation for an existing account (log in, then join), and the deletion page of a
centre's only representative."""

import pytest
from playwright.sync_api import expect

from members.models import Membership
from tests.factories.members import (
    TEST_PASSWORD,
    CentreFactory,
    UserFactory,
    invitation,
    representative,
)


def log_in(page, live_server, email, next_url=""):
    page.goto(f"{live_server.url}/konto/login/{next_url}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Zaloguj").click()


@pytest.mark.django_db(transaction=True)
def test_an_existing_account_logs_in_and_joins_from_the_link(
    page, live_server, demo_site, axe
):
    UserFactory(email="ewa@example.test", first_name="Ewa")
    centre = CentreFactory(name="GOPS Przeglądarkowo")
    _created, token = invitation(centre, email="Ewa@Example.test")
    page.goto(f"{live_server.url}/konto/zaproszenie/{token}/")
    expect(page.locator("h1")).to_have_text("Dołączenie do ośrodka")
    expect(page.locator("input[type=password]")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Zaloguj się, aby dołączyć").click()
    page.locator("#id_login").fill("ewa@example.test")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Zaloguj").click()
    expect(page.get_by_role("button", name="Dołącz do ośrodka")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Dołącz do ośrodka").click()
    expect(page.locator("h1")).to_contain_text("GOPS Przeglądarkowo")
    assert Membership.objects.get(user__email="ewa@example.test").centre == centre


@pytest.mark.django_db(transaction=True)
def test_the_only_representative_sees_a_way_out(page, live_server, demo_site, axe):
    rep = representative(CentreFactory(name="GOPS Samotny"), email="sam@example.test")
    log_in(page, live_server, rep.email)
    page.goto(f"{live_server.url}/moj-osrodek/usun-konto/")
    expect(page.get_by_text("Jesteś jedynym przedstawicielem")).to_be_visible()
    axe(page)
    page.get_by_label("Na razie nikt", exact=False).check()
    page.get_by_label("Twoje hasło").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Usuń moje konto na stałe").click()
    expect(page.get_by_text("Twoje konto zostało usunięte.")).to_be_visible()
    rep.refresh_from_db()
    assert not rep.is_active
