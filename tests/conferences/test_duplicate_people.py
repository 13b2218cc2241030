"""A person already registered: said plainly within the centre's own registrations,
neutrally (naming no centre, confirming nothing) when another centre registered them;
everything typed is kept."""

import pytest

from conferences.exceptions import ParticipantsTaken
from conferences.models import Registration
from conferences.services.registration import register_participants
from tests.conferences.test_views import management, register_url, row
from tests.factories.conferences import participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db

OTHER_CENTRE = "Gminny Ośrodek Pomocy Społecznej w Łękawicy"
TYPED = "Proszę o miejsce blisko wyjścia"


@pytest.fixture
def other_rep(db):
    return representative(CentreFactory(name=OTHER_CENTRE))


def test_a_person_of_another_centre_is_refused_without_naming_it(
    client, conference, rep, other_rep
):
    register_participants(
        conference=conference,
        centre=other_rep.membership.centre,
        user=other_rep,
        participants=[participant(7, email="grazyna1@example.test")],
    )
    client.force_login(rep)
    data = {**management(2), **row(0, remarks=TYPED), **row(1)}
    response = client.post(register_url(conference), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tej osoby nie można zgłosić; jeśli to pomyłka, skontaktuj się z biurem" in (
        html
    )
    assert OTHER_CENTRE not in html
    assert "Łękawic" not in html
    assert "już zgłoszon" not in html  # never confirms the person attends
    assert "Gęślą-Jaźń 7" not in html  # nor names the other centre's participant
    # The message stands beside the row's e-mail; the rest of the input is kept.
    assert 'id="id_form-1-email_error"' in html
    assert TYPED in html and "Żółkiewska 0" in html and "Żółkiewska 1" in html
    assert "grazyna1@example.test" in html  # what was typed, shown back
    assert Registration.objects.count() == 1


def test_a_person_of_ones_own_centre_is_said_to_be_registered_already(
    client, conference, centre, rep
):
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(7, email="grazyna0@example.test")],
    )
    client.force_login(rep)
    response = client.post(
        register_url(conference), {**management(1), **row(0, remarks=TYPED)}
    )
    html = response.content.decode()
    assert "Ta osoba jest już zgłoszona przez Twój ośrodek na tę konferencję" in html
    assert 'id="id_form-0-email_error"' in html
    assert TYPED in html
    assert Registration.objects.count() == 1


def test_the_service_refusal_names_no_centre_either(conference, centre, rep, other_rep):
    register_participants(
        conference=conference,
        centre=other_rep.membership.centre,
        user=other_rep,
        participants=[participant(1)],
    )
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(2)]
    )
    with pytest.raises(ParticipantsTaken) as refused:
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(1), participant(2), participant(3)],
        )
    message = str(refused.value.message)
    assert OTHER_CENTRE not in message
    assert set(refused.value.by_email) == {
        "uczestnik1@example.test",
        "uczestnik2@example.test",
    }
    assert Registration.objects.count() == 2


@pytest.mark.parametrize(
    "address",
    [
        "grazyna1@xn--exmple-4nf.test",  # ex<Cyrillic а>mple.test, as a browser sends it
        "grazyna1@ex\u0430mple.test",
        "gr\u0430zyna1@example.test",
    ],
)
def test_a_look_alike_of_another_centres_participant_is_refused_as_such(
    client, conference, rep, other_rep, address
):
    """Found in the final browser trial: a Cyrillic letter in the domain (sent by
    the browser in its "xn--" form) registered another centre's participant again."""
    register_participants(
        conference=conference,
        centre=other_rep.membership.centre,
        user=other_rep,
        participants=[participant(7, email="grazyna1@example.test")],
    )
    client.force_login(rep)
    data = {**management(2), **row(0, remarks=TYPED), **row(1, email=address)}
    response = client.post(register_url(conference), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_form-1-email_error"' in html
    assert "tylko wygląda na zwykły" in html or "Domena po „@”" in html
    assert TYPED in html
    assert Registration.objects.count() == 1


def test_the_service_and_the_model_refuse_a_look_alike_address_too(
    conference, rep, other_rep
):
    """Every path: the service (any caller, not only the form) and the model (the
    registrations viewset's edit) refuse a look-alike; stored rows are not re-judged."""
    from django.core.exceptions import ValidationError

    centre = rep.membership.centre
    with pytest.raises(ParticipantsTaken) as refused:
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(1, email="grazyna1@ex\u0430mple.test")],
        )
    assert "Domena po „@”" in refused.value.by_email["grazyna1@ex\u0430mple.test"]
    assert Registration.objects.count() == 0
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1, email="grazyna1@example.test")],
    )
    row = Registration.objects.get()
    row.full_clean()  # unchanged address: fine
    row.email = "grazyna1@xn--exmple-4nf.test"
    with pytest.raises(ValidationError) as invalid:
        row.full_clean()
    assert "email" in invalid.value.error_dict
