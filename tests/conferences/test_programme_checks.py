"""Programme and page rules in the editor and on every other path: Polish messages
beside the fields, errors that stop a save, warnings that do not."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from conferences.models import ConferencePage, Session
from conferences.services.registration import register_participants
from tests.conferences.editor import (
    editor_data,
    new_session_row,
    post_editor,
    session_row,
)
from tests.factories.conferences import (
    add_session,
    add_workshop,
    participant,
)

pytestmark = pytest.mark.django_db


def test_registration_window_closing_before_opening_has_a_polish_message_beside_the_field(
    client, conference, editor
):
    opens = conference.registration_opens_at
    response = post_editor(
        client,
        conference,
        registration_closes_at=opens - datetime.timedelta(days=1),
        end_date=conference.start_date - datetime.timedelta(days=1),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["registration_closes_at"] == [
        "Rejestracja musi się zamknąć po jej otwarciu."
    ]
    assert errors["end_date"] == [
        "Ostatni dzień nie może być wcześniejszy niż pierwszy."
    ]
    html = response.content.decode()
    assert "Ograniczenie" not in html
    assert "conference_registration_window_order" not in html


def test_every_constraint_of_the_page_reports_in_polish_when_clean_is_skipped(
    conference,
):
    conference.registration_closes_at = conference.registration_opens_at
    with pytest.raises(ValidationError) as refused:
        conference.validate_constraints()
    assert refused.value.messages == ["Rejestracja musi się zamknąć po jej otwarciu."]


def test_a_session_outside_the_conference_days_is_refused_beside_its_date(
    client, conference, editor
):
    outside = conference.end_date + datetime.timedelta(days=5)
    response = post_editor(
        client,
        conference,
        sessions=[new_session_row(conference, date=outside.isoformat())],
    )
    assert response.status_code == 200
    row = response.context["form"].formsets["sessions"].forms[0]
    assert "konferencji" in str(row.errors["date"])
    assert not Session.objects.filter(page=conference).exists()


def test_moving_the_conference_days_away_from_its_programme_is_refused(
    client, conference, editor
):
    session = add_session(conference)
    later = conference.start_date + datetime.timedelta(days=10)
    response = post_editor(
        client,
        conference,
        start_date=later,
        end_date=later + datetime.timedelta(days=1),
        sessions=[session_row(session)],
    )
    assert response.status_code == 200
    row = response.context["form"].formsets["sessions"].forms[0]
    assert "Dzień musi przypadać w czasie konferencji" in str(row.errors["date"])
    assert ConferencePage.objects.get(pk=conference.pk).start_date == (
        conference.start_date
    )


def test_a_revision_with_a_session_outside_the_days_cannot_be_published(conference):
    add_session(conference)
    page = ConferencePage.objects.get(pk=conference.pk)
    revision = page.save_revision()
    content = revision.content
    content["start_date"] = (
        conference.start_date + datetime.timedelta(days=10)
    ).isoformat()
    content["end_date"] = (
        conference.end_date + datetime.timedelta(days=10)
    ).isoformat()
    revision.content = content
    revision.save()
    with pytest.raises(ValidationError) as refused:
        revision.publish()
    assert "Punkt programu „Wykład o deinstytucjonalizacji”" in str(refused.value)


def test_two_sessions_in_one_room_at_the_same_time_are_refused(
    client, conference, editor
):
    response = post_editor(
        client,
        conference,
        sessions=[
            new_session_row(conference, title="Pierwszy"),
            new_session_row(
                conference, title="Drugi", start_time="10:30", room=" sala a "
            ),
        ],
    )
    assert response.status_code == 200
    rows = response.context["form"].formsets["sessions"].forms
    assert "zajęta przez „Pierwszy”" in str(rows[1].errors["room"])
    assert not Session.objects.filter(page=conference).exists()


def test_parallel_sessions_in_different_rooms_and_breaks_are_allowed(
    client, conference, editor
):
    response = post_editor(
        client,
        conference,
        sessions=[
            new_session_row(conference, title="Pierwszy"),
            new_session_row(conference, title="Drugi", room="Sala B"),
            new_session_row(conference, title="Przerwa", kind="break"),
        ],
    )
    assert response.status_code == 302
    assert Session.objects.filter(page=conference).count() == 3


def test_a_workshop_without_capacity_is_a_warning_on_a_draft(
    client, conference, editor
):
    """A draft saves with the warning; publishing it needs the confirmation
    (tests/conferences/test_unlimited_workshops.py)."""
    response = post_editor(
        client,
        conference,
        publish=False,
        sessions=[new_session_row(conference, kind="workshop", title="Bez limitu")],
    )
    assert response.status_code == 302  # the draft is saved all the same
    draft = ConferencePage.objects.get(pk=conference.pk).get_latest_revision_as_object()
    assert draft.sessions.get().capacity is None
    followed = client.get(response["Location"])
    messages = [str(m) for m in followed.context["messages"]]
    assert any("nie ma limitu miejsc" in m for m in messages)
    editor_page = client.get(f"/admin/pages/{conference.pk}/edit/").content.decode()
    assert "Sprawdź przed publikacją" in editor_page
    assert "„Bez limitu”" in editor_page


def test_a_workshop_participants_chose_cannot_be_removed(
    client, conference, editor, centre, rep
):
    workshop = add_workshop(conference)
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1, workshop_ids=[workshop.pk])],
    )
    data = editor_data(conference, sessions=[session_row(workshop, DELETE="1")])
    response = client.post(f"/admin/pages/{conference.pk}/edit/", data)
    assert response.status_code == 200
    assert "nie można go usunąć" in response.content.decode()
    assert Session.objects.filter(pk=workshop.pk).exists()


def test_a_workshop_participants_chose_cannot_become_a_lecture(
    client, conference, editor, centre, rep
):
    workshop = add_workshop(conference)
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(1, workshop_ids=[workshop.pk])],
    )
    response = post_editor(
        client,
        conference,
        sessions=[session_row(workshop, kind="lecture", capacity="")],
    )
    assert response.status_code == 200
    row = response.context["form"].formsets["sessions"].forms[0]
    assert "Uczestnicy wybrali ten warsztat" in str(row.errors["kind"])
