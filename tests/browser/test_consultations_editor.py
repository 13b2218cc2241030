"""In a real browser (Draftail's own round-trip of the body): a sent opinion saves
in the page editor, its letter fields read as formatted text; a body changed in a
tab opened before sending is refused visibly and nothing changes.

(axe is not run on these pages: they are Wagtail's own editor, whose styling this
app does not own; the site's pages are checked in the other browser tests.)"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations import services
from consultations.choices import OpinionState
from consultations.demo import LETTER_2024_BODY, MINISTRY_ADDRESS
from consultations.models import OpinionPage
from tests.factories.consultations import opinion_index, opinion_page
from tests.factories.members import (
    TEST_PASSWORD,
    CentreFactory,
    UserFactory,
    representative,
)

pytestmark = pytest.mark.browser


def _login(page, live_server, email, next_url):
    page.goto(f"{live_server.url}/konto/login/?next={next_url}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"**{next_url}")


def _open_opinion(demo_site):
    opinion = opinion_page(
        opinion_index(demo_site),
        title="Wniosek o rozszerzenie programu",
        slug="wniosek-dodatek",
        state=OpinionState.OPEN,
        body=LETTER_2024_BODY,
        addressee_address=MINISTRY_ADDRESS,
    )
    services.sign_opinion(opinion, representative(CentreFactory()))
    return OpinionPage.objects.get(pk=opinion.pk)


def _close_and_send(opinion, admin):
    services.close_signing(opinion, admin)
    services.mark_sent(
        OpinionPage.objects.get(pk=opinion.pk),
        admin,
        sent_on=timezone.localdate(),
        sent_via="epuap",
    )
    return OpinionPage.objects.get(pk=opinion.pk)


def _save_draft(page):
    page.locator("button.action-save").first.click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_a_sent_opinion_saves_in_the_editor_and_a_stale_tab_is_refused(
    page, live_server, demo_site, settings
):
    settings.RAZEM_STAFF_MFA_REQUIRED = False
    admin = UserFactory(email="admin@razem.test", is_staff=True, is_superuser=True)
    opinion = _open_opinion(demo_site)
    edit = f"/admin/pages/{opinion.pk}/edit/"
    _login(page, live_server, admin.email, edit)
    stale = page.context.new_page()  # a tab opened while the opinion is open
    stale.goto(live_server.url + edit)
    expect(stale.locator(".Draftail-Editor").first).to_be_visible()

    sent = _close_and_send(opinion, admin)
    page.reload()
    body = page.locator("[aria-labelledby$='-body-label'].w-field__textoutput")
    expect(body.locator("h2")).to_have_text("Wnioskujemy o:")
    expect(body).not_to_contain_text("<p>")
    address = page.locator(
        "[aria-labelledby$='-addressee_address-label'].w-field__textoutput"
    )
    expect(address.locator("br")).to_have_count(1)
    page.fill("textarea[name=summary]", "Streszczenie poprawione po wysłaniu.")
    _save_draft(page)
    expect(page.locator(".messages")).not_to_contain_text("nie została zapisana")
    after = OpinionPage.objects.get(pk=sent.pk)
    assert after.get_latest_revision().content["summary"].startswith("Streszczenie")
    assert after.changed_frozen_fields() == []

    # The stale tab still has an editable body: a change there is refused.
    stale.locator(".Draftail-Editor [contenteditable=true]").first.click()
    stale.keyboard.press("Control+End")
    stale.keyboard.type(" Dopisek z nieaktualnej karty.")
    # Draftail writes its hidden input a moment after the last keystroke.
    expect(stale.locator("input[name=body]")).to_have_value(
        re.compile("Dopisek z nieaktualnej karty")
    )
    _save_draft(stale)
    expect(stale.locator(".messages")).to_contain_text("Strona nie została zapisana")
    expect(stale.locator("main")).to_contain_text(
        "Podpisywanie zamknięto po otwarciu tej strony"
    )
    expect(stale.locator("main")).to_contain_text("Dopisek z nieaktualnej karty.")
    final = OpinionPage.objects.get(pk=sent.pk)
    assert final.body == sent.body
    assert "Dopisek" not in final.get_latest_revision().content["body"]
