"""The registration form's blank row and the "Mój ośrodek" panel are kept in the
cache under the generation: places left and the centre's registrations are true on
the very next request, also after staff correct a participant in the admin."""

import pytest

from conferences.models import Registration
from conferences.services.registration import register_participants
from tests.factories.conferences import add_workshop, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _admin_without_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


def blank_row(client, conference) -> str:
    html = client.get(f"/moj-osrodek/konferencje/{conference.pk}/zapisz/").content
    return (
        html.decode().split('id="participant-template"', 1)[1].split("</template>")[0]
    )


def test_the_blank_row_shows_the_places_left_after_a_registration(
    client, conference, rep, django_capture_on_commit_callbacks
):
    workshop = add_workshop(conference, capacity=2, title="Warsztat: superwizja")
    client.force_login(rep)
    assert "zostały 2 miejsca" in blank_row(client, conference)
    other = CentreFactory(name="Ośrodek Pomocy Społecznej w Drzewicy")
    with django_capture_on_commit_callbacks(execute=True):
        register_participants(
            conference=conference,
            centre=other,
            user=representative(other, email="kierownik@drzewica.test"),
            participants=[participant(1, workshop_ids=[workshop.pk])],
        )
    assert "zostało 1 miejsce" in blank_row(client, conference)


def test_the_blank_row_is_rendered_once_per_generation(client, conference, rep):
    from django.core.cache import cache

    add_workshop(conference)
    client.force_login(rep)
    first = blank_row(client, conference)
    fragments = [k for k in cache._cache if "participant_template" in k]
    assert len(fragments) == 1
    assert blank_row(client, conference) == first
    assert "__number__" in first and "form-__prefix__-first_name" in first


def centre_panel(client) -> str:
    html = client.get("/moj-osrodek/").content.decode()
    return html.split('id="centre-conferences-title"', 1)[1].split("</section>")[0]


def register_one(conference, centre, rep):
    """Participant no. 7 of the centre, through the service."""
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(7)]
    )


def test_the_centre_panel_lists_a_new_registration_at_once(
    client, conference, centre, rep, django_capture_on_commit_callbacks
):
    client.force_login(rep)
    assert "Gęślą-Jaźń 7" not in centre_panel(client)
    with django_capture_on_commit_callbacks(execute=True):
        register_one(conference, centre, rep)
    assert "Gęślą-Jaźń 7" in centre_panel(client)


def test_a_correction_in_the_admin_shows_in_the_centre_panel(
    client, conference, centre, rep, staff_user, django_capture_on_commit_callbacks
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        register_one(conference, centre, rep)
    client.force_login(rep)
    assert "Gęślą-Jaźń 7" in centre_panel(client)
    registration = Registration.objects.get()
    office = Client()
    office.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            f"/admin/registrations/edit/{registration.pk}/",
            {
                "first_name": "Zażółć",
                "last_name": "Poprawione-Nazwisko",
                "email": registration.email,
                "position": registration.position,
                "accommodation_nights": "0",
                "remarks": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    panel = centre_panel(client)
    assert "Poprawione-Nazwisko" in panel
    assert "Gęślą-Jaźń 7" not in panel


def test_one_centres_cached_panel_is_never_another_centres(
    client, conference, centre, rep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_one(conference, centre, rep)
    client.force_login(rep)
    assert "Gęślą-Jaźń 7" in centre_panel(client)
    other = representative(
        CentreFactory(name="Gminny Ośrodek Pomocy Społecznej w Kłodawie"),
        email="kierownik@klodawa.test",
    )
    client.force_login(other)  # same generation: the first centre's entry is cached
    assert "Gęślą-Jaźń 7" not in centre_panel(client)
