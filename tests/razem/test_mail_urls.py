"""Links in e-mails and calendar files use the configured base URL, not the Wagtail
site's hostname (which is "localhost" in the demo and not where people reach it)."""

import pytest

from conferences.services.calendar import conference_ics
from conferences.services.notifications import conference_context
from razem.mail import absolute_url, page_absolute_url
from tests.factories.conferences import make_conference

pytestmark = pytest.mark.django_db


def test_absolute_url_takes_the_configured_base(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://razem.example.org/"
    assert absolute_url("/moj-osrodek/") == "https://razem.example.org/moj-osrodek/"
    assert absolute_url("/x/", "http://127.0.0.1:8000") == "http://127.0.0.1:8000/x/"


def test_conference_links_in_mail_and_calendar(home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://razem.example.org"
    conference = make_conference()
    expected = f"https://razem.example.org{conference.url}"
    assert page_absolute_url(conference) == expected
    assert conference_context(conference)["url"] == expected
    assert expected in conference_ics(conference).decode().replace("\r\n ", "")
