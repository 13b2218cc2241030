"""A fee is owed only for a confirmed place: message, "Mój ośrodek", e-mails, the
live price; promotion makes it owed and says so."""

import pytest
from django.core import mail

from conferences.choices import RegistrationStatus
from conferences.models import Registration
from conferences.services.registration import register_participants
from conferences.services.staff import approve_registration
from conferences.services.waitlist import cancel_registration
from conferences.views import live_price
from tests.conferences.test_views import management, register_url, row
from tests.factories.conferences import make_conference, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_place(home_page):
    """One place left of one; the member fee is 300 zł."""
    return make_conference(capacity=1)


def test_the_success_message_charges_only_the_confirmed_place(client, one_place, rep):
    client.force_login(rep)
    data = {**management(3), **row(0), **row(1), **row(2)}
    response = client.post(register_url(one_place), data, follow=True)
    html = response.content.decode()
    assert "Potwierdzone miejsca: 1" in html and "lista oczekujących: 2" in html
    assert "Do zapłaty teraz: 300,00 zł." in html
    assert "będą kosztować 600,00 zł, płatne dopiero po ich potwierdzeniu" in html
    assert "900,00" not in html


def test_the_centre_page_shows_no_fee_for_a_waiting_participant(
    client, one_place, centre, rep
):
    register_participants(
        conference=one_place,
        centre=centre,
        user=rep,
        participants=[participant(1), participant(2)],
    )
    client.force_login(rep)
    html = client.get("/moj-osrodek/konferencje/").content.decode()
    assert "Do zapłaty (zł)" in html
    assert "300,00 po potwierdzeniu miejsca" in html
    assert "<td>0,00<br>" in html  # the waiting row owes nothing, written as money
    totals = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert "300,00" in totals
    assert "jeszcze 300,00 po potwierdzeniu" in totals


def test_the_confirmation_email_charges_only_the_confirmed_place(
    one_place, centre, rep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_participants(
            conference=one_place,
            centre=centre,
            user=rep,
            participants=[participant(1), participant(2)],
        )
    (summary,) = [m for m in mail.outbox if m.to == [rep.email]]
    assert "Do zapłaty teraz: 300,00 zł." in summary.body
    assert "na razie bez opłaty (300,00 zł po potwierdzeniu miejsca)" in summary.body
    waiting = [m for m in mail.outbox if "uczestnik2@example.test" in m.to]
    assert waiting and "opłata 300,00" not in waiting[0].body


def test_promotion_makes_the_fee_owed_and_the_email_says_so(
    one_place, centre, rep, django_capture_on_commit_callbacks
):
    first, second = register_participants(
        conference=one_place,
        centre=centre,
        user=rep,
        participants=[participant(1), participant(2)],
    ).registrations
    assert second.fee_owed == 0 and second.fee_if_confirmed == 300
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(first, rep)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert second.fee_owed == 300
    (promoted,) = [
        m
        for m in mail.outbox
        if "uczestnik2@example.test" in m.to and "Zwolniło się" in m.subject
    ]
    assert "należy teraz wnieść opłatę 300,00 zł" in promoted.body


def test_a_non_member_owes_nothing_until_the_office_approves(
    home_page, staff_user, django_capture_on_commit_callbacks
):
    from members.choices import CentreStatus

    conference = make_conference(capacity=5, allow_non_members=True)
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    (pending,) = register_participants(
        conference=conference,
        centre=applicant,
        user=representative(applicant),
        participants=[participant(1)],
    ).registrations
    assert pending.status == RegistrationStatus.PENDING
    assert pending.fee_owed == 0 and pending.fee_if_confirmed == 450
    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(pending, staff_user)
    pending = Registration.objects.get(pk=pending.pk)
    assert pending.fee_owed == 450
    approved = [m for m in mail.outbox if "uczestnik1@example.test" in m.to][-1]
    assert "należy teraz wnieść opłatę 450,00 zł" in approved.body


def test_the_live_price_counts_only_rows_that_find_a_place(client, one_place, rep):
    client.force_login(rep)
    data = {**management(1), **row(0), "add_participant": "1"}
    html = client.post(register_url(one_place), data).content.decode()
    assert "uczestników: <span data-price-rows>2</span>" in html
    assert "Do zapłaty teraz: <strong data-price-owed>300,00</strong> zł" in html
    assert "Na listę oczekujących trafi z nich: <span data-price-later-rows>1" in html
    assert 'data-free="1"' in html and 'data-member="1"' in html


def test_live_price_sums():
    assert live_price(300, 3, 1, True) == {
        "fee": 300, "rows": 3, "owed_rows": 1, "owed": 300,
        "later_rows": 2, "later": 600,
    }  # fmt: skip
    assert live_price(450, 2, 5, False)["owed"] == 0
    assert live_price(450, 2, 5, False)["later"] == 900
    assert live_price(300, 2, None, True)["owed"] == 600


def test_a_capacity_raise_in_the_editor_makes_the_promoted_fee_owed(
    client, one_place, centre, rep, settings
):
    from django.contrib.auth import get_user_model

    from tests.conferences.editor import post_editor

    settings.RAZEM_STAFF_MFA_REQUIRED = False
    _first, second = register_participants(
        conference=one_place,
        centre=centre,
        user=rep,
        participants=[participant(1), participant(2)],
    ).registrations
    assert second.fee_owed == 0
    client.force_login(
        get_user_model().objects.create_superuser("e@razem.test", "x-Haslo-2026")
    )
    assert post_editor(client, one_place, capacity=2).status_code == 302
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert second.fee_owed == 300
