"""Polish wording that agrees whatever the kind: "Wniosek wysłane" was seen in the
browser trial. State labels carry no adjective that would have to agree with the
kind's gender (stanowisko, opinia, wniosek); the page says "Stan: …"."""

import re

import pytest
from django.utils import translation

from consultations.choices import OpinionKind, OpinionState

pytestmark = pytest.mark.django_db

LABELS = {
    OpinionState.DRAFT: "projekt",
    OpinionState.OPEN: "podpisywanie otwarte",
    OpinionState.CLOSED: "podpisywanie zamknięte",
    OpinionState.SENT: "wysłano",
    OpinionState.ANSWERED: "z odpowiedzią",
}
KINDS = {
    OpinionKind.POSITION: "Stanowisko",
    OpinionKind.OPINION: "Opinia",
    OpinionKind.MOTION: "Wniosek",
}


def test_state_labels_need_no_agreement_with_the_kind():
    with translation.override("pl"):
        assert {state: str(state.label) for state in OpinionState} == LABELS


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(
    "state",
    [OpinionState.OPEN, OpinionState.CLOSED, OpinionState.SENT, OpinionState.ANSWERED],
)
def test_the_page_and_the_list_say_kind_and_state_without_agreement(
    client, make_opinion, index, kind, state
):
    opinion = make_opinion(state=state, kind=kind)
    for url in (opinion.url, index.url):
        html = client.get(url).content.decode()
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert f"{KINDS[kind]} · Stan: {LABELS[state]}" in text, url
        assert "wysłane" not in text and "otwarte do podpisu" not in text
