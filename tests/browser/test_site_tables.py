"""A table wider than a phone's screen scrolls inside its wrapper, which keyboard
users reach with Tab and scroll with the arrow keys: axe's
`scrollable-region-focusable` passes, the region is named by the table's caption."""

import pytest
from playwright.sync_api import expect

from tests.factories.members import (
    TEST_PASSWORD,
    CentreFactory,
    DuesFactory,
    centre_staff,
    representative,
)


@pytest.mark.django_db(transaction=True)
def test_a_wide_table_is_a_focusable_named_region_and_axe_clean(
    page, live_server, demo_site, axe
):
    centre = CentreFactory(name="MGOPS Wyśmierzyce")
    DuesFactory(centre=centre, year=2025, paid_on="2025-03-10")
    representative(
        centre,
        email="kierownik.osrodka.pomocy.spolecznej@wysmierzyce.example.test",
        first_name="Grażyna",
        last_name="Konstantynopolitańczykowska",
    )
    centre_staff(centre, email="pracownik.dzialu.swiadczen@wysmierzyce.example.test")

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/konto/login/")
    page.locator("#id_login").fill(
        "kierownik.osrodka.pomocy.spolecznej@wysmierzyce.example.test"
    )
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    expect(page).to_have_url(live_server.url + "/moj-osrodek/")

    region = page.get_by_role("region", name="Osoby z ośrodka")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "not wide"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(  # scrolled by keyboard (smoothly)
        "el => el.scrollLeft > 0", arg=region.element_handle(), timeout=3000
    )
    expect(
        page.get_by_role("region", name="Składki członkowskie według lat")
    ).to_have_count(1)
    axe(page)
