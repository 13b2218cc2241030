"""The remaining paths of the conference rules (see docs/rules.md, "Conferences"):
limits, window, deadline and eligibility changed in the editor hold for the next
request; the staff edit cannot touch places; scheduled jobs move no place."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from conferences.choices import RegistrationStatus
from conferences.exceptions import NotAllowed, RegistrationClosed, RegistrationRefused
from conferences.models import ConferencePage, Registration
from conferences.services.registration import register_participants
from conferences.services.waitlist import cancel_registration
from tests.conferences.editor import post_editor
from tests.conferences.test_views import management, register_url, row
from tests.factories.conferences import add_session, make_conference, participant
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def editor(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("e@razem.test", "x-Haslo-2026")


def _fresh(conference):
    return ConferencePage.objects.get(pk=conference.pk)


def test_a_limit_lowered_in_the_editor_holds_for_the_next_registration(
    client, conference, centre, rep, editor
):
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(1)]
    )
    client.force_login(editor)
    assert post_editor(client, conference, per_centre_limit=1).status_code == 302
    with pytest.raises(RegistrationRefused, match="najwyżej 1 uczestnika"):
        register_participants(
            conference=_fresh(conference),
            centre=centre,
            user=rep,
            participants=[participant(2)],
        )


def test_a_window_closed_in_the_editor_refuses_the_next_submission(
    client, conference, rep, editor
):
    client.force_login(editor)
    past = timezone.now() - datetime.timedelta(minutes=5)
    response = post_editor(
        client,
        conference,
        registration_opens_at=past - datetime.timedelta(days=2),
        registration_closes_at=past,
    )
    assert response.status_code == 302
    client.force_login(rep)
    response = client.post(register_url(conference), {**management(1), **row(0)})
    assert "jest już zamknięta" in response.content.decode()
    assert not Registration.objects.exists()
    with pytest.raises(RegistrationClosed):
        register_participants(
            conference=_fresh(conference),
            centre=rep.membership.centre,
            user=rep,
            participants=[participant(3)],
        )


def test_non_members_switched_off_in_the_editor_are_refused_next(
    client, home_page, editor
):
    from members.choices import CentreStatus

    conference = make_conference(allow_non_members=True)
    client.force_login(editor)
    assert post_editor(client, conference, allow_non_members=False).status_code == 302
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    with pytest.raises(RegistrationRefused, match="tylko ośrodki członkowskie"):
        register_participants(
            conference=_fresh(conference),
            centre=applicant,
            user=representative(applicant),
            participants=[participant(4)],
        )


def test_a_cancellation_deadline_moved_in_the_editor_binds_the_centre_not_staff(
    client, conference, centre, rep, editor, staff_user
):
    first, second = register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(5), participant(6)],
    ).registrations
    client.force_login(editor)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    response = post_editor(client, conference, cancellation_deadline=yesterday)
    assert response.status_code == 302
    first = Registration.objects.get(pk=first.pk)
    with pytest.raises(NotAllowed):
        cancel_registration(first, rep)
    cancel_registration(first, staff_user, reason="Na prośbę ośrodka")
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CANCELLED


def test_the_registration_edit_ignores_status_fee_and_conference(
    client, conference, centre, rep, staff_user, home_page
):
    other = make_conference()
    (registration,) = register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(7)]
    ).registrations
    client.force_login(staff_user)
    response = client.post(
        f"/admin/registrations/edit/{registration.pk}/",
        {
            "first_name": "Nowe",
            "last_name": registration.last_name,
            "email": registration.email,
            "accommodation_nights": "0",
            "status": "cancelled",
            "fee": "0",
            "conference": other.pk,
            "checked_in_at": "2026-01-01 10:00",
            "queued_at": "2000-01-01 00:00",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.first_name == "Nowe"
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.fee == conference.member_fee
    assert registration.conference_id == conference.pk
    assert registration.checked_in_at is None
    assert registration.queued_at.year == timezone.now().year


def test_a_centre_cannot_open_the_page_editor_or_the_staff_console(
    client, conference, rep
):
    client.force_login(rep)
    response = client.get(f"/admin/pages/{conference.pk}/edit/")
    assert response.status_code in (302, 403)
    assert client.get(f"/admin/konferencje/{conference.pk}").status_code == 403


def test_scheduled_jobs_and_their_commands_move_no_place(
    home_page, centre, rep, django_capture_on_commit_callbacks
):
    from razem.tasks import apply_retention

    conference = make_conference(
        capacity=1,
        start_date=timezone.localdate() + datetime.timedelta(days=5),
        end_date=timezone.localdate() + datetime.timedelta(days=6),
    )
    add_session(conference)
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[participant(8), participant(9)],
    )
    before = list(
        Registration.objects.order_by("pk").values_list("status", "fee", "queued_at")
    )
    sessions = list(conference.sessions.values_list("date", "start_time", "capacity"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_conference_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("anonymise_conference_participants", stdout=open("/dev/null", "w"))  # noqa: SIM115
        apply_retention()
    after = list(
        Registration.objects.order_by("pk").values_list("status", "fee", "queued_at")
    )
    assert after == before
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 1
    assert (
        list(conference.sessions.values_list("date", "start_time", "capacity"))
        == sessions
    )
    assert _fresh(conference).capacity == 1
