"""The opinion page's shared parts and the "Mój ośrodek" panel are kept in the cache
under the generation: a co-signature, a withdrawal or a state change shows on the
very next request, for everyone."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.models import OpinionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion(make_opinion):
    return make_opinion(state=OpinionState.OPEN)


def signatory_rows(client, opinion) -> int:
    html = client.get(opinion.url).content.decode()
    table = html.split('class="opinion__signatories"', 1)
    if len(table) == 1:
        return 0
    return table[1].split("<tbody>")[1].split("</tbody>")[0].count("<tr>")


def test_a_signature_and_a_withdrawal_show_at_once(
    client, opinion, rep_a, rep_b, django_capture_on_commit_callbacks
):
    client.force_login(rep_b)
    assert signatory_rows(client, opinion) == 0
    with django_capture_on_commit_callbacks(execute=True):
        signature = services.sign_opinion(opinion, rep_a)
    assert signatory_rows(client, opinion) == 1
    assert "Wyśmierzycach" in client.get(opinion.url).content.decode()
    opinion.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_signature(opinion, rep_a, signature_id=signature.pk)
    assert signatory_rows(client, opinion) == 0


def test_the_signatories_are_read_once_per_generation(client, opinion, rep_a, rep_b):
    services.sign_opinion(opinion, rep_a)
    client.force_login(rep_b)
    client.get(opinion.url)
    with CaptureQueriesContext(connection) as context:
        client.get(opinion.url)
    queries = [q["sql"] for q in context.captured_queries]
    assert (
        not [  # the signatories with their centres and gminas
            sql
            for sql in queries
            if "consultations_signature" in sql and "members_municipality" in sql
        ]
    )
    assert not [sql for sql in queries if "consultations_opinionevent" in sql]


def test_a_state_change_shows_in_the_timeline_at_once(
    client, opinion, rep_a, moderator, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    assert "Zamknięta" not in client.get(opinion.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_signing(opinion, moderator)
    html = client.get(opinion.url).content.decode()
    timeline = html.split('class="opinion__timeline"', 1)[1].split("</section>")[0]
    assert OpinionState.CLOSED.label.lower() in timeline.lower()


def test_the_rules_link_leads_to_the_rules(client, opinion, rep_a):
    client.force_login(rep_a)
    html = client.get(opinion.url).content.decode()
    assert 'href="/opinie/zasady-dyskusji/"' in html
    assert client.get("/opinie/zasady-dyskusji/").status_code == 200


def panel(client) -> str:
    html = client.get("/moj-osrodek/").content.decode()
    return html.split("centre-panel--signatures", 1)[1].split("</section>")[0]


def test_the_centre_panel_moves_an_opinion_once_signed(
    client, opinion, rep_a, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    before = panel(client)
    awaiting = before.split("<h3>", 1)[1]
    assert opinion.title in awaiting
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_opinion(opinion, rep_a)
    after = panel(client)
    assert opinion.title in after
    assert "<h3>" not in after  # nothing awaits the signature any more


def test_the_centre_panel_drops_an_opinion_whose_deadline_passed(
    client, make_opinion, rep_a
):
    soon = make_opinion(
        state=OpinionState.OPEN,
        deadline=timezone.now() + datetime.timedelta(minutes=5),
    )
    client.force_login(rep_a)
    assert soon.title in panel(client)
    # Time passes without anything that bumps the generation.
    OpinionPage.objects.filter(pk=soon.pk).update(
        signing_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(minutes=10)
        patch.setattr("consultations.wagtail_hooks.timezone.now", lambda: later)
        assert soon.title not in panel(client)


def test_an_empty_panel_says_so_in_polish(client, rep_a):
    client.force_login(rep_a)
    assert "Twój ośrodek nie współpodpisał jeszcze żadnego stanowiska." in panel(client)


def test_one_centres_cached_panel_is_never_another_centres(
    client, opinion, rep_a, rep_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_opinion(opinion, rep_a)
    client.force_login(rep_a)
    signed_by_a = panel(client).split("<h3>")[0]
    assert opinion.title in signed_by_a
    client.force_login(rep_b)  # same generation: A's entry is in the cache
    of_b = panel(client)
    assert "Twój ośrodek nie współpodpisał jeszcze żadnego stanowiska." in of_b
    assert opinion.title in of_b.split("<h3>", 1)[1]  # still awaiting B's signature
