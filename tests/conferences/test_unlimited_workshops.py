"""A workshop without a capacity: a draft saves with a warning; publishing needs a
capacity or the ticked "Warsztat bez limitu miejsc — potwierdzam", on every path
(the editor's publish, a revision published later or on schedule, code)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from conferences.models import ConferencePage, Session
from tests.conferences.editor import new_session_row, post_editor, session_row
from tests.factories.conferences import add_workshop

pytestmark = pytest.mark.django_db

LABEL = "Warsztat bez limitu miejsc — potwierdzam"
REFUSAL = (
    "Ustaw liczbę miejsc albo zaznacz „Warsztat bez limitu miejsc — potwierdzam”, "
    "aby opublikować go bez limitu."
)


def _row(conference, **fields):
    """A workshop without places added in the editor."""
    workshop = {
        "kind": "workshop",
        "start_time": "14:00",
        "end_time": "15:30",
        "room": "Sala B",
        "title": "Bez limitu",
    }
    return new_session_row(conference, **{**workshop, **fields})


def test_the_editor_shows_the_confirmation_in_polish(client, editor, conference):
    add_workshop(conference)
    html = client.get(f"/admin/pages/{conference.pk}/edit/").content.decode()
    assert LABEL in html


def test_publishing_an_unconfirmed_unlimited_workshop_is_refused_beside_its_capacity(
    client, editor, conference
):
    before = ConferencePage.objects.get(pk=conference.pk).latest_revision_id
    response = post_editor(client, conference, sessions=[_row(conference)])
    assert response.status_code == 200
    row = response.context["form"].formsets["sessions"].forms[0]
    assert row.errors["capacity"] == [REFUSAL]
    assert not Session.objects.filter(page=conference).exists()
    assert ConferencePage.objects.get(pk=conference.pk).latest_revision_id == before


def test_a_draft_with_it_is_saved_with_the_warning(client, editor, conference):
    response = post_editor(
        client, conference, publish=False, sessions=[_row(conference)]
    )
    assert response.status_code == 302
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("nie ma limitu miejsc" in m for m in messages)
    assert not Session.objects.filter(page=conference).exists()  # not live yet


def test_ticking_the_confirmation_or_setting_places_publishes(
    client, editor, conference
):
    response = post_editor(
        client,
        conference,
        sessions=[
            _row(conference, unlimited_confirmed="on"),
            _row(conference, title="Z limitem", room="Sala C", capacity=12),
        ],
    )
    assert response.status_code == 302, response.context["form"].errors
    unlimited, limited = Session.objects.filter(page=conference).order_by("pk")
    assert unlimited.capacity is None and unlimited.unlimited_confirmed
    assert limited.capacity == 12
    # Confirmed: no warning any more on the programme tab.
    html = client.get(f"/admin/pages/{conference.pk}/edit/").content.decode()
    assert "nie ma limitu miejsc" not in html


def test_a_revision_published_later_needs_the_confirmation(conference):
    workshop = add_workshop(conference, capacity=5)
    page = ConferencePage.objects.get(pk=conference.pk)
    revision = page.save_revision()  # a draft: fine
    revision.content["sessions"][0]["capacity"] = None
    revision.save()
    with pytest.raises(ValidationError) as refused:
        revision.publish()
    assert "Warsztat bez limitu miejsc — potwierdzam" in str(refused.value)
    workshop.refresh_from_db()
    assert workshop.capacity == 5
    revision.content["sessions"][0]["unlimited_confirmed"] = True
    revision.save()
    revision.publish()
    workshop.refresh_from_db()
    assert workshop.capacity is None


def test_a_scheduled_publish_needs_the_confirmation(conference):
    workshop = add_workshop(conference, capacity=5)
    page = ConferencePage.objects.get(pk=conference.pk)
    revision = page.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    revision.content["sessions"][0]["capacity"] = None
    revision.save()
    with pytest.raises(ValidationError):
        call_command("publish_scheduled")
    workshop.refresh_from_db()
    assert workshop.capacity == 5


def test_a_code_save_of_the_live_page_needs_it_too(conference):
    workshop = add_workshop(conference, capacity=5)
    Session.objects.filter(pk=workshop.pk).update(capacity=None)
    page = ConferencePage.objects.get(pk=conference.pk)
    with pytest.raises(ValidationError):
        page.save()
    Session.objects.filter(pk=workshop.pk).update(unlimited_confirmed=True)
    ConferencePage.objects.get(pk=conference.pk).save()


def test_an_existing_row_keeps_its_confirmation_in_the_editor(
    client, editor, conference
):
    workshop = add_workshop(conference, capacity=None, unlimited_confirmed=True)
    response = post_editor(
        client,
        conference,
        sessions=[session_row(workshop, unlimited_confirmed="on")],
    )
    assert response.status_code == 302, response.context["form"].errors
