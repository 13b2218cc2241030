"""The RODO export holds the registrations a person submitted and those in which
they take part (by e-mail, case-insensitively), with their workshop choices."""

import json

import pytest

from conferences.services.registration import register_participants
from razem.privacy import collect_personal_data, personal_data_sources
from tests.factories.conferences import add_workshop, participant

pytestmark = pytest.mark.django_db


def _export(user):
    data = collect_personal_data(user)
    json.dumps(data)  # JSON-ready
    return data["conference_registrations"]


def test_the_registrant_gets_what_they_submitted_without_others_needs(
    conference, centre, rep
):
    workshop = add_workshop(conference, title="Warsztat: budżet zadaniowy")
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[
            participant(
                1,
                workshop_ids=[workshop.pk],
                remarks="faktura na ośrodek",
                special_needs="dieta bezglutenowa",
                special_needs_consent=True,
            )
        ],
    )
    (row,) = _export(rep)
    assert row["roles"] == ["registered_by"]
    assert row["conference"] == conference.title
    assert row["email"] == "uczestnik1@example.test"
    assert row["status"] == "confirmed" and row["status_label"] == "potwierdzone"
    assert row["remarks"] == "faktura na ośrodek"
    assert "special_needs" not in row  # another person's health data
    assert row["workshops"][0]["workshop"] == "Warsztat: budżet zadaniowy"
    assert row["workshops"][0]["status_label"] == "miejsce potwierdzone"


def test_the_participant_gets_their_registration_matched_by_email_case_insensitively(
    conference, centre, rep, make_user
):
    person = make_user("Ewa.Nowak@Example.test")
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[
            participant(
                2,
                email="ewa.nowak@example.test",
                special_needs="wózek",
                special_needs_consent=True,
            )
        ],
    )
    (row,) = _export(person)
    assert row["roles"] == ["participant"]
    assert row["special_needs"] == "wózek"
    assert row["created_at"]


def test_someone_else_gets_nothing(conference, centre, rep, make_user):
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(3)]
    )
    assert _export(make_user("inna@example.test")) == []


def test_every_conferences_model_with_personal_data_is_declared():
    declared = {s.model for s in personal_data_sources()}
    assert {
        "conferences.Registration",
        "conferences.WorkshopChoice",
        "conferences.Speaker",
    } <= declared
