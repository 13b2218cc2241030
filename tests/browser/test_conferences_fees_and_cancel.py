"""In a real browser: the live price owes only the places left, and the office
cancels a confirmed participant with a reason (axe-core clean)."""

import pytest
from playwright.sync_api import expect

from conferences.choices import RegistrationStatus
from conferences.models import Registration
from conferences.services.registration import register_participants
from tests.factories.conferences import make_conference, participant
from tests.factories.members import TEST_PASSWORD, CentreFactory, representative


def _login(page, live_server, email, next_url):
    page.goto(f"{live_server.url}/konto/login/?next={next_url}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"**{next_url}")


@pytest.mark.django_db(transaction=True)
def test_the_live_price_counts_places_left(page, live_server, demo_site, axe):
    conference = make_conference(capacity=2)
    centre = CentreFactory()
    taken = representative(CentreFactory())
    register_participants(
        conference=conference,
        centre=taken.membership.centre,
        user=taken,
        participants=[participant(1)],
    )  # one place of two left
    user = representative(centre, email="rep@gops.test")
    url = f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    _login(page, live_server, user.email, url)
    owed = page.locator("[data-price-owed]")
    later = page.locator("[data-price-later]")
    expect(owed).to_have_text("300,00")
    expect(later).to_be_hidden()
    page.click("button[name=add_participant]")
    expect(page.locator("[data-participant]")).to_have_count(2)
    expect(page.locator("[data-price-rows]")).to_have_text("2")
    expect(owed).to_have_text("300,00")  # one place left: only one row owes now
    expect(later).to_be_visible()
    expect(page.locator("[data-price-later-rows]")).to_have_text("1")
    expect(page.locator("[data-price-later-total]")).to_have_text("300,00")
    axe(page)
    page.check("#id_form-1-DELETE")
    expect(later).to_be_hidden()
    expect(owed).to_have_text("300,00")


@pytest.mark.django_db(transaction=True)
def test_the_office_cancels_a_confirmed_participant_with_a_reason(
    page, live_server, demo_site, axe, settings
):
    from django.contrib.auth.models import Permission

    from tests.factories.members import UserFactory

    settings.RAZEM_STAFF_MFA_REQUIRED = False
    conference = make_conference(capacity=1)
    centre = CentreFactory()
    rep = representative(centre)
    first, second = register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1, last_name="Pierwsza"), participant(2)],
    ).registrations
    staff = UserFactory(email="biuro@razem.test", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_registration", "change_registration"]
        )
    )
    console = f"/admin/konferencje/{conference.pk}"
    _login(page, live_server, staff.email, console)
    page.click(f"a[href^='/admin/konferencje/zgloszenia/{first.pk}/anuluj']")
    page.wait_for_url(f"**/zgloszenia/{first.pk}/anuluj**")
    axe(page)
    page.click("main button[type=submit]")  # no reason yet
    expect(page.locator("main")).to_contain_text("Podaj powód anulowania.")
    stale = page.context.new_page()  # the same form open in a second tab
    stale.goto(page.url)
    page.fill("textarea[name=reason]", "Rezygnacja zgłoszona telefonicznie")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{console}")
    # (axe is not run here: Wagtail's own success banner fails colour contrast
    # while it fades in, which is Wagtail's styling, not this page's)
    expect(page.locator("body")).to_contain_text("zostało anulowane")
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=second.pk).status == (
        RegistrationStatus.CONFIRMED
    )
    stale.fill("textarea[name=reason]", "Drugi raz")
    stale.click("main button[type=submit]")
    stale.wait_for_url(f"**{console}")
    expect(stale.locator("body")).to_contain_text("zostało już anulowane")
    assert Registration.objects.get(pk=second.pk).status == (
        RegistrationStatus.CONFIRMED
    )
