"""Every consultations admin form submitted empty and with bad values: no 500, and a
Polish message beside the field for every rule and constraint."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Comment, DraftLaw, OpinionPage, Signature
from tests.factories.consultations import CommentFactory

pytestmark = pytest.mark.django_db

REQUIRED = "To pole jest wymagane."
FORMSET = {
    "documents-TOTAL_FORMS": "0",
    "documents-INITIAL_FORMS": "0",
    "documents-MIN_NUM_FORMS": "0",
    "documents-MAX_NUM_FORMS": "1000",
}
ALL_STATES = [
    OpinionState.DRAFT,
    OpinionState.OPEN,
    OpinionState.CLOSED,
    OpinionState.SENT,
    OpinionState.ANSWERED,
]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_draft_law_add_form_empty(admin_client):
    response = admin_client.post("/admin/snippets/consultations/draftlaw/add/", FORMSET)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == [REQUIRED] and errors["ministry"] == [REQUIRED]
    assert not DraftLaw.objects.exists()


def test_draft_law_add_form_with_bad_values(admin_client):
    data = {
        "title": "x" * 501,
        "ministry": "MRPiPS",
        "number": "UD" + "1" * 50,
        "url": "nie adres",
        "stage": "wymyślony",
        "consultation_deadline": "2026-02-31",
        "description": "",
        **FORMSET,
        "documents-TOTAL_FORMS": "1",
        "documents-0-document": "999999",
        "documents-0-title": "",
        "documents-0-ORDER": "1",
    }
    response = admin_client.post("/admin/snippets/consultations/draftlaw/add/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {
        "title",
        "number",
        "url",
        "stage",
        "consultation_deadline",
    }
    assert form.formsets["documents"].errors[0]["document"]
    assert all("This field" not in str(e) for e in form.errors.values())
    assert not DraftLaw.objects.exists()


def test_opinion_add_form_empty(admin_client, index):
    url = f"/admin/pages/add/consultations/opinionpage/{index.pk}/"
    response = admin_client.post(url, nested_form_data({"action-publish": "1"}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    for name in ("title", "addressee", "subject", "body"):
        assert errors[name], name
    assert not OpinionPage.objects.exists()


def test_opinion_add_form_with_bad_values(admin_client, index):
    url = f"/admin/pages/add/consultations/opinionpage/{index.pk}/"
    data = nested_form_data(
        {
            "title": "Opinia",
            "slug": "projekty",
            "kind": "ulotka",
            "addressee": "x" * 256,
            "addressee_address": "x" * 501,
            "subject": "Temat",
            "summary": "x" * 1001,
            "body": rich_text("<p>Treść.</p>"),
            "draft_law": "999999",
            "signing_deadline": "jutro",
            "action-publish": "1",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {
        "kind",
        "addressee",
        "addressee_address",
        "summary",
        "draft_law",
        "signing_deadline",
    }
    assert not OpinionPage.objects.exists()


@pytest.mark.parametrize("state", ALL_STATES)
def test_opinion_editor_submitted_empty_in_every_state(
    admin_client, make_opinion, state
):
    opinion = make_opinion(state=state)
    if state in (OpinionState.CLOSED, OpinionState.SENT, OpinionState.ANSWERED):
        OpinionPage.objects.filter(pk=opinion.pk).update(
            frozen_content=OpinionPage.objects.get(pk=opinion.pk).letter_snapshot()
        )
    url = f"/admin/pages/{opinion.pk}/edit/"
    response = admin_client.post(url, nested_form_data({"action-publish": "1"}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"]
    frozen = state not in (OpinionState.DRAFT, OpinionState.OPEN)
    for name in ("addressee", "subject", "body"):
        assert (name in errors) is not frozen, name  # frozen fields ignore the POST
    after = OpinionPage.objects.get(pk=opinion.pk)
    assert after.title == opinion.title and after.state == state


def _console(admin_client, opinion, action, data):
    return admin_client.post(f"/admin/opinie/{opinion.pk}/{action}/", data)


@pytest.fixture
def closed(make_opinion, admin_user):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.close_signing(opinion, admin_user)
    return OpinionPage.objects.get(pk=opinion.pk)


def test_send_form_empty_and_bad(admin_client, closed):
    response = _console(admin_client, closed, "send", {})
    errors = response.context["form"].errors
    assert errors["sent_on"] == [REQUIRED] and errors["sent_via"] == [REQUIRED]
    response = _console(
        admin_client, closed, "send", {"sent_on": "2026-13-01", "sent_via": "gołąb"}
    )
    assert set(response.context["form"].errors) == {"sent_on", "sent_via"}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _console(
        admin_client, closed, "send", {"sent_on": tomorrow, "sent_via": "post"}
    )
    assert "w przyszłości" in response.context["form"].errors["sent_on"][0]
    before = closed.letter_date - datetime.timedelta(days=1)
    response = _console(
        admin_client, closed, "send", {"sent_on": before, "sent_via": "post"}
    )
    assert "przed datą" in response.context["form"].errors["sent_on"][0]
    assert OpinionPage.objects.get(pk=closed.pk).state == OpinionState.CLOSED


def test_answer_form_empty_and_bad(admin_client, closed, admin_user):
    services.mark_sent(
        closed, admin_user, sent_on=timezone.localdate(), sent_via="epuap"
    )
    response = _console(admin_client, closed, "answer", {})
    errors = response.context["form"].errors
    assert errors["answered_on"] == [REQUIRED] and errors["summary"] == [REQUIRED]
    response = _console(
        admin_client,
        closed,
        "answer",
        {"answered_on": "wczoraj", "summary": "x" * 5001, "reply_document": "999"},
    )
    assert set(response.context["form"].errors) == {
        "answered_on",
        "summary",
        "reply_document",
    }
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _console(
        admin_client, closed, "answer", {"answered_on": tomorrow, "summary": "Tak."}
    )
    assert "w przyszłości" in response.context["form"].errors["answered_on"][0]
    response = _console(
        admin_client,
        closed,
        "answer",
        {"answered_on": timezone.localdate(), "summary": "   "},
    )
    assert response.context["form"].errors["summary"]
    assert OpinionPage.objects.get(pk=closed.pk).state == OpinionState.SENT


@pytest.mark.parametrize("action", ["open", "close", "regenerate"])
def test_confirmation_forms_in_the_wrong_state_explain_and_change_nothing(
    admin_client, closed, action
):
    response = admin_client.post(f"/admin/opinie/{closed.pk}/{action}/", follow=True)
    assert response.status_code == 200
    after = OpinionPage.objects.get(pk=closed.pk)
    if action == "regenerate":  # allowed when closed
        assert after.letter_number == closed.letter_number
    else:
        assert after.state == OpinionState.CLOSED
        assert response.context["messages"]


def test_hide_comment_form_empty_and_over_long(admin_client, make_opinion, rep_a):
    opinion = make_opinion()
    comment = CommentFactory(opinion=opinion, author=rep_a)
    url = f"/admin/opinie/komentarze/{comment.pk}/ukryj/"
    response = admin_client.post(url, {"reason": ""})
    assert response.context["form"].errors["reason"] == [REQUIRED]
    response = admin_client.post(url, {"reason": "x" * 501})
    assert "500" in response.context["form"].errors["reason"][0]
    response = admin_client.post(url, {"reason": "   "})
    assert response.context["form"].errors["reason"]
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_database_constraints_speak_polish(make_opinion, rep_a, centre_a):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    with pytest.raises(ValidationError) as refused:
        Signature(opinion=opinion, centre=centre_a).validate_constraints()
    assert "Ten ośrodek już współpodpisał" in str(refused.value)
    hidden = Comment(opinion=opinion, hidden_at=timezone.now(), hidden_reason="")
    with pytest.raises(ValidationError) as refused:
        hidden.validate_constraints()
    assert "Podaj powód ukrycia komentarza" in str(refused.value)
    numbered = OpinionPage(letter_year=2024, letter_sequence=1)
    OpinionPage.objects.filter(pk=opinion.pk).update(
        letter_year=2024, letter_sequence=1
    )
    with pytest.raises(ValidationError) as refused:
        numbered.validate_constraints()
    assert "Ten numer pisma jest już zajęty" in str(refused.value)
