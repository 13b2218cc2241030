"""Each refusal of co-signing, withdrawing and commenting names its true reason, in
every state of the opinion: who the person is first (it holds whatever the state),
then the state. Found in the browser trial: "signing closed" told to a centre that
was not in good standing, and a draft "not available" to a suspended centre."""

import datetime

import pytest
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Comment, Signature
from members.choices import CentreStatus
from tests.factories.members import (
    CentreFactory,
    UserFactory,
    centre_staff,
    representative,
)

pytestmark = pytest.mark.django_db

STATES = ["draft", "open", "overdue", "closed", "sent", "answered"]

NOT_A_REPRESENTATIVE = "Współpodpisać może tylko upoważniony przedstawiciel"
CENTRE_STAFF = "Twoje konto należy do jego pracownika"
NOT_IN_GOOD_STANDING = "nie jest członkiem z pełnią praw (status: {status})"
NOT_OPENED = "jeszcze się nie rozpoczęło"
CLOSED = "Podpisywanie jest zamknięte (stan: {state})"
DEADLINE = "Termin podpisywania minął"
SIGNED = "Twój ośrodek współpodpisał"
WITHDRAWN = "Współpodpis Twojego ośrodka został wycofany"
STATE_REASONS = [NOT_OPENED, "Podpisywanie jest zamknięte", DEADLINE]

COMMENT_OUTSIDER = "Komentować mogą tylko osoby z ośrodków członkowskich"
COMMENT_CLOSED = "Dyskusja została zamknięta w trakcie pisania"
COMMENT_UNAVAILABLE = "nie jest (już) dla Ciebie dostępne"
COMMENTED = "Twój komentarz został dodany"

STATE_LABELS = {
    "closed": "podpisywanie zamknięte",
    "sent": "wysłano",
    "answered": "z odpowiedzią",
}
STATUS_LABELS = {
    CentreStatus.SUSPENDED: "zawieszony",
    CentreStatus.APPLICANT: "kandydat",
}


@pytest.fixture
def people():
    """Everyone who may try: representatives and staff of member, suspended and
    applicant centres, and a person without a centre."""
    found = {}
    for status in (CentreStatus.MEMBER, CentreStatus.SUSPENDED, CentreStatus.APPLICANT):
        centre = CentreFactory(status=status)
        found[f"representative, {status}"] = (representative(centre), centre)
        found[f"staff, {status}"] = (centre_staff(centre), centre)
    found["no centre"] = (UserFactory(), None)
    return found


def _opinion(make_opinion, state):
    if state == "overdue":
        return make_opinion(
            state=OpinionState.OPEN,
            deadline=timezone.now() - datetime.timedelta(minutes=5),
        )
    return make_opinion(state=state)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _expected_signing(who: str, state: str, *, withdrawing=False) -> str:
    """The one reason a refusal must give (or the success message)."""
    if who == "no centre":
        return NOT_A_REPRESENTATIVE
    role, status = who.split(", ")
    if role == "staff":
        return CENTRE_STAFF
    if status != CentreStatus.MEMBER:
        return NOT_IN_GOOD_STANDING.format(status=STATUS_LABELS[status])
    if state == "draft":
        return NOT_OPENED
    if state == "overdue":
        return DEADLINE
    if state == "open":
        return WITHDRAWN if withdrawing else SIGNED
    return CLOSED.format(state=STATE_LABELS[state])


@pytest.mark.parametrize("state", STATES)
def test_signing_and_withdrawing_refusals_name_the_true_reason(
    client, make_opinion, people, state
):
    opinion = _opinion(make_opinion, state)
    for who, (user, centre) in people.items():
        client.force_login(user)
        response = client.post(
            f"/opinie/{opinion.pk}/podpis/",
            {"version": opinion.state_version},
            follow=True,
        )
        if state == "draft" and not who.endswith(", member"):
            assert response.status_code == 404, who  # a draft stays unseen
        else:
            said = _messages(response)
            expected = _expected_signing(who, state)
            assert expected in said, (who, said)
            if expected not in STATE_REASONS and not expected.startswith(
                "Podpisywanie"
            ):
                assert not any(reason in said for reason in STATE_REASONS), (who, said)
        Signature.objects.filter(opinion=opinion).delete()

        if centre is None:
            continue
        signature = Signature.objects.create(opinion=opinion, centre=centre)
        response = client.post(
            f"/opinie/{opinion.pk}/wycofanie/",
            {"version": opinion.state_version, "signature": signature.pk},
            follow=True,
        )
        if state == "draft" and not who.endswith(", member"):
            assert response.status_code == 404, who
        else:
            said = _messages(response)
            expected = _expected_signing(who, state, withdrawing=True)
            if "pełnią praw" in expected:
                assert "wycofać współpodpisu" in said, (who, said)
            assert expected in said, (who, said)
        Signature.objects.filter(opinion=opinion).delete()


