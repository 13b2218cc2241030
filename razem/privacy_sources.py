"""Personal-data sources of the third-party models (Wagtail, Django, allauth,
django-tasks) and of the house's own settings models, for the RODO export.

Each feature app declares its own models in its `wagtail_hooks.py`; these are the
models no feature app owns (allauth's e-mail addresses and two-factor methods are
declared by the members app, which manages accounts). `sources()` is registered
with the `razem_personal_data_sources` hook when `razem/wagtail_hooks.py` imports
this module. A person's export holds the rows whose user is the person (their
audit entries, revisions, comments...); what is not exported says why. Values are
JSON-ready: ISO dates, labels beside codes.
"""

import unicodedata

from django.apps import apps
from django.utils import timezone
from wagtail import hooks

from .privacy import HOOK, PersonalDataSource, iso


def _iso(value):
    return iso(value)


def _fold(address: str) -> str:
    folded = unicodedata.normalize("NFKC", (address or "").strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def _addresses(user) -> set[str]:
    """The person's login and verified addresses, folded for comparison."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True)
    return {_fold(user.email)} | {
        _fold(address) for address in verified.values_list("email", flat=True)
    }


def _object_label(entry) -> str:
    return str(getattr(entry, "label", "") or getattr(entry, "object_repr", ""))


def _log_rows(model, user) -> list[dict]:
    entries = model.objects.filter(user=user).select_related("content_type")
    return [
        {
            "timestamp": _iso(entry.timestamp),
            "action": entry.action,
            "action_label": str(entry.message),
            "object_type": entry.content_type.name if entry.content_type else "",
            "object": _object_label(entry),
        }
        for entry in entries.order_by("timestamp")
    ]


def page_audit_entries(user) -> list[dict]:
    """Wagtail's audit log of pages: what the person did to them."""
    from wagtail.models import PageLogEntry

    return _log_rows(PageLogEntry, user)


def model_audit_entries(user) -> list[dict]:
    """Wagtail's audit log of other objects (centres, applications, invitations,
    registrations...): what the person did."""
    from wagtail.models import ModelLogEntry

    return _log_rows(ModelLogEntry, user)


def revisions(user) -> list[dict]:
    """Page and snippet revisions the person saved (the object, not the content)."""
    from wagtail.models import Revision

    return [
        {
            "created_at": _iso(revision.created_at),
            "object": revision.object_str,
            "object_type": revision.content_type.name,
        }
        for revision in Revision.objects.filter(user=user).select_related(
            "content_type"
        )
    ]


def pages(user) -> list[dict]:
    """Pages the person owns or has locked."""
    from django.db.models import Q
    from wagtail.models import Page

    found = Page.objects.filter(Q(owner=user) | Q(locked_by=user)).order_by("path")
    return [
        {
            "title": page.title,
            "url_path": page.url_path,
            "owner": page.owner_id == user.pk,
            "locked": page.locked_by_id == user.pk,
            "first_published_at": _iso(page.first_published_at),
        }
        for page in found
    ]


def comments(user) -> list[dict]:
    """Comments on pages in the Wagtail editor."""
    from wagtail.models import Comment

    return [
        {
            "page": comment.page.title,
            "text": comment.text,
            "created_at": _iso(comment.created_at),
            "resolved_at": _iso(comment.resolved_at),
        }
        for comment in Comment.objects.filter(user=user).select_related("page")
    ]


def comment_replies(user) -> list[dict]:
    """Replies to comments in the Wagtail editor."""
    from wagtail.models import CommentReply

    return [
        {
            "page": reply.comment.page.title,
            "text": reply.text,
            "created_at": _iso(reply.created_at),
        }
        for reply in CommentReply.objects.filter(user=user).select_related(
            "comment__page"
        )
    ]


def page_subscriptions(user) -> list[dict]:
    """Pages whose comments the person is notified of."""
    from wagtail.models import PageSubscription

    return [
        {"page": s.page.title, "comment_notifications": s.comment_notifications}
        for s in PageSubscription.objects.filter(user=user).select_related("page")
    ]


def admin_profile(user) -> dict | None:
    """The person's admin preferences (language, time zone, notifications)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
        "avatar": profile.avatar.name if profile.avatar else "",
        "submitted_notifications": profile.submitted_notifications,
        "approved_notifications": profile.approved_notifications,
        "rejected_notifications": profile.rejected_notifications,
        "updated_comments_notifications": profile.updated_comments_notifications,
        "theme": profile.theme,
    }


def _uploaded(kind: str, model, user) -> list[dict]:
    return [
        {"kind": kind, "title": item.title, "created_at": _iso(item.created_at)}
        for item in model.objects.filter(uploaded_by_user=user)
    ]


def uploaded_images(user) -> list[dict]:
    """Images the person uploaded."""
    from wagtail.images import get_image_model

    return _uploaded("image", get_image_model(), user)


def uploaded_documents(user) -> list[dict]:
    """Documents the person uploaded."""
    from wagtail.documents import get_document_model

    return _uploaded("document", get_document_model(), user)


def unfinished_uploads(user) -> list[dict]:
    """Files the person started uploading in the admin and has not finished."""
    from wagtail.models import UploadedFile

    return [
        {"kind": "upload", "title": item.file.name, "created_at": None}
        for item in UploadedFile.objects.filter(uploaded_by_user=user)
    ]


def moderation_requests(user) -> list[dict]:
    """Moderation the person asked for."""
    from wagtail.models import WorkflowState

    return [
        {
            "kind": "requested",
            "object": str(state.content_object or ""),
            "status": state.status,
            "at": _iso(state.created_at),
            "comment": "",
        }
        for state in WorkflowState.objects.filter(requested_by=user)
    ]


def moderation_decisions(user) -> list[dict]:
    """Moderation steps the person decided, with their comment."""
    from wagtail.models import TaskState

    return [
        {
            "kind": "decided",
            "object": str(task.workflow_state.content_object or ""),
            "status": task.status,
            "at": _iso(task.finished_at),
            "comment": task.comment,
        }
        for task in TaskState.objects.filter(finished_by=user).select_related(
            "workflow_state"
        )
    ]


def editor_form_states(user) -> list[dict]:
    """Forms the person left unsaved in the admin (kept so nothing typed is lost)."""
    from wagtail.admin.models import FormState

    return [
        {
            "object_type": state.content_type.name if state.content_type else "",
            "object_id": state.object_id,
            "last_updated_at": _iso(state.last_updated_at),
            "data": state.data,
        }
        for state in FormState.objects.filter(user=user).select_related("content_type")
    ]


def api_tokens(user) -> list[dict]:
    """The person's API tokens (never the key)."""
    from wagtail.models import APIToken

    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "created": _iso(token.created),
            "last_used_at": _iso(token.last_used_at),
            "revoked_at": _iso(token.revoked_at),
        }
        for token in APIToken.objects.filter(user=user)
    ]


