"""The signing deadline: never moved into the past, closing by itself when it passes,
and every page showing the true state in the minutes before the job runs."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultations import services
from consultations.choices import OpinionState
from consultations.models import OpinionEvent, OpinionPage, Signature
from consultations.wagtail_hooks import (
    centre_signatures_panel,
    open_opinions_home_panel,
)
from razem.scheduling import SCHEDULE, enqueue_due_jobs

pytestmark = pytest.mark.django_db

PAST = datetime.timedelta(minutes=5)


def _reload(page) -> OpinionPage:
    return OpinionPage.objects.get(pk=page.pk)


@pytest.fixture
def overdue(make_opinion, rep_b):
    """Open, signed by B, and its deadline passed five minutes ago (job not run)."""
    opinion = make_opinion(state=OpinionState.OPEN, title="Stanowisko po terminie")
    services.sign_opinion(opinion, rep_b)
    OpinionPage.objects.filter(pk=opinion.pk).update(
        signing_deadline=timezone.now() - PAST
    )
    return _reload(opinion)


def _editor_post(client, page, deadline: str):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "kind": page.kind,
            "addressee": page.addressee,
            "addressee_address": page.addressee_address,
            "subject": page.subject,
            "summary": "Zmienione streszczenie.",
            "body": rich_text(str(page.body)),
            "draft_law": "",
            "signing_deadline": deadline,
            "action-publish": "1",
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


@pytest.mark.parametrize("state", [OpinionState.DRAFT, OpinionState.OPEN])
def test_editor_refuses_moving_the_deadline_into_the_past(
    client, make_opinion, admin_user, state
):
    opinion = make_opinion(state=state)
    client.force_login(admin_user)
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    response = _editor_post(client, opinion, yesterday.strftime("%Y-%m-%d %H:%M"))
    assert response.status_code == 200
    error = response.context["form"].errors["signing_deadline"][0]
    assert "nie można przesunąć w przeszłość" in error
    assert _reload(opinion).signing_deadline == opinion.signing_deadline
    assert _reload(opinion).summary != "Zmienione streszczenie."


def test_editor_refuses_removing_the_deadline_of_an_open_opinion(
    client, make_opinion, admin_user
):
    opinion = make_opinion(state=OpinionState.OPEN)
    client.force_login(admin_user)
    response = _editor_post(client, opinion, "")
    assert response.status_code == 200
    assert "musi mieć termin" in response.context["form"].errors["signing_deadline"][0]


def test_editor_moves_the_deadline_later_and_edits_an_overdue_page(
    client, make_opinion, overdue, admin_user
):
    opinion = make_opinion(state=OpinionState.OPEN)
    client.force_login(admin_user)
    later = timezone.localtime() + datetime.timedelta(days=30)
    response = _editor_post(client, opinion, later.strftime("%Y-%m-%d %H:%M"))
    assert response.status_code == 302
    assert timezone.localtime(_reload(opinion).signing_deadline).date() == (
        timezone.localtime(later).date()
    )
    # An overdue page whose deadline is left as it is still edits (the job closes it).
    stored = timezone.localtime(overdue.signing_deadline).strftime("%Y-%m-%d %H:%M")
    OpinionPage.objects.filter(pk=overdue.pk).update(
        signing_deadline=timezone.make_aware(
            datetime.datetime.strptime(stored, "%Y-%m-%d %H:%M")
        )
    )
    assert _editor_post(client, _reload(overdue), stored).status_code == 302


def test_model_refuses_a_past_deadline_from_a_script(make_opinion):
    opinion = _reload(make_opinion(state=OpinionState.OPEN))
    opinion.signing_deadline = timezone.now() - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        opinion.save_revision()
    assert "signing_deadline" in refused.value.message_dict


def test_the_job_closes_overdue_opinions_like_staff_would(
    overdue, make_opinion, django_capture_on_commit_callbacks, settings
):
    still_open = make_opinion(state=OpinionState.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.close_overdue_opinions()
    assert closed == [overdue.pk]
    after = _reload(overdue)
    assert after.state == OpinionState.CLOSED
    assert after.letter_pdf and after.letter_number.startswith("RAZEM/")
    assert after.frozen_content["body"] == str(after.body)
    event = OpinionEvent.objects.get(opinion=overdue, to_state=OpinionState.CLOSED)
    assert event.user is None and "automatycznie" in event.note
    entry = PageLogEntry.objects.get(page_id=overdue.pk, action="consultations.closed")
    assert entry.user is None
    assert [m.to for m in mail.outbox] == [[settings.RAZEM_STAFF_EMAIL]]
    assert _reload(still_open).state == OpinionState.OPEN


def test_the_job_never_closes_before_the_deadline(make_opinion):
    opinion = make_opinion(state=OpinionState.OPEN)
    with pytest.raises(services.transitions.TransitionRefused):
        services.close_signing(opinion, None, at_deadline=True)
    assert services.close_overdue_opinions() == []
    assert _reload(opinion).state == OpinionState.OPEN


def test_the_job_skips_an_opinion_staff_closed_meanwhile(overdue, admin_user):
    services.close_signing(overdue, admin_user)
    assert services.close_overdue_opinions() == []
    assert OpinionEvent.objects.filter(opinion=overdue).count() == 1


def test_closing_is_on_the_schedule_and_the_scheduler_runs_it(overdue):
    job = next(job for job in SCHEDULE if job.name == "opinion-close")
    assert job.task == "consultations.tasks.close_overdue_opinions_task"
    assert job.every <= datetime.timedelta(minutes=5)
    assert "opinion-close" in enqueue_due_jobs(jobs=[job])  # immediate backend
    assert _reload(overdue).state == OpinionState.CLOSED


def test_the_command_closes_overdue_opinions(overdue):
    call_command("close_overdue_opinions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _reload(overdue).state == OpinionState.CLOSED


def test_public_page_shows_an_overdue_opinion_as_closed(client, overdue, rep_a):
    for who in (None, rep_a):
        if who:
            client.force_login(who)
        html = client.get(overdue.url).content.decode()
        assert "opinion-state--closed" in html and "badge--open" not in html
        assert "/podpis/" not in html  # no sign button
        assert "Zaloguj się, aby współpodpisać" not in html


def test_index_shows_an_overdue_opinion_as_closed(client, overdue, index):
    html = client.get(index.url).content.decode()
    assert "opinion-state--closed" in html and "Podpisywanie do" not in html


def test_home_and_centre_panels_leave_an_overdue_opinion_out(overdue, rep_a):
    request = RequestFactory().get("/")
    request.user = rep_a
    assert open_opinions_home_panel(request)["opinions"] == []
    panel = centre_signatures_panel(request, rep_a.membership)
    assert panel["awaiting"] == []


def test_an_overdue_opinion_cannot_be_signed_or_withdrawn(
    client, overdue, rep_a, rep_b
):
    client.force_login(rep_a)
    response = client.post(
        f"/opinie/{overdue.pk}/podpis/",
        {"version": overdue.state_version},
        follow=True,
    )
    assert response.status_code == 200
    assert "Termin podpisywania minął" in response.content.decode()
    assert not Signature.objects.filter(centre=rep_a.membership.centre).exists()
    signature = Signature.objects.get(centre=rep_b.membership.centre)
    client.force_login(rep_b)
    client.post(
        f"/opinie/{overdue.pk}/wycofanie/",
        {"version": overdue.state_version, "signature": signature.pk},
    )
    signature.refresh_from_db()
    assert signature.withdrawn_at is None


def test_the_cached_anonymous_page_expires_at_the_deadline(make_opinion, index):
    soon = timezone.now() + datetime.timedelta(seconds=90)
    opinion = make_opinion(state=OpinionState.OPEN, deadline=soon)
    request = RequestFactory().get(opinion.url)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = opinion.serve(request)
    assert 0 < response.razem_cache_seconds <= 90
    response = index.specific.serve(request)
    assert 0 < response.razem_cache_seconds <= 90


def test_the_cached_home_page_stops_listing_an_opinion_at_its_deadline(
    client, make_opinion
):
    """The home page lists open opinions; its cached copy ends at the soonest
    deadline, so nobody is offered an opinion whose signing has closed even
    before the closing job runs."""
    import time_machine

    deadline = timezone.now() + datetime.timedelta(seconds=90)
    opinion = make_opinion(
        state=OpinionState.OPEN, deadline=deadline, title="Opinia z terminem"
    )
    first = client.get("/")
    assert opinion.title in first.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(deadline + datetime.timedelta(seconds=5), tick=False):
        after = client.get("/")
    assert after.get("X-Page-Cache") != "hit"
    assert opinion.title not in after.content.decode()
