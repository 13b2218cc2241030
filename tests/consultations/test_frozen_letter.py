"""A closed or sent letter's text is frozen on every path that could change it.

Paths: the page editor (edit + publish, save draft then publish, revert to a
revision, scheduled publishing), copy, unpublish, move, delete (page and parent), a
script or command saving the model, and the draft-law snippet the letter names.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultations import services
from consultations.choices import OpinionState
from consultations.models import FROZEN_FIELDS, OpinionPage
from tests.factories.consultations import DraftLawFactory

pytestmark = pytest.mark.django_db

SENT_BODY = "<p>Zwracamy się z prośbą o rozszerzenie programu na wszystkich.</p>"
FORGED = "<p>Słowa, których ministerstwo nigdy nie dostało.</p>"


def _reload(page) -> OpinionPage:
    return OpinionPage.objects.get(pk=page.pk)


def _errors(response) -> str:
    """The editor form's errors, for a failing assertion's message."""
    if not response.context or "form" not in response.context:
        return response.content.decode()[:2000]
    form = response.context["form"]
    formsets = {name: fs.errors for name, fs in getattr(form, "formsets", {}).items()}
    return f"{form.errors.as_data()} {formsets}"


def _editor_data(page, **changes) -> dict:
    """The editor form as posted, with the page's values and the given changes."""
    deadline = timezone.localtime(page.signing_deadline)
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": page.kind,
        "addressee": page.addressee,
        "addressee_address": page.addressee_address,
        "subject": page.subject,
        "summary": page.summary,
        "body": rich_text(str(page.body)),
        "draft_law": page.draft_law_id or "",
        "signing_deadline": deadline.strftime("%Y-%m-%d %H:%M"),
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def open_opinion(make_opinion, rep_a):
    """An open opinion with one co-signature and a draft law."""
    opinion = make_opinion(
        state=OpinionState.OPEN, body=SENT_BODY, draft_law=DraftLawFactory()
    )
    services.sign_opinion(opinion, rep_a)
    return _reload(opinion)


@pytest.fixture
def closed_opinion(open_opinion, admin_user):
    """Signing closed: the letter is generated, numbered and its text frozen."""
    services.close_signing(open_opinion, admin_user)
    return _reload(open_opinion)


@pytest.fixture
def sent_opinion(closed_opinion, admin_user):
    """The letter has gone to the ministry."""
    services.mark_sent(
        closed_opinion, admin_user, sent_on=timezone.localdate(), sent_via="epuap"
    )
    return _reload(closed_opinion)


FROZEN = ["closed_opinion", "sent_opinion"]


def _answered(sent_opinion, admin_user):
    services.mark_answered(
        sent_opinion,
        admin_user,
        answered_on=timezone.localdate(),
        summary="Ministerstwo rozważy wniosek.",
    )
    return _reload(sent_opinion)


def test_closing_stores_the_snapshot_of_what_the_letter_was_made_of(closed_opinion):
    snapshot = closed_opinion.frozen_content
    assert snapshot["body"] == SENT_BODY
    assert snapshot["draft_law"] == closed_opinion.draft_law_id
    assert set(snapshot) == set(FROZEN_FIELDS)
    assert closed_opinion.changed_frozen_fields() == []


@pytest.mark.parametrize("which", [*FROZEN, "answered"])
def test_editor_shows_the_letters_fields_read_only(client, request, admin_user, which):
    if which == "answered":
        page = _answered(request.getfixturevalue("sent_opinion"), admin_user)
    else:
        page = request.getfixturevalue(which)
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    form = response.context["form"]
    assert sorted(form.frozen_fields) == sorted(FROZEN_FIELDS)
    assert all(form.fields[name].disabled for name in FROZEN_FIELDS)
    assert not form.fields["summary"].disabled
    html = response.content.decode()
    assert 'name="body"' not in html  # shown as text, not as an editor
    assert "Zwracamy się z prośbą" in html


def test_editor_of_an_open_opinion_still_edits_the_text(
    client, open_opinion, admin_user
):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{open_opinion.pk}/edit/")
    assert response.context["form"].frozen_fields == []
    data = _editor_data(open_opinion, body=rich_text(FORGED), **{"action-publish": "1"})
    response = client.post(f"/admin/pages/{open_opinion.pk}/edit/", data)
    assert response.status_code == 302
    assert "nigdy nie dostało" in str(_reload(open_opinion).body)


