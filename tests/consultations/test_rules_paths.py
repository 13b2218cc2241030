"""Paths that cannot change a rule's data at all, proved absent or refused, and the
demo loader and commands that go through the same rules (docs/rules.md, "Consultations")."""

import io
from importlib import import_module

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultations import services
from consultations.admin_views import ACTIONS
from consultations.choices import OpinionState
from consultations.models import Comment, DraftLaw, OpinionEvent, OpinionPage, Signature
from tests.factories.consultations import DraftLawFactory

pytestmark = pytest.mark.django_db


def test_the_editor_form_has_no_state_signature_or_comment_fields(
    client, make_opinion, admin_user, rep_a
):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    client.force_login(admin_user)
    form = client.get(f"/admin/pages/{opinion.pk}/edit/").context["form"]
    for name in ("state", "state_version", "letter_pdf", "frozen_content", "sent_on"):
        assert name not in form.fields
    assert not {"signatures", "errata", "reminders"} & set(form.formsets)
    # "comments" there is Wagtail's editors' commenting, not the members' discussion.
    assert form.formsets["comments"].model._meta.app_label == "wagtailcore"
    data = nested_form_data(
        {
            "title": opinion.title,
            "slug": opinion.slug,
            "kind": opinion.kind,
            "addressee": opinion.addressee,
            "addressee_address": "",
            "subject": opinion.subject,
            "summary": "",
            "body": rich_text(str(opinion.body)),
            "draft_law": "",
            "signing_deadline": timezone.localtime(opinion.signing_deadline).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "state": "sent",
            "state_version": "99",
            "letter_year": "2020",
            "action-publish": "1",
        }
    )
    response = client.post(f"/admin/pages/{opinion.pk}/edit/", data)
    assert response.status_code == 302
    after = OpinionPage.objects.get(pk=opinion.pk)
    assert after.state == OpinionState.OPEN and after.state_version == 0
    assert after.letter_year is None
    assert Signature.objects.active().filter(opinion=opinion).count() == 1


def test_the_console_has_no_signing_or_commenting_action(
    client, make_opinion, admin_user
):
    assert set(ACTIONS) == {"open", "close", "regenerate", "send", "answer", "erratum"}
    opinion = make_opinion(state=OpinionState.OPEN)
    client.force_login(admin_user)
    for action in ("sign", "withdraw", "comment"):
        assert client.post(f"/admin/opinie/{opinion.pk}/{action}/").status_code == 404
    assert not Signature.objects.exists() and not Comment.objects.exists()


def test_the_draft_law_snippet_form_has_only_its_own_fields(client, admin_user):
    draft_law = DraftLawFactory()
    client.force_login(admin_user)
    response = client.get(
        f"/admin/snippets/consultations/draftlaw/edit/{draft_law.pk}/"
    )
    form = response.context["form"]
    assert set(form.fields) == {
        "title",
        "ministry",
        "number",
        "url",
        "stage",
        "consultation_deadline",
        "description",
    }
    assert set(form.formsets) == {"documents"}
    assert not any(
        field.related_model is OpinionPage for field in DraftLaw._meta.fields
    )


def test_the_centre_panel_has_no_form_of_its_own(client, make_opinion, rep_a):
    make_opinion(state=OpinionState.OPEN)
    client.force_login(rep_a)
    html = client.get("/moj-osrodek/").content.decode()
    panel = html.split('id="centre-signatures-title"', 1)[1].split("</section>", 1)[0]
    assert "<form" not in panel and "/podpis/" not in panel


def test_commands_change_no_signature_comment_or_letter(
    make_opinion, rep_a, admin_user, django_capture_on_commit_callbacks
):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    services.post_comment(opinion, rep_a, "Uwaga")
    before = OpinionPage.objects.get(pk=opinion.pk)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_opinion_reminders", stdout=out)
        call_command("close_overdue_opinions", stdout=out)
    after = OpinionPage.objects.get(pk=opinion.pk)
    assert after.state == before.state == OpinionState.OPEN
    assert Signature.objects.active().count() == 1 and Comment.objects.count() == 1
    assert not OpinionEvent.objects.exists()


def test_the_demo_letter_is_frozen_numbered_and_reloading_changes_nothing(
    home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("razem.demo", "members.demo", "consultations.demo"):
            import_module(name).load(io.StringIO())
    letter = OpinionPage.objects.get(slug="dodatek-motywacyjny-2024-2027")
    assert letter.letter_number == "RAZEM/2024/1"
    assert letter.changed_frozen_fields() == []
    assert letter.frozen_content["signing_deadline"].startswith("2024-06-25")
    stored = (letter.letter_sha256, letter.frozen_content)
    import_module("consultations.demo").load(io.StringIO())
    again = OpinionPage.objects.get(pk=letter.pk)
    assert (again.letter_sha256, again.frozen_content) == stored
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(is_superuser=True).first()
    assert not again.permissions_for_user(admin).can_delete()
