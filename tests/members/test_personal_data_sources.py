"""RODO export completeness: every installed model with a personal field is either
exported (a `razem_personal_data_sources` source) or declared exempt with a reason,
and a person with data in every source finds all of it in their export.

The introspection looks at each model's own fields (an inherited field counts for
the model that defines it): a foreign key to the user model, an e-mail or IP
address field, or a field named like personal data (first/last name, phone,
position, remarks, message, body, special needs, recipients, IP, user agent).
Rich text and stream fields named "body" are editorial content, not a person's.
"""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField

from members.services import export_personal_data
from razem.privacy import collect_personal_data, personal_data_sources

PERSONAL_NAMES = {
    "first_name",
    "last_name",
    "full_name",
    "phone",
    "position",
    "remarks",
    "message",
    "body",
    "special_needs",
    "recipients",
    "ip",
    "ip_address",
    "user_agent",
}
PERSONAL_TOKENS = {"email", "phone", "remarks", "message", "ip", "recipients"}
EDITORIAL = (RichTextField, StreamField)


def _is_personal(field) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if field.is_relation:
        return field.related_model is user_model
    if isinstance(field, models.EmailField | models.GenericIPAddressField):
        return True
    if isinstance(field, EDITORIAL):
        return False
    name = field.name
    return (
        name in PERSONAL_NAMES
        or bool(set(name.split("_")) & PERSONAL_TOKENS)
        or name.startswith("special_needs")
    )


