"""When the office moves the cancellation deadline earlier after a centre registered
people, "Mój ośrodek" (the panel and the registrations list) warns about the new
deadline; a deadline moved later, or a waiting entry, gives no warning."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from conferences.models import ConferencePage, Registration
from conferences.services.registration import register_participants
from conferences.services.waitlist import cancel_deadline, deadline_moved_earlier
from tests.conferences.editor import post_editor
from tests.factories.conferences import make_conference, participant

pytestmark = pytest.mark.django_db

WARNING = "Biuro przesunęło termin anulowania zgłoszeń na wcześniejszy"


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def editor(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("e@razem.test", "x-Haslo-2026")


def _register(conference, centre, rep, *people):
    return register_participants(
        conference=conference, centre=centre, user=rep, participants=list(people)
    ).registrations


def _pages(client):
    cache.clear()
    return (
        client.get("/moj-osrodek/").content.decode(),
        client.get("/moj-osrodek/konferencje/").content.decode(),
    )


def test_the_deadline_at_registration_is_kept(conference, centre, rep):
    (registration,) = _register(conference, centre, rep, participant(1))
    assert registration.cancel_until_when_registered == cancel_deadline(conference)
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.cancel_until_when_registered == conference.cancel_until


def test_a_deadline_moved_earlier_in_the_editor_is_warned_about(
    client, home_page, centre, rep, editor
):
    later = timezone.now() + datetime.timedelta(days=20)
    conference = make_conference(cancellation_deadline=later)
    _register(conference, centre, rep, participant(1))
    client.force_login(rep)
    panel, listing = _pages(client)
    assert "termin anulowania" not in panel.lower()
    assert WARNING not in listing

    client.force_login(editor)
    sooner = timezone.localtime(timezone.now() + datetime.timedelta(days=3))
    sooner = sooner.replace(second=0, microsecond=0)
    assert (
        post_editor(client, conference, cancellation_deadline=sooner).status_code == 302
    )
    assert ConferencePage.objects.get(pk=conference.pk).cancellation_deadline == sooner

    client.force_login(rep)
    panel, listing = _pages(client)
    date = f"{sooner:%-d}"
    assert "przesunęło termin anulowania zgłoszeń na wcześniejszy" in panel
    assert WARNING in listing
    assert sooner.strftime("%H:%M") in listing and date in listing
    assert "termin anulowania w chwili zgłoszenia" in listing  # the old one, per row
    assert "Ten termin minął" not in listing


def test_a_passed_moved_deadline_says_to_contact_the_office(
    client, home_page, centre, rep
):
    conference = make_conference(
        cancellation_deadline=timezone.now() + datetime.timedelta(days=20)
    )
    _register(conference, centre, rep, participant(1))
    ConferencePage.objects.filter(pk=conference.pk).update(
        cancellation_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(rep)
    panel, listing = _pages(client)
    assert "Ten termin minął" in panel and "Ten termin minął" in listing


def test_no_warning_for_a_later_deadline_or_a_waiting_entry(home_page, centre, rep):
    conference = make_conference(
        capacity=1, cancellation_deadline=timezone.now() + datetime.timedelta(days=5)
    )
    placed, waiting = _register(conference, centre, rep, participant(1), participant(2))
    ConferencePage.objects.filter(pk=conference.pk).update(
        cancellation_deadline=timezone.now() + datetime.timedelta(days=9)
    )
    fresh = ConferencePage.objects.get(pk=conference.pk)
    assert deadline_moved_earlier(placed, fresh) is None
    ConferencePage.objects.filter(pk=conference.pk).update(
        cancellation_deadline=timezone.now() + datetime.timedelta(days=1)
    )
    fresh = ConferencePage.objects.get(pk=conference.pk)
    assert deadline_moved_earlier(placed, fresh) == fresh.cancellation_deadline
    assert deadline_moved_earlier(waiting, fresh) is None  # withdrawable any time
