"""The opinion's states: each allowed and refused transition, with its audit trail."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from consultations import services
from consultations.choices import OpinionState, SendChannel
from consultations.exceptions import NotAllowed, TransitionRefused
from consultations.models import OpinionEvent, OpinionPage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _state(opinion) -> str:
    return OpinionPage.objects.get(pk=opinion.pk).state


def _actions(opinion) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page_id=opinion.pk)
        .filter(action__startswith="consultations.")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_full_lifecycle_records_events_and_audit_entries(make_opinion, admin_user):
    opinion = make_opinion()
    services.open_for_signatures(opinion, admin_user)
    services.close_signing(opinion, admin_user)
    services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via=SendChannel.EPUAP)
    services.mark_answered(
        opinion, admin_user, answered_on=TODAY(), summary="Ministerstwo odpowiedziało."
    )
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.ANSWERED
    assert opinion.state_version == 4
    assert opinion.sent_on == TODAY() and opinion.sent_via == "epuap"
    events = list(OpinionEvent.objects.filter(opinion=opinion))
    assert [(e.from_state, e.to_state) for e in events] == [
        ("draft", "open"),
        ("open", "closed"),
        ("closed", "sent"),
        ("sent", "answered"),
    ]
    assert all(e.user == admin_user for e in events)
    assert _actions(opinion) == [
        "consultations.open",
        "consultations.closed",
        "consultations.sent",
        "consultations.answered",
    ]
    entry = PageLogEntry.objects.get(page_id=opinion.pk, action="consultations.sent")
    assert entry.user == admin_user and entry.timestamp is not None
    assert entry.data["from"] == "closed"


def test_opening_needs_a_future_deadline(make_opinion, admin_user):
    past = make_opinion(deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(TransitionRefused, match="termin podpisywania"):
        services.open_for_signatures(past, admin_user)
    none = make_opinion()
    OpinionPage.objects.filter(pk=none.pk).update(signing_deadline=None)
    with pytest.raises(TransitionRefused):
        services.open_for_signatures(none, admin_user)
    assert _state(past) == _state(none) == OpinionState.DRAFT
    assert not OpinionEvent.objects.exists()
    assert _actions(past) == []


def test_opening_needs_a_published_page(make_opinion, admin_user):
    opinion = make_opinion(live=False)
    with pytest.raises(TransitionRefused, match="Opublikuj"):
        services.open_for_signatures(opinion, admin_user)
    assert _state(opinion) == OpinionState.DRAFT


@pytest.mark.parametrize(
    "state",
    [OpinionState.OPEN, OpinionState.CLOSED, OpinionState.SENT, OpinionState.ANSWERED],
)
def test_only_a_draft_opens(make_opinion, admin_user, state):
    opinion = make_opinion(state=state)
    with pytest.raises(TransitionRefused):
        services.open_for_signatures(opinion, admin_user)
    assert _state(opinion) == state


@pytest.mark.parametrize(
    "state",
    [OpinionState.DRAFT, OpinionState.CLOSED, OpinionState.SENT, OpinionState.ANSWERED],
)
def test_only_an_open_opinion_closes(make_opinion, admin_user, state):
    opinion = make_opinion(state=state)
    with pytest.raises(TransitionRefused):
        services.close_signing(opinion, admin_user)
    assert _state(opinion) == state


@pytest.mark.parametrize(
    "state",
    [OpinionState.DRAFT, OpinionState.OPEN, OpinionState.SENT, OpinionState.ANSWERED],
)
def test_no_sending_before_closing(make_opinion, admin_user, state):
    opinion = make_opinion(state=state)
    with pytest.raises(TransitionRefused):
        services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via="post")
    assert _state(opinion) == state


@pytest.mark.parametrize(
    "state",
    [OpinionState.DRAFT, OpinionState.OPEN, OpinionState.CLOSED, OpinionState.ANSWERED],
)
def test_only_a_sent_letter_is_answered(make_opinion, admin_user, state):
    opinion = make_opinion(state=state)
    with pytest.raises(TransitionRefused):
        services.mark_answered(
            opinion, admin_user, answered_on=TODAY(), summary="Odpowiedź."
        )
    assert _state(opinion) == state


def test_sending_date_rules(make_opinion, admin_user):
    opinion = make_opinion()
    services.open_for_signatures(opinion, admin_user)
    services.close_signing(opinion, admin_user)
    tomorrow = TODAY() + datetime.timedelta(days=1)
    with pytest.raises(TransitionRefused, match="przyszłości"):
        services.mark_sent(opinion, admin_user, sent_on=tomorrow, sent_via="post")
    with pytest.raises(TransitionRefused, match="przed datą"):
        services.mark_sent(
            opinion,
            admin_user,
            sent_on=TODAY() - datetime.timedelta(days=3),
            sent_via="post",
        )
    with pytest.raises(TransitionRefused):
        services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via="pigeon")
    assert _state(opinion) == OpinionState.CLOSED


def test_answer_needs_a_summary_and_a_sane_date(make_opinion, admin_user):
    opinion = make_opinion()
    services.open_for_signatures(opinion, admin_user)
    services.close_signing(opinion, admin_user)
    services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via="email")
    with pytest.raises(TransitionRefused):
        services.mark_answered(opinion, admin_user, answered_on=TODAY(), summary="  ")
    with pytest.raises(TransitionRefused):
        services.mark_answered(
            opinion,
            admin_user,
            answered_on=TODAY() - datetime.timedelta(days=1),
            summary="Za wcześnie.",
        )
    assert _state(opinion) == OpinionState.SENT


def test_people_without_publish_rights_cannot_move_states(
    make_opinion, editor, rep_a, outsider
):
    opinion = make_opinion()
    for user in (editor, rep_a, outsider):
        with pytest.raises(NotAllowed):
            services.open_for_signatures(opinion, user)
    assert _state(opinion) == OpinionState.DRAFT
    assert _actions(opinion) == []


def test_moderator_with_publish_rights_may_open(make_opinion, moderator):
    opinion = make_opinion()
    services.open_for_signatures(opinion, moderator)
    assert _state(opinion) == OpinionState.OPEN


def test_refused_transition_leaves_no_trace(make_opinion, admin_user):
    opinion = make_opinion(state=OpinionState.OPEN)
    with pytest.raises(TransitionRefused):
        services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via="post")
    assert not OpinionEvent.objects.exists()
    assert _actions(opinion) == []


def test_transition_message_is_translated_to_polish(make_opinion, admin_user):
    from django.utils import translation

    opinion = make_opinion(state=OpinionState.OPEN)
    with pytest.raises(TransitionRefused) as info, translation.override("pl"):
        services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via="post")
    with translation.override("pl"):
        assert "Zamknij" in str(info.value.message)
