"""A participant never holds two workshops at the same time: refused in the
registration service, in the model and when the programme is moved under them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from conferences.choices import WorkshopChoiceStatus
from conferences.exceptions import RegistrationRefused
from conferences.models import ConferencePage, Registration, Session, WorkshopChoice
from conferences.services.registration import register_participants
from tests.conferences.editor import post_editor, session_row
from tests.factories.conferences import add_workshop, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshops(conference):
    """“Plan usług” 10:00–11:30 and “Asystent rodziny” 12:00–13:30, day one."""
    first = add_workshop(conference, title="Plan usług", capacity=5)
    second = add_workshop(
        conference,
        title="Asystent rodziny",
        start_time=datetime.time(12),
        end_time=datetime.time(13, 30),
        room="Sala B",
        capacity=5,
    )
    return first, second


def _register(conference, centre, rep, workshop_ids, n=1):
    return register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(n, workshop_ids=workshop_ids)],
    ).registrations[0]


def test_the_service_refuses_two_workshops_at_once_naming_both(
    conference, centre, rep, workshops
):
    first, second = workshops
    Session.objects.filter(pk=second.pk).update(start_time=datetime.time(11))
    with pytest.raises(RegistrationRefused) as refused:
        _register(conference, centre, rep, [first.pk, second.pk])
    message = str(refused.value.message)
    assert "odbywają się w tym samym czasie" in message
    assert "„Plan usług”" in message and "„Asystent rodziny”" in message
    assert not Registration.objects.exists()


def test_the_model_refuses_a_second_workshop_at_the_same_time(
    conference, centre, rep, workshops
):
    first, second = workshops
    registration = _register(conference, centre, rep, [first.pk])
    Session.objects.filter(pk=second.pk).update(start_time=datetime.time(11))
    second.refresh_from_db()
    choice = WorkshopChoice(
        registration=registration,
        session=second,
        status=WorkshopChoiceStatus.CONFIRMED,
        queued_at=registration.queued_at,
    )
    with pytest.raises(ValidationError) as refused:
        choice.full_clean()
    (message,) = refused.value.message_dict["session"]
    assert "„Plan usług” i „Asystent rodziny” odbywają się w tym samym" in message
    # A cancelled first choice no longer stands in the way.
    registration.workshop_choices.update(status=WorkshopChoiceStatus.CANCELLED)
    choice.full_clean()


def test_moving_a_workshop_onto_another_both_chosen_is_refused_beside_its_time(
    client, editor, conference, centre, rep, workshops
):
    first, second = workshops
    _register(conference, centre, rep, [first.pk, second.pk])
    response = post_editor(
        client,
        conference,
        sessions=[
            session_row(first),
            session_row(second, start_time="11:00", end_time="12:30"),
        ],
    )
    assert response.status_code == 200
    row = response.context["form"].formsets["sessions"].forms[1]
    (message,) = row.errors["start_time"]
    assert message == (
        "1 uczestnik wybrał zarówno ten warsztat, jak i „Plan usług”: nie mogą "
        "odbywać się w tym samym czasie. Najpierw anuluj jeden z wyborów."
    )
    second.refresh_from_db()
    assert second.start_time == datetime.time(12)


def test_a_revision_moving_chosen_workshops_together_cannot_be_published(
    conference, centre, rep, workshops
):
    first, second = workshops
    _register(conference, centre, rep, [first.pk, second.pk])
    page = ConferencePage.objects.get(pk=conference.pk)
    revision = page.save_revision()
    content = revision.content
    for row in content["sessions"]:
        if row["pk"] == second.pk:
            row["start_time"] = "11:00:00"
    revision.content = content
    revision.save()
    with pytest.raises(ValidationError) as refused:
        revision.publish()
    assert "„Plan usług”" in str(refused.value)
    second.refresh_from_db()
    assert second.start_time == datetime.time(12)


def test_moving_workshops_nobody_holds_together_is_allowed(
    client, editor, conference, centre, rep, workshops
):
    first, second = workshops
    _register(conference, centre, rep, [first.pk], n=1)
    _register(conference, centre, rep, [second.pk], n=2)
    response = post_editor(
        client,
        conference,
        sessions=[
            session_row(first),
            session_row(second, start_time="11:00", end_time="12:30"),
        ],
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.start_time == datetime.time(11)
