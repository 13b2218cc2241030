"""A change of capacity on any path promotes the waiting list in order, under the
registration lock; lowering it below the places held is refused beside the field."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from conferences.choices import RegistrationStatus, WorkshopChoiceStatus
from conferences.models import ConferencePage, Registration, Session, WorkshopChoice
from conferences.services.registration import register_participants
from tests.conferences.editor import post_editor, session_row
from tests.factories.conferences import add_workshop, make_conference, participant

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def editor(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        "redakcja@razem.test", "x-Haslo-2026"
    )


@pytest.fixture
def full(home_page, centre, rep):
    """Two places: Pierwsza and Druga hold them; Trzecia, then Czwarta wait."""
    conference = make_conference(capacity=2)
    for n, name in enumerate(["Pierwsza", "Druga", "Trzecia", "Czwarta"]):
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(n, last_name=name)],
        )
    mail.outbox.clear()
    return conference


def _statuses(conference) -> dict:
    return dict(
        Registration.objects.filter(conference=conference).values_list(
            "last_name", "status"
        )
    )


def test_publishing_a_higher_capacity_in_the_editor_promotes_in_order(
    client, full, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_editor(client, full, capacity=3)
    assert response.status_code == 302
    assert ConferencePage.objects.get(pk=full.pk).capacity == 3
    statuses = _statuses(full)
    assert statuses["Trzecia"] == CONFIRMED  # the first waiting
    assert statuses["Czwarta"] == WAITING
    promoted = [m for m in mail.outbox if "uczestnik2@example.test" in m.to]
    assert len(promoted) == 1
    assert "zwolniło się miejsce" in promoted[0].body.lower()


def test_after_a_raise_a_newcomer_does_not_pass_someone_waiting(
    client, full, editor, centre, rep
):
    client.force_login(editor)
    post_editor(client, full, capacity=3)
    result = register_participants(
        conference=ConferencePage.objects.get(pk=full.pk),
        centre=centre,
        user=rep,
        participants=[participant(9, last_name="Nowa")],
    )
    assert result.registrations[0].status == WAITING
    assert _statuses(full)["Czwarta"] == WAITING


def test_a_draft_with_a_higher_capacity_promotes_nobody(client, full, editor):
    client.force_login(editor)
    response = post_editor(client, full, capacity=5, publish=False)
    assert response.status_code == 302
    assert ConferencePage.objects.get(pk=full.pk).capacity == 2
    assert _statuses(full)["Trzecia"] == WAITING
    assert mail.outbox == []


def test_a_revision_published_later_promotes(full):
    page = ConferencePage.objects.get(pk=full.pk)
    page.capacity = 4
    revision = page.save_revision()
    assert _statuses(full)["Trzecia"] == WAITING  # a draft promotes nobody
    revision.publish()
    statuses = _statuses(full)
    assert statuses["Trzecia"] == CONFIRMED
    assert statuses["Czwarta"] == CONFIRMED


def test_a_scheduled_publish_promotes_when_it_goes_live(
    full, django_capture_on_commit_callbacks
):
    """The management command `publish_scheduled` publishes a revision whose time came."""
    page = ConferencePage.objects.get(pk=full.pk)
    page.capacity = 3
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    assert ConferencePage.objects.get(pk=full.pk).capacity == 3
    assert _statuses(full)["Trzecia"] == CONFIRMED
    assert any("uczestnik2@example.test" in m.to for m in mail.outbox)


def test_a_capacity_saved_by_code_promotes(full):
    """Management commands, the shell and the demo save the page the same way."""
    page = ConferencePage.objects.get(pk=full.pk)
    page.capacity = 3
    page.save()
    assert _statuses(full)["Trzecia"] == CONFIRMED


def test_lowering_below_the_places_held_is_refused_beside_the_field(
    client, full, editor
):
    client.force_login(editor)
    response = post_editor(client, full, capacity=1)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "2 uczestników ma już miejsce: liczba miejsc nie może być mniejsza niż 2"
        in (html)
    )
    form = response.context["form"]
    assert "capacity" in form.errors
    assert ConferencePage.objects.get(pk=full.pk).capacity == 2


def test_lowering_in_a_revision_published_later_is_refused(full):
    page = ConferencePage.objects.get(pk=full.pk)
    page.capacity = 1
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert "capacity" in refused.value.message_dict
    assert ConferencePage.objects.get(pk=full.pk).capacity == 2


def test_lowering_is_refused_in_clean_on_every_path(full):
    page = ConferencePage.objects.get(pk=full.pk)
    page.capacity = 1
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert refused.value.message_dict["capacity"]
    page.capacity = 2  # equal to the places held: allowed
    page.full_clean()


@pytest.fixture
def workshop_full(home_page, centre, rep):
    """A workshop with one place: Pierwsza has it, Druga waits for it."""
    conference = make_conference(capacity=10)
    workshop = add_workshop(conference, capacity=1, title="Warsztat z budżetu")
    for n, name in enumerate(["Pierwsza", "Druga"]):
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(n, last_name=name, workshop_ids=[workshop.pk])],
        )
    mail.outbox.clear()
    return conference, workshop


def _choice_status(workshop, name):
    return WorkshopChoice.objects.get(
        session=workshop, registration__last_name=name
    ).status


def test_raising_a_workshop_capacity_in_the_programme_inline_promotes(
    client, workshop_full, editor, django_capture_on_commit_callbacks
):
    conference, workshop = workshop_full
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_editor(
            client, conference, sessions=[session_row(workshop, capacity=2)]
        )
    assert response.status_code == 302
    assert _choice_status(workshop, "Druga") == WorkshopChoiceStatus.CONFIRMED
    sent = [m for m in mail.outbox if "uczestnik1@example.test" in m.to]
    assert len(sent) == 1
    assert "Warsztat z budżetu" in sent[0].body


def test_lowering_a_workshop_below_its_places_is_refused_beside_the_field(
    client, workshop_full, editor
):
    conference, workshop = workshop_full
    # Both hold a place in a workshop of two (0 places is refused on its own).
    Session.objects.filter(pk=workshop.pk).update(capacity=2)
    WorkshopChoice.objects.filter(session=workshop).update(status="confirmed")
    workshop.refresh_from_db()
    client.force_login(editor)
    response = post_editor(
        client, conference, sessions=[session_row(workshop, capacity=1)]
    )
    assert response.status_code == 200
    formset = response.context["form"].formsets["sessions"]
    assert "nie może być mniejsza niż 2" in str(formset.forms[0].errors["capacity"])
    workshop.refresh_from_db()
    assert workshop.capacity == 2


def test_lowering_a_workshop_in_a_revision_is_refused(workshop_full):
    conference, _workshop = workshop_full
    page = ConferencePage.objects.get(pk=conference.pk)
    revision = page.save_revision()
    content = revision.content
    content["sessions"][0]["capacity"] = 0
    revision.content = content
    revision.save()
    with pytest.raises(ValidationError):
        revision.publish()


def test_a_publish_while_the_registration_lock_is_busy_is_a_polite_try_again(
    client, full, editor
):
    """The editor publishing while the places stay locked elsewhere gets the
    site's 503 "try again" page, not a 500; nothing changes."""
    from unittest import mock

    from django.db import OperationalError

    client.force_login(editor)
    client.raise_request_exception = False
    busy = OperationalError("database is locked")
    with mock.patch("conferences.services.capacity.lock_capacity", side_effect=busy):
        response = post_editor(client, full, capacity=3)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert ConferencePage.objects.get(pk=full.pk).capacity == 2
    assert _statuses(full)["Trzecia"] == WAITING
