"""A refused registration re-renders the form with everything typed and a Polish
explanation: registration closed meanwhile, the centre's limit reached in another
tab, the last places taken."""

import datetime

import pytest
from django.utils import timezone

from conferences.models import ConferencePage, Registration
from conferences.services.registration import register_participants
from tests.conferences.test_views import management, register_url, row
from tests.factories.conferences import make_conference, participant

pytestmark = pytest.mark.django_db

TYPED = "Proszę o salę na parterze – porusza się o kulach"


def _form(n=0):
    return row(n, remarks=TYPED, position="kierownik działu świadczeń")


def test_a_form_sent_after_registration_closed_keeps_what_was_typed(
    client, conference, rep
):
    client.force_login(rep)
    assert client.get(register_url(conference)).status_code == 200
    ConferencePage.objects.filter(pk=conference.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(register_url(conference), {**management(1), **_form()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rejestracja na tę konferencję jest już zamknięta" in html
    assert "Żółkiewska 0" in html
    assert "grazyna0@example.test" in html
    assert TYPED in html
    assert "kierownik działu świadczeń" in html
    assert "Zgłoś uczestników" not in html  # nothing to send any more
    assert not Registration.objects.exists()


def test_a_centre_limit_reached_in_another_tab_keeps_what_was_typed(
    client, home_page, centre, rep
):
    conference = make_conference(per_centre_limit=1)
    client.force_login(rep)
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(9)]
    )  # the other tab
    response = client.post(register_url(conference), {**management(1), **_form()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ośrodek może zgłosić najwyżej 1 uczestnika" in html
    assert TYPED in html and "Żółkiewska 0" in html
    assert "Zgłoś uczestników" in html  # may still change and send
    assert Registration.objects.count() == 1
