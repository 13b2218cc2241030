"""A full workshop says so: on the public conference page (also the cached copy,
once a registration fills it) and in the registration form's choice."""

import pytest

from conferences.services.registration import register_participants
from tests.factories.conferences import add_workshop, participant

pytestmark = pytest.mark.django_db

FULL = "brak miejsc — lista oczekujących"


@pytest.fixture
def workshops(conference):
    full = add_workshop(conference, title="Warsztat pełny", capacity=1)
    free = add_workshop(
        conference,
        title="Warsztat z miejscami",
        capacity=5,
        room="Sala B",
    )
    return full, free


def _register(conference, centre, rep, workshop, n=1):
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(n, workshop_ids=[workshop.pk])],
    )


def _item(html: str, title: str) -> str:
    start = html.index(title)
    return html[start : html.index("</tr>", start)]


def test_the_public_page_shows_a_full_workshop_as_full(
    client, conference, centre, rep, workshops, django_capture_on_commit_callbacks
):
    full, free = workshops
    before = client.get(conference.url).content.decode()
    assert FULL not in before
    assert client.get(conference.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        _register(conference, centre, rep, full)
    html = client.get(conference.url).content.decode()
    assert FULL in _item(html, "Warsztat pełny")
    assert FULL not in _item(html, "Warsztat z miejscami")


def test_the_registration_form_says_no_places_left_for_a_full_workshop(
    client, conference, centre, rep, workshops
):
    full, _free = workshops
    _register(conference, centre, rep, full)
    client.force_login(rep)
    html = client.get(
        f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    ).content.decode()
    label = html[html.index("Warsztat pełny") :]
    assert label[: label.index("</label>")].endswith(FULL)
    other = html[html.index("Warsztat z miejscami") :]
    assert FULL not in other[: other.index("</label>")]


def test_the_success_message_counts_the_workshop_waiting_list(
    client, conference, centre, rep, workshops
):
    """Found in the final browser trial: a participant put on a full workshop's
    waiting list was summed up as "lista oczekujących: 0"."""
    from tests.conferences.test_views import management, register_url, row

    full, _free = workshops
    _register(conference, centre, rep, full)
    client.force_login(rep)
    data = {**management(1), **row(0, workshops=[str(full.pk)])}
    response = client.post(register_url(conference), data, follow=True)
    html = " ".join(response.content.decode().split())
    assert "lista oczekujących: 0" in html  # the conference's own list
    assert "1 wybór warsztatu jest na liście oczekujących na warsztat." in html