def personal_models() -> dict[str, list[str]]:
    """{model label: its personal fields} for every installed concrete model."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
        personal = [f.name for f in fields if _is_personal(f)]
        if personal:
            found[model._meta.label] = personal
    return found


# Models that must be declared however the heuristic above evolves.
ALWAYS_DECLARED = {
    "members.User",
    "account.EmailAddress",
    "mfa.Authenticator",
    "sessions.Session",
    "admin.LogEntry",
    "django_tasks_database.DBTaskResult",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailcore.Revision",
    "wagtailusers.UserProfile",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailforms.FormSubmission",
}


def test_every_model_with_a_personal_field_is_exported_or_exempt():
    declared = {source.model for source in personal_data_sources()}
    wanted = set(personal_models()) | ALWAYS_DECLARED
    missing = {
        label: fields
        for label, fields in personal_models().items()
        if label not in declared
    }
    missing.update({label: ["(always)"] for label in ALWAYS_DECLARED - declared})
    assert wanted, "the introspection found nothing"
    assert not missing, (
        "Models with personal data that no `razem_personal_data_sources` source "
        f"exports or declares exempt: {missing}"
    )


def test_every_source_names_an_installed_model_and_exemptions_give_reasons():
    for source in personal_data_sources():
        apps.get_model(source.model)  # raises LookupError for a wrong label
        if source.export is None:
            assert len(source.exempt) > 30, source.model


def test_the_heuristic_finds_the_known_personal_fields():
    found = personal_models()
    assert {"user"} <= set(found["members.Membership"])
    assert {"first_name", "last_name", "email", "phone", "message"} <= set(
        found["members.Application"]
    )
    assert "user" in found["wagtailcore.PageLogEntry"]
    assert "email" in found["account.EmailAddress"]


# The export of a person with data everywhere ----------------------------------------


@pytest.fixture
def everything(db, home_page, rf):
    """A person (association staff and a centre's representative) with rows in
    every source the members app and the house declare."""
    from allauth.account.models import EmailAddress
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.base import ContentFile
    from wagtail.admin.models import FormState
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.log_actions import log
    from wagtail.models import (
        APIToken,
        Comment,
        CommentReply,
        Page,
        PageSubscription,
        TaskState,
        UploadedFile,
        Workflow,
        WorkflowState,
    )
    from wagtail.users.models import UserProfile

    from members.choices import ApplicationStatus, Role
    from tests.factories.members import (
        ApplicationFactory,
        CentreFactory,
        MembershipFactory,
        UserFactory,
        invitation,
    )

    from .conftest import activate_totp

    person = UserFactory(
        email="wszystko@example.test",
        first_name="Wiesława",
        last_name="Wszystkowska",
        is_staff=True,
    )
    EmailAddress.objects.create(user=person, email="druga@example.test", verified=True)
    activate_totp(person)
    centre = CentreFactory(name="GOPS Wszędzie")
    MembershipFactory(user=person, centre=centre, role=Role.REPRESENTATIVE)
    ApplicationFactory(email="Wszystko@Example.test", message="Znacznik-wniosku")
    ApplicationFactory(
        status=ApplicationStatus.REJECTED,
        decided_by=person,
        decided_at=timezone.now(),
        decision_reason="Znacznik-decyzji",
    )
    invitation(centre, email="wszystko@example.test", used_at=timezone.now())
    invitation(centre, email="zaproszona@example.test", invited_by=person)
    page = Page.objects.get(pk=home_page.pk).specific
    page.owner = person
    page.save()
    log(instance=page, action="wagtail.edit", user=person)
    log(instance=centre, action="members.centre_contacts", user=person)
    revision = page.save_revision(user=person)
    comment = Comment.objects.create(
        page=page, user=person, text="Znacznik-komentarza", contentpath="title"
    )
    CommentReply.objects.create(comment=comment, user=person, text="Znacznik-odp")
    PageSubscription.objects.create(page=page, user=person, comment_notifications=True)
    UserProfile.get_for_user(person)
    get_image_model().objects.create(
        title="Znacznik-obrazu",
        file=ContentFile(_png(), name="znacznik.png"),
        uploaded_by_user=person,
    )
    get_document_model().objects.create(
        title="Znacznik-dokumentu",
        file=ContentFile(b"x", name="znacznik.txt"),
        uploaded_by_user=person,
    )
    UploadedFile.objects.create(
        file=ContentFile(b"x", name="w-toku.png"), uploaded_by_user=person
    )
    workflow = Workflow.objects.create(name="Akceptacja")
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(Page),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        workflow=workflow,
        requested_by=person,
        status=WorkflowState.STATUS_APPROVED,
    )
    TaskState.objects.create(
        workflow_state=state,
        revision=revision,
        task=_task(),
        status=TaskState.STATUS_APPROVED,
        finished_by=person,
        finished_at=timezone.now(),
        comment="Znacznik-moderacji",
    )
    FormState.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        data='{"title": "Znacznik-szkicu"}',
        last_updated_at=timezone.now(),
    )
    APIToken.objects.create(user=person, name="Znacznik-tokenu", key_hash="h" * 64)
    LogEntry.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(centre),
        object_id=str(centre.pk),
        object_repr="Znacznik-dziennika",
        action_flag=ADDITION,
    )
    session = SessionStore()
    session["_auth_user_id"] = str(person.pk)
    session.set_expiry(timedelta(hours=1))
    session.create()
    FormSubmission.objects.create(
        page=page,
        form_data={"e_mail": "DRUGA@example.test", "wiadomosc": "Znacznik-kontaktu"},
    )
    return person


def _png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
        "60e6kgAAAABJRU5ErkJggg=="
    )


def _task():
    from wagtail.models import Task

    return Task.objects.create(name="Zadanie")


# What each source of the members app and of the house must show for the person.
EXPECTED = {
    "account": "Wiesława",
    "email_addresses": "druga@example.test",
    "two_factor": "totp",
    "membership": "GOPS Wszędzie",
    "applications": "Znacznik-wniosku",
    "applications_decided": "Znacznik-decyzji",
    "invitations_received": "wszystko@example.test",
    "invitations_sent": "zaproszona@example.test",
    "audit_entries": "members.centre_contacts",
    "revisions": "created_at",
    "pages": "url_path",
    "page_comments": "Znacznik-komentarza",
    "page_comment_replies": "Znacznik-odp",
    "page_subscriptions": "comment_notifications",
    "admin_profile": "preferred_language",
    "uploads": "Znacznik-dokumentu",
    "moderation": "Znacznik-moderacji",
    "editor_form_states": "Znacznik-szkicu",
    "api_tokens": "Znacznik-tokenu",
    "django_admin_log": "Znacznik-dziennika",
    "sessions": "expires_at",
    "contact_messages": "Znacznik-kontaktu",
}


def test_the_export_of_a_person_with_data_everywhere_contains_all_of_it(everything):
    data = collect_personal_data(everything)
    ours = {
        source.key
        for source in personal_data_sources()
        if source.export is not None
        and source.export.__module__
        in ("members.services.privacy", "razem.privacy_sources")
    }
    assert ours == set(EXPECTED), ours ^ set(EXPECTED)
    for key, marker in EXPECTED.items():
        assert data.get(key), f"{key} is empty"
        assert marker in json.dumps(data[key], ensure_ascii=False), key
    text = json.dumps(data, ensure_ascii=False)
    assert "Znacznik-obrazu" in text and "w-toku" in text
    assert "wagtail.edit" in text  # page audit entries as well as model ones


def test_the_export_holds_no_secrets(everything):
    from allauth.mfa.models import Authenticator

    text = json.dumps(export_personal_data(everything), ensure_ascii=False)
    secret = Authenticator.objects.get(user=everything).data.get("secret", "")
    assert secret and secret not in text
    assert everything.password not in text
    assert "h" * 64 not in text


def test_the_download_is_the_whole_export(client, everything):
    client.force_login(everything)
    data = json.loads(client.get("/moj-osrodek/moje-dane/").content)
    assert set(EXPECTED) <= set(data)
    assert data["exported_at"]
