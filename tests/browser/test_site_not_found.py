"""The 404 page's search box is the site's search (the same component as the
header's): the same look, a visible Polish label, its own landmark name, it finds
pages, and the page passes axe."""

import pytest
from playwright.sync_api import expect

STYLES = "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.color, s.borderRadius, s.paddingTop, s.paddingLeft, s.fontSize]; }"  # noqa: E501


@pytest.fixture
def site(demo_site):
    from io import StringIO

    from django.core.management import call_command

    from razem import demo

    demo.load(StringIO())
    call_command("rebuild_search", stdout=StringIO())
    return demo_site


@pytest.mark.django_db(transaction=True)
def test_the_404_search_is_the_sites_search_labelled_and_axe_clean(
    page, live_server, site, axe
):
    response = page.goto(live_server.url + "/nie-ma-takiej-strony/")
    assert response.status == 404
    header = page.locator("header form.site-search")
    content = page.locator("main form.site-search")
    expect(content).to_have_count(1)
    expect(
        page.get_by_role("search", name="Wyszukaj stronę, której szukasz")
    ).to_have_count(1)
    field = page.get_by_role("searchbox", name="Szukaj w serwisie").and_(
        page.locator("main input")
    )
    expect(field).to_be_visible()
    expect(page.locator("main label[for=notfound-q]")).to_be_visible()
    for part in ("input", "button"):
        assert header.locator(part).evaluate(STYLES) == content.locator(part).evaluate(
            STYLES
        ), part
    axe(page)

    field.fill("statut")
    field.press("Enter")
    expect(page).to_have_url(live_server.url + "/szukaj/?q=statut")
    expect(page.locator("main")).to_contain_text("Statut")
    axe(page)