def django_admin_log(user) -> list[dict]:
    """Entries of Django's own admin log (the portal uses Wagtail's; kept for
    completeness)."""
    from django.contrib.admin.models import LogEntry

    return [
        {
            "action_time": _iso(entry.action_time),
            "object": entry.object_repr,
            "change": entry.get_change_message(),
        }
        for entry in LogEntry.objects.filter(user=user)
    ]


def sessions(user) -> list[dict]:
    """The person's active sessions (when each ends; no content)."""
    from django.contrib.sessions.models import Session

    return [
        {"expires_at": _iso(session.expire_date)}
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]


def contact_messages(user) -> list[dict]:
    """Messages sent through the contact form with one of the person's addresses."""
    from wagtail.contrib.forms.models import FormSubmission

    addresses = _addresses(user)
    found = []
    for submission in FormSubmission.objects.select_related("page").order_by("pk"):
        values = {_fold(str(value)) for value in submission.form_data.values()}
        if values & addresses:
            found.append(
                {
                    "page": submission.page.title,
                    "submitted_at": _iso(submission.submit_time),
                    "data": submission.form_data,
                }
            )
    return found


EXEMPT = {
    "django_tasks_database.DBTaskResult": (
        "Queued e-mails (recipients and the message's context) while they are sent; "
        "technical copies of messages, deleted 14 days after the task finished "
        "(razem.retention.prune_task_results)."
    ),
    "wagtailadmin.EditingSession": (
        "A presence marker while the person has an admin editor open (who else is "
        "editing), refreshed every minute and deleted with the account; no content."
    ),
    "wagtailsearch.IndexEntry": (
        "The search index of published pages and documents: copies of public "
        "content, not records about a person."
    ),
    "wagtailsearch.SQLiteFTSIndexEntry": (
        "The SQLite full-text search index of published content: copies of public "
        "content, not records about a person."
    ),
    "account.EmailConfirmation": (
        "Stored e-mail confirmation keys are not used (confirmations are signed "
        "links); an address's rows go with the address."
    ),
    "razem.ContactPage": (
        "The contact page's sender address is the association's own mailbox."
    ),
    "razem.AssociationSettings": (
        "The association's own address, phone and e-mail shown in the footer."
    ),
}


EXPORTED = [
    ("wagtailcore.PageLogEntry", "audit_entries", page_audit_entries),
    ("wagtailcore.ModelLogEntry", "audit_entries", model_audit_entries),
    ("wagtailcore.Revision", "revisions", revisions),
    ("wagtailcore.Page", "pages", pages),
    ("wagtailcore.Comment", "page_comments", comments),
    ("wagtailcore.CommentReply", "page_comment_replies", comment_replies),
    ("wagtailcore.PageSubscription", "page_subscriptions", page_subscriptions),
    ("wagtailusers.UserProfile", "admin_profile", admin_profile),
    ("wagtailimages.Image", "uploads", uploaded_images),
    ("wagtaildocs.Document", "uploads", uploaded_documents),
    ("wagtailcore.UploadedFile", "uploads", unfinished_uploads),
    ("wagtailcore.WorkflowState", "moderation", moderation_requests),
    ("wagtailcore.TaskState", "moderation", moderation_decisions),
    ("wagtailadmin.FormState", "editor_form_states", editor_form_states),
    ("wagtailcore.APIToken", "api_tokens", api_tokens),
    ("admin.LogEntry", "django_admin_log", django_admin_log),
    ("sessions.Session", "sessions", sessions),
    ("wagtailforms.FormSubmission", "contact_messages", contact_messages),
]


def _installed(label: str) -> bool:
    """True when the model exists here (the SQLite search index only on SQLite)."""
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


@hooks.register(HOOK)
def sources() -> list[PersonalDataSource]:
    """The sources and exemptions of the models no feature app owns."""
    return [
        PersonalDataSource(model, key, export) for model, key, export in EXPORTED
    ] + [
        PersonalDataSource(model, exempt=reason)
        for model, reason in EXEMPT.items()
        if _installed(model)
    ]