def _comment_reason(response) -> str:
    context = response.context
    if "message" in context:
        return str(context["message"])
    return " ".join(context["comment_form"].non_field_errors())


@pytest.mark.parametrize("state", STATES)
def test_comment_refusals_name_the_true_reason(client, make_opinion, people, state):
    opinion = _opinion(make_opinion, state)
    discussable = state in ("draft", "open")
    for who, (user, _centre) in people.items():
        client.force_login(user)
        text = f"Uwagi ({who}): proponujemy doprecyzować § 2."
        response = client.post(f"/opinie/{opinion.pk}/komentarze/", {"body": text})
        if who == "no centre":
            if state == "draft":
                assert response.status_code == 404  # a draft stays unseen
                assert COMMENT_UNAVAILABLE in _comment_reason(response)
            else:
                assert response.status_code == 403
                assert COMMENT_OUTSIDER in _comment_reason(response)
        elif not who.endswith(", member"):
            status = who.split(", ")[1]
            assert response.status_code == 403, who
            reason = _comment_reason(response)
            assert (
                NOT_IN_GOOD_STANDING.format(status=STATUS_LABELS[status]) in reason
            ), (who, reason)
            assert COMMENT_CLOSED not in reason and COMMENT_UNAVAILABLE not in reason
        elif discussable:
            assert response.status_code == 302, who
        else:
            assert response.status_code == 409, who
            assert COMMENT_CLOSED in _comment_reason(response)
        if response.status_code != 302:
            assert text in response.content.decode()  # the typed text is kept
    members = 2 if discussable else 0
    assert Comment.objects.filter(opinion=opinion).count() == members


def test_the_service_names_the_same_reasons(make_opinion, people):
    """A script calling the services hears the same reasons as the web."""
    from consultations.exceptions import ConsultationError

    closed = make_opinion(state=OpinionState.CLOSED)
    suspended_rep, _centre = people[f"representative, {CentreStatus.SUSPENDED}"]
    member_rep, _centre = people[f"representative, {CentreStatus.MEMBER}"]
    with pytest.raises(ConsultationError) as refused:
        services.sign_opinion(closed, suspended_rep)
    assert "pełnią praw" in str(refused.value)
    with pytest.raises(ConsultationError) as refused:
        services.sign_opinion(closed, member_rep)
    assert "Podpisywanie jest zamknięte" in str(refused.value)
    with pytest.raises(ConsultationError) as refused:
        services.post_comment(closed, suspended_rep, "Tekst")
    assert "pełnią praw" in str(refused.value)
    with pytest.raises(ConsultationError) as refused:
        services.post_comment(closed, member_rep, "Tekst")
    assert COMMENT_CLOSED in str(refused.value)


def test_people_who_cannot_sign_are_told_why_on_the_open_opinion(
    client, make_opinion, people
):
    opinion = make_opinion(state=OpinionState.OPEN)
    for who, (user, _centre) in people.items():
        client.force_login(user)
        html = client.get(opinion.url).content.decode()
        if who == f"representative, {CentreStatus.MEMBER}":
            assert "Współpodpisz w imieniu" in html
        elif who == "no centre":
            assert NOT_A_REPRESENTATIVE in html
        elif who.startswith("staff"):
            assert CENTRE_STAFF in html, who
        else:
            status = STATUS_LABELS[who.split(", ")[1]]
            assert NOT_IN_GOOD_STANDING.format(status=status) in html, who


def test_the_centre_panel_of_a_suspended_centre_offers_nothing_to_sign(
    client, make_opinion, people
):
    make_opinion(state=OpinionState.OPEN, title="Stanowisko do podpisu")
    user, _centre = people[f"representative, {CentreStatus.SUSPENDED}"]
    client.force_login(user)
    html = client.get("/moj-osrodek/").content.decode()
    assert "Stanowisko do podpisu" not in html
    assert "nie jest teraz członkiem z pełnią praw" in html
