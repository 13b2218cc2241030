"""Nonsensical conference settings are refused beside their fields, in Polish, in
the editor and on every other path (`ConferencePage.clean`, constraints)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conferences.models import ConferencePage
from tests.conferences.editor import post_editor, session_row
from tests.factories.conferences import add_workshop

pytestmark = pytest.mark.django_db

NO_PLACES = "Konferencja musi mieć co najmniej jedno miejsce."
WORKSHOP_NO_PLACES = (
    "Warsztat musi mieć co najmniej jedno miejsce; zostaw pole puste, jeśli "
    "liczba miejsc nie jest ograniczona."
)
NEGATIVE_FEE = "Opłata nie może być ujemna."
CLOSES_AFTER_END = "Rejestracja nie może się zamknąć po zakończeniu konferencji."
OPENS_AFTER_END = "Rejestracja nie może się otworzyć po zakończeniu konferencji."
DEADLINE_AFTER_START = (
    "Ośrodki nie mogą anulować zgłoszeń po rozpoczęciu konferencji: ustaw termin "
    "przed jej pierwszym dniem."
)
END_BEFORE_START = "Ostatni dzień nie może być wcześniejszy niż pierwszy."


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _cases(conference):
    after_end = _midnight(conference.end_date) + datetime.timedelta(days=1, hours=1)
    return {
        "zero places": ({"capacity": 0}, "capacity", NO_PLACES),
        "negative places": ({"capacity": -5}, "capacity", NO_PLACES),
        "negative member fee": ({"member_fee": "-1.00"}, "member_fee", NEGATIVE_FEE),
        "negative other fee": (
            {"non_member_fee": "-0.01"},
            "non_member_fee",
            NEGATIVE_FEE,
        ),
        "closes after the end": (
            {"registration_closes_at": after_end},
            "registration_closes_at",
            CLOSES_AFTER_END,
        ),
        "opens after the end": (
            {
                "registration_opens_at": after_end,
                "registration_closes_at": after_end + datetime.timedelta(days=1),
            },
            "registration_opens_at",
            OPENS_AFTER_END,
        ),
        "deadline after the start": (
            {
                "cancellation_deadline": _midnight(conference.start_date)
                + datetime.timedelta(hours=9)
            },
            "cancellation_deadline",
            DEADLINE_AFTER_START,
        ),
        "end before start": (
            {"end_date": conference.start_date - datetime.timedelta(days=1)},
            "end_date",
            END_BEFORE_START,
        ),
    }


CASES = [
    "zero places",
    "negative places",
    "negative member fee",
    "negative other fee",
    "closes after the end",
    "opens after the end",
    "deadline after the start",
    "end before start",
]


@pytest.mark.parametrize("case", CASES)
def test_the_editor_refuses_a_nonsensical_setting_beside_its_field(
    client, editor, conference, case
):
    changes, field, message = _cases(conference)[case]
    before = ConferencePage.objects.get(pk=conference.pk)
    response = post_editor(client, conference, **changes)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in errors[field], errors
    after = ConferencePage.objects.get(pk=conference.pk)
    assert after.latest_revision_id == before.latest_revision_id
    for name in changes:
        assert getattr(after, name) == getattr(before, name)


@pytest.mark.parametrize("case", CASES)
def test_code_and_revisions_refuse_the_same_settings(conference, case):
    changes, field, message = _cases(conference)[case]
    page = ConferencePage.objects.get(pk=conference.pk)
    for name, value in changes.items():
        if isinstance(value, str):
            from decimal import Decimal

            value = Decimal(value)
        setattr(page, name, value)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert message in refused.value.message_dict[field]


def test_a_workshop_with_no_places_is_refused_beside_its_field(
    client, editor, conference
):
    workshop = add_workshop(conference, capacity=5)
    for value in (0, -3):
        response = post_editor(
            client, conference, sessions=[session_row(workshop, capacity=value)]
        )
        assert response.status_code == 200
        row = response.context["form"].formsets["sessions"].forms[0]
        assert row.errors["capacity"] == [WORKSHOP_NO_PLACES]
    workshop.refresh_from_db()
    assert workshop.capacity == 5


def test_sensible_edges_are_accepted(client, editor, conference):
    """Closing at the end of the last day, a deadline the evening before, one
    place, free of charge, and the other centres paying less than members (the
    spec sets no order between the two fees) are all fine."""
    response = post_editor(
        client,
        conference,
        capacity=1,
        member_fee="200.00",
        non_member_fee="0.00",
        registration_closes_at=_midnight(conference.end_date)
        + datetime.timedelta(days=1),
        cancellation_deadline=_midnight(conference.start_date)
        - datetime.timedelta(hours=4),
    )
    assert response.status_code == 302, response.context["form"].errors
    conference.refresh_from_db()
    assert conference.capacity == 1
    assert conference.non_member_fee < conference.member_fee