@pytest.mark.parametrize("which", FROZEN)
def test_edit_and_publish_refuses_posted_letter_fields(
    client, request, admin_user, which
):
    """Forged (or stale) values for the letter's fields: refused, nothing changes."""
    page = request.getfixturevalue(which)
    client.force_login(admin_user)
    data = _editor_data(
        page,
        body=rich_text(FORGED),
        subject="Inny temat",
        addressee="Ktoś inny",
        addressee_address="ul. Fałszywa 1",
        kind="wniosek",
        draft_law="",
        signing_deadline="2030-01-01 12:00",
        summary="Nowe streszczenie na listy.",
        **{"action-publish": "1"},
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(FROZEN_FIELDS) <= set(form.errors), _errors(response)
    after = _reload(page)
    assert after.summary == page.summary  # nothing saved
    assert after.letter_snapshot() == page.frozen_content
    assert after.live_revision.as_object().body == SENT_BODY
    public = client.get(after.url).content.decode()
    assert "nigdy nie dostało" not in public
    # The read-only editor posts no letter fields: the rest still edits.
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "Nowe streszczenie na listy.",
            "action-publish": "1",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, _errors(response)
    after = _reload(page)
    assert after.summary == "Nowe streszczenie na listy."
    assert after.letter_snapshot() == page.frozen_content


def test_save_draft_then_publish_from_the_listing_keeps_the_text(
    client, sent_opinion, admin_user
):
    client.force_login(admin_user)
    data = _editor_data(sent_opinion, body=rich_text(FORGED), title="Nowy tytuł")
    response = client.post(f"/admin/pages/{sent_opinion.pk}/edit/", data)
    assert response.status_code == 200 and "body" in response.context["form"].errors
    data = nested_form_data(
        {"title": "Nowy tytuł", "slug": sent_opinion.slug, "summary": ""}
    )
    response = client.post(f"/admin/pages/{sent_opinion.pk}/edit/", data)
    assert response.status_code == 302, _errors(response)
    draft = _reload(sent_opinion).get_latest_revision()
    assert draft.content["body"] == SENT_BODY
    draft.publish(user=admin_user)  # "Publish" in the listing's menu does this
    after = _reload(sent_opinion)
    assert after.title == "Nowy tytuł" and after.body == SENT_BODY


@pytest.mark.parametrize("field", ["body", "subject", "addressee", "kind"])
def test_model_refuses_a_changed_letter_field(sent_opinion, field):
    """A shell, a script or a management command saving the page is refused."""
    page = _reload(sent_opinion)
    value = "wniosek" if field == "kind" else "<p>Inna treść.</p>"
    if field == "kind" and page.kind == "wniosek":
        value = "opinia"
    setattr(page, field, value)
    with pytest.raises(ValidationError) as refused:
        page.save()
    assert field in refused.value.message_dict
    assert "nie może się ona zmienić" in refused.value.message_dict[field][0]
    with pytest.raises(ValidationError):
        page.save_revision()
    assert getattr(_reload(sent_opinion), field) == getattr(sent_opinion, field)


def test_model_refuses_changing_the_deadline_after_closing(closed_opinion):
    page = _reload(closed_opinion)
    page.signing_deadline = timezone.now() + datetime.timedelta(days=30)
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert "signing_deadline" in refused.value.message_dict


def test_an_old_revision_published_later_cannot_bring_old_text_back(
    open_opinion, admin_user
):
    open_opinion.body = FORGED
    old = open_opinion.save_revision(user=admin_user)  # a draft while still open
    services.close_signing(open_opinion, admin_user)
    old.publish(user=admin_user)
    after = _reload(open_opinion)
    assert after.body == SENT_BODY
    assert after.state == OpinionState.CLOSED


def test_revert_to_an_old_revision_keeps_the_letters_text(
    client, open_opinion, admin_user
):
    open_opinion.body = FORGED
    old = open_opinion.save_revision(user=admin_user)
    services.close_signing(open_opinion, admin_user)
    client.force_login(admin_user)
    url = f"/admin/pages/{open_opinion.pk}/revisions/{old.pk}/revert/"
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["body"] == SENT_BODY
    page = _reload(open_opinion)
    data = _editor_data(page, body=rich_text(FORGED), **{"action-publish": "1"})
    response = client.post(url, data)
    assert response.status_code == 200 and "body" in response.context["form"].errors
    assert _reload(open_opinion).body == SENT_BODY
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "action-publish": "1"}
    )
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert _reload(open_opinion).body == SENT_BODY


def test_closing_cancels_a_scheduled_publish_and_a_later_one_keeps_the_text(
    open_opinion, admin_user, index
):
    go_live = timezone.now() + datetime.timedelta(minutes=1)
    open_opinion.body = FORGED
    scheduled = open_opinion.save_revision(user=admin_user, approved_go_live_at=go_live)
    services.close_signing(open_opinion, admin_user)
    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is None  # closing cancelled it
    # Scheduled again after closing by any means: publishing keeps the letter's text,
    # and the command goes on to publish the other pages due.
    scheduled.approved_go_live_at = go_live
    scheduled.save(update_fields=["approved_go_live_at"])
    other = index.add_child(instance=Page(title="Inna strona", slug="inna", live=False))
    other.save_revision(approved_go_live_at=go_live)
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert _reload(open_opinion).body == SENT_BODY
    assert Page.objects.get(pk=other.pk).live


