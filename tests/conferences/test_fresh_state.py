"""Cached anonymous pages show a conference's true registration state.

The page cache keeps a copy for up to ten minutes; a conference page and the home
page's conference panel keep it no longer than the next change of the registration
state by the clock (opening, closing), so nobody is offered a registration that has
closed, or told it is not open yet once it is.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories.conferences import make_conference

pytestmark = pytest.mark.django_db


def test_a_cached_conference_page_shows_registration_closed_at_closing(home_page):
    closes = timezone.now() + datetime.timedelta(seconds=90)
    conference = make_conference(registration_closes_at=closes)
    from django.test import Client

    client = Client()
    assert "Rejestracja otwarta" in client.get(conference.url).content.decode()
    assert client.get(conference.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(closes + datetime.timedelta(seconds=5), tick=False):
        after = client.get(conference.url)
    assert after.get("X-Page-Cache") != "hit"
    assert "Rejestracja zamknięta" in after.content.decode()


def test_the_cached_home_page_shows_registration_open_once_it_opens(home_page):
    opens = timezone.now() + datetime.timedelta(seconds=90)
    make_conference(
        open_now=False,
        registration_opens_at=opens,
        registration_closes_at=opens + datetime.timedelta(days=10),
    )
    from django.test import Client

    client = Client()
    assert "Rejestracja jeszcze nieotwarta" in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(opens + datetime.timedelta(seconds=5), tick=False):
        after = client.get("/")
    assert after.get("X-Page-Cache") != "hit"
    assert "Rejestracja otwarta" in after.content.decode()
