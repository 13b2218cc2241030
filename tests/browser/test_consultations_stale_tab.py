"""A member's stale tab in the browser: the opinion closes while a comment is being
typed; the refusal is a Polish page in the site's layout that keeps the text, and
the co-sign button from the same tab explains itself. Both pages are axe-clean."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.choices import OpinionState
from consultations.models import Comment, OpinionPage, Signature
from tests.factories.consultations import opinion_index, opinion_page
from tests.factories.members import TEST_PASSWORD, CentreFactory, representative

pytestmark = pytest.mark.browser

TYPED = "Nasz ośrodek dojeżdża do 40 podopiecznych, średnio 18 km w jedną stronę."


@pytest.mark.django_db(transaction=True)
def test_comment_and_signature_from_a_tab_whose_opinion_closed(
    page, live_server, demo_site, axe
):
    opinion = opinion_page(
        opinion_index(demo_site),
        title="Stanowisko w sprawie usług opiekuńczych",
        slug="uslugi-opiekuncze",
        state=OpinionState.OPEN,
    )
    user = representative(CentreFactory(), email="kierownik@gops.test")
    page.goto(live_server.url + "/konto/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url("**/moj-osrodek/**")

    # Two tabs on the open opinion; the deadline passes while they are open.
    page.goto(live_server.url + opinion.url)
    second = page.context.new_page()
    second.goto(live_server.url + opinion.url)
    page.fill("textarea[name=body]", TYPED)
    OpinionPage.objects.filter(pk=opinion.pk).update(
        signing_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    page.locator("form[action$='/komentarze/'] button[type=submit]").click()
    page.wait_for_load_state()
    expect(
        page.locator(".form-errors, .field__errors, [role=alert]").first
    ).to_contain_text("Dyskusja została zamknięta w trakcie pisania")
    expect(page.locator("textarea[name=body]")).to_have_value(TYPED)
    expect(page.locator("header").first).to_be_visible()  # the site's layout
    assert "Forbidden" not in page.content()
    axe(page)
    assert not Comment.objects.exists()

    second.locator(f"form[action='/opinie/{opinion.pk}/podpis/'] button").click()
    second.wait_for_url(f"**{opinion.url}#podpisy")
    expect(second.locator(".messages")).to_contain_text("Termin podpisywania minął")
    expect(second.locator(".opinion__kind")).to_contain_text("podpisywanie zamknięte")
    axe(second)
    assert not Signature.objects.exists()