def test_copy_is_a_fresh_draft_and_the_sent_original_is_untouched(
    sent_opinion, admin_user
):
    copy = sent_opinion.copy(
        update_attrs={"slug": "kopia-pisma", "title": "Kopia"}, user=admin_user
    )
    copy = _reload(copy)
    assert copy.state == OpinionState.DRAFT
    assert copy.frozen_content == {} and copy.letter_number == ""
    assert copy.letter_sha256 == "" and not copy.errata.exists()
    copy.body = FORGED
    copy.save_revision().publish()  # the copy is a new draft: it edits freely
    assert _reload(sent_opinion).body == SENT_BODY
    assert _reload(sent_opinion).letter_snapshot() == sent_opinion.frozen_content


@pytest.mark.parametrize("which", ["open_opinion", *FROZEN])
def test_a_public_opinion_cannot_be_unpublished_or_deleted_in_the_editor(
    client, request, admin_user, which
):
    page = request.getfixturevalue(which)
    permissions = page.permissions_for_user(admin_user)
    assert not permissions.can_unpublish() and not permissions.can_delete()
    client.force_login(admin_user)
    for action in ("unpublish", "delete"):
        response = client.post(f"/admin/pages/{page.pk}/{action}/", follow=True)
        assert response.redirect_chain[0] == ("/admin/", 302)  # Wagtail's refusal
    after = _reload(page)
    assert after.live


def test_a_draft_opinion_may_still_be_deleted(client, make_opinion, admin_user):
    draft = make_opinion()
    assert draft.permissions_for_user(admin_user).can_delete()
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{draft.pk}/delete/")
    assert response.status_code == 302
    assert not OpinionPage.objects.filter(pk=draft.pk).exists()


def test_the_index_holding_public_opinions_cannot_be_deleted(
    client, sent_opinion, index, admin_user
):
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{index.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "nie można ich usunąć" in response.content.decode()
    assert OpinionPage.objects.filter(pk=sent_opinion.pk).exists()


def test_no_script_deletes_a_public_opinion(sent_opinion, index):
    with pytest.raises(ProtectedError), transaction.atomic():
        _reload(sent_opinion).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Page.objects.get(pk=index.pk).delete()  # the parent takes its children
    assert OpinionPage.objects.filter(pk=sent_opinion.pk).exists()


def test_a_sent_opinion_cannot_move_out_of_the_opinion_index(
    client, sent_opinion, home_page, admin_user
):
    permissions = sent_opinion.permissions_for_user(admin_user)
    assert not permissions.can_move_to(home_page)
    client.force_login(admin_user)
    url = f"/admin/pages/{sent_opinion.pk}/move/{home_page.pk}/confirm/"
    response = client.post(url, follow=True)
    assert response.redirect_chain[0] == ("/admin/", 302)
    assert _reload(sent_opinion).get_parent().pk != home_page.pk


def test_draft_law_named_by_a_sent_letter_keeps_its_printed_fields(
    client, sent_opinion, admin_user
):
    draft_law = sent_opinion.draft_law
    client.force_login(admin_user)
    url = f"/admin/snippets/consultations/draftlaw/edit/{draft_law.pk}/"
    data = nested_form_data(
        {
            "title": "Zupełnie inny projekt",
            "ministry": draft_law.ministry,
            "number": "UD999",
            "url": draft_law.url,
            "stage": "parliament",
            "consultation_deadline": "",
            "description": "Etap sejmowy.",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "nie mogą się zmienić" in errors["title"][0]
    assert "number" in errors
    draft_law.refresh_from_db()
    assert draft_law.number != "UD999"
    # The stage and the rest still follow the legislative process.
    data["title"], data["number"] = draft_law.title, draft_law.number
    assert client.post(url, data).status_code == 302
    draft_law.refresh_from_db()
    assert draft_law.stage == "parliament"


def test_draft_law_named_by_an_opinion_cannot_be_deleted(
    client, sent_opinion, admin_user
):
    draft_law = sent_opinion.draft_law
    client.force_login(admin_user)
    url = f"/admin/snippets/consultations/draftlaw/delete/{draft_law.pk}/"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    draft_law.refresh_from_db()
    assert _reload(sent_opinion).draft_law_id == draft_law.pk


def test_a_public_opinion_cannot_be_given_an_expiry_date(
    client, open_opinion, admin_user
):
    client.force_login(admin_user)
    data = _editor_data(
        open_opinion,
        expire_at=(timezone.localtime() + datetime.timedelta(days=1)).strftime(
            "%Y-%m-%d %H:%M"
        ),
        **{"action-publish": "1"},
    )
    response = client.post(f"/admin/pages/{open_opinion.pk}/edit/", data)
    assert response.status_code == 200
    assert "usuń datę wygaśnięcia" in response.context["form"].errors["expire_at"][0]
    assert _reload(open_opinion).expire_at is None


def test_an_expiry_set_on_the_draft_is_cleared_when_it_opens(make_opinion, admin_user):
    draft = make_opinion()
    expiry = timezone.now() + datetime.timedelta(minutes=1)
    OpinionPage.objects.filter(pk=draft.pk).update(expire_at=expiry)
    services.open_for_signatures(draft, admin_user)
    with time_machine.travel(expiry + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    after = _reload(draft)
    assert after.live and after.expire_at is None
