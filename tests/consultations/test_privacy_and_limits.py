"""The person's data in the RODO export, and length limits at the model and the form."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Comment, DraftLaw, OpinionPage, Reminder
from razem.privacy import collect_personal_data, personal_data_sources
from tests.factories.consultations import DraftLawFactory

pytestmark = pytest.mark.django_db


def test_every_consultations_model_with_personal_data_is_declared():
    declared = {source.model for source in personal_data_sources()}
    user_model = apps.get_model("members", "User")
    for model in apps.get_app_config("consultations").get_models():
        personal = any(
            getattr(field, "related_model", None) is user_model
            or field.name in {"body", "recipients", "email"}
            for field in model._meta.get_fields(include_parents=False)
        )
        if personal:
            assert model._meta.label in declared, model._meta.label


def test_the_export_holds_comments_cosignatures_reminders_events_and_errata(
    make_opinion, rep_a, admin_user, centre_a
):
    opinion = make_opinion(state=OpinionState.OPEN)
    signature = services.sign_opinion(opinion, rep_a)
    services.withdraw_signature(opinion, rep_a, signature_id=signature.pk)
    services.sign_opinion(opinion, rep_a)
    comment = services.post_comment(opinion, rep_a, "Popieramy w całości.")
    services.hide_comment(comment, admin_user, "Poza tematem")
    Reminder.objects.create(
        opinion=opinion, centre=centre_a, recipients=f"inny@a.test, {rep_a.email}"
    )
    services.close_signing(opinion, admin_user)
    services.mark_sent(
        opinion, admin_user, sent_on=timezone.localdate(), sent_via="post"
    )
    services.add_erratum(
        opinion, admin_user, dated=timezone.localdate(), body="Poprawka daty."
    )

    data = collect_personal_data(rep_a)
    json.dumps(data)  # JSON-ready
    assert [c["body_html"] for c in data["opinion_comments"]] == [
        "<p>Popieramy w całości.</p>"
    ]
    assert data["opinion_comments"][0]["hidden_reason"] == "Poza tematem"
    signatures = data["opinion_cosignatures"]
    assert len(signatures) == 2 and signatures[0]["withdrawn_by_you"] is True
    assert signatures[1]["withdrawn_at"] is None
    assert [r["centre"] for r in data["opinion_reminders"]] == [centre_a.name]
    assert data["opinion_state_changes"] == [] and data["opinion_errata"] == []

    staff = collect_personal_data(admin_user)
    assert [e["to_state"] for e in staff["opinion_state_changes"]] == [
        "closed",
        "sent",
    ]
    assert staff["opinion_state_changes"][1]["to_state_label"] == "wysłano"
    assert staff["opinion_comments_moderated"][0]["reason"] == "Poza tematem"
    assert staff["opinion_errata"][0]["body"] == "Poprawka daty."


def test_a_reminder_to_a_similar_address_is_not_the_persons(
    make_opinion, rep_a, centre_a
):
    opinion = make_opinion(state=OpinionState.OPEN)
    Reminder.objects.create(
        opinion=opinion, centre=centre_a, recipients=f"x{rep_a.email}"
    )
    assert collect_personal_data(rep_a)["opinion_reminders"] == []


@pytest.mark.parametrize(
    ("model", "field", "limit"),
    [
        (Comment, "body", 20000),
        (Reminder, "recipients", 5000),
        (DraftLaw, "description", 5000),
        (OpinionPage, "summary", 1000),
        (OpinionPage, "addressee_address", 500),
        (OpinionPage, "reply_summary", 5000),
    ],
)
def test_every_text_field_has_a_limit_the_model_enforces(model, field, limit):
    db_field = model._meta.get_field(field)
    assert db_field.max_length == limit
    with pytest.raises(ValidationError):
        db_field.clean("x" * (limit + 1), model())


def test_the_rich_text_body_is_limited_by_its_text(make_opinion):
    opinion = OpinionPage.objects.get(pk=make_opinion().pk)
    opinion.body = "<p>" + "a" * 30001 + "</p>"
    with pytest.raises(ValidationError) as refused:
        opinion.full_clean()
    assert "body" in refused.value.message_dict
    opinion.body = "<p><b>" + "a" * 29000 + "</b></p>"  # tags do not count
    opinion.full_clean()


def test_the_comment_service_refuses_a_text_over_the_limit(make_opinion, rep_a):
    opinion = make_opinion()
    with pytest.raises(services.comments.CommentRefused, match="najwyżej 5000"):
        services.post_comment(opinion, rep_a, "x" * 5001)
    links = " ".join(["http://a.pl"] * 400)  # within 5000, longer once linked
    with pytest.raises(services.comments.CommentRefused, match="skróć"):
        services.post_comment(opinion, rep_a, links)
    assert not Comment.objects.exists()


def test_the_moderation_reason_has_a_limit(make_opinion, rep_a, admin_user):
    comment = services.post_comment(make_opinion(), rep_a, "Uwaga")
    with pytest.raises(services.comments.CommentRefused, match="najwyżej 500"):
        services.hide_comment(comment, admin_user, "x" * 501)
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_draft_law_description_limit_in_the_snippet_form(client, admin_user):
    draft_law = DraftLawFactory()
    client.force_login(admin_user)
    response = client.post(
        f"/admin/snippets/consultations/draftlaw/edit/{draft_law.pk}/",
        {
            "title": draft_law.title,
            "ministry": draft_law.ministry,
            "number": draft_law.number,
            "url": "",
            "stage": "consultation",
            "consultation_deadline": "",
            "description": "x" * 5001,
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
