"""Background tasks of the house (django-tasks)."""

import logging

from django_tasks import task

from .mail import send_email_now

logger = logging.getLogger(__name__)


@task()
def send_email_task(
    recipients: list[str],
    template_prefix: str,
    context: dict,
    language: str = "pl",
    attachments: list | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Send one templated e-mail (queued by `razem.mail.queue_email`)."""
    send_email_now(
        recipients,
        template_prefix,
        context,
        language=language,
        attachments=[tuple(item) for item in attachments or []],
        reply_to=reply_to,
    )


def apply_retention() -> dict[str, int]:
    """Run every app's retention rules (hook `razem_retention`); return the counts.

    Each hook is `fn() -> dict[str, int]` and runs in its own transaction, so one
    app's failure never leaves another's work half done.
    """
    from django.db import transaction
    from wagtail import hooks

    counts: dict[str, int] = {}
    for fn in hooks.get_hooks("razem_retention"):
        with transaction.atomic():
            counts.update(fn())
    return counts


@task()
def apply_retention_task() -> dict[str, int]:
    """The daily RODO retention job (queued by `razem.scheduling`)."""
    return apply_retention()


def _draft_state_models() -> list:
    """Page and every other model with Wagtail's publishing (live, expire_at)."""
    from django.apps import apps
    from wagtail.models import DraftStateMixin, Page

    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _each_in_its_own_transaction(
    objects, action, name: str, refused=None
) -> tuple[int, int]:
    """Run `action(obj)` for each object, each in its own transaction.

    One object that cannot be published must not hold up the others. When its own
    validation refuses it (a `ValidationError`: a rule of its model, a text over its
    limit) trying again every minute cannot help: `refused(obj, error)` deals with
    it (the revision is unscheduled and its author told). Any other failure (the
    database away, a lock) is logged and tried again at the next run.
    """
    from django.core.exceptions import ValidationError
    from django.db import transaction

    done = failed = 0
    for obj in objects:
        try:
            with transaction.atomic():
                action(obj)
        except ValidationError as error:
            failed += 1
            if refused is None:
                logger.exception("Scheduled %s of %r was refused", name, obj)
                continue
            try:
                with transaction.atomic():
                    refused(obj, error)
            except Exception:  # noqa: BLE001 - logged; the next run tries again
                logger.exception("Unscheduling the refused %r failed", obj)
        except Exception:  # noqa: BLE001 - logged; the next run tries again
            logger.exception("Scheduled %s of %r failed", name, obj)
            failed += 1
        else:
            done += 1
    return done, failed


def _refusal_reasons(obj, error) -> list[str]:
    """The validation messages, in Polish, each with its field's label."""
    from django.core.exceptions import FieldDoesNotExist, ValidationError
    from django.utils import translation

    reasons = []
    with translation.override("pl"):
        error_dict = getattr(error, "error_dict", None)
        if error_dict is None:
            return [str(message) for message in error.messages]
        for name, errors in error_dict.items():
            label = ""
            if name != "__all__":
                try:
                    label = str(obj._meta.get_field(name).verbose_name)
                except FieldDoesNotExist:
                    label = name
            for message in ValidationError(errors).messages:
                reasons.append(
                    f"{label[:1].upper()}{label[1:]}: {message}"
                    if label
                    else str(message)
                )
    return reasons


def _edit_url(obj) -> str:
    """The object's edit view in the admin, as an absolute address."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    from .mail import absolute_url

    path = AdminURLFinder().get_edit_url(obj) or "/admin/"
    return absolute_url(path)


def _unschedule_refused_revision(revision, error) -> None:
    """A scheduled revision its own validation refuses: unscheduled (Wagtail's
    "unschedule publication" entry in its history), logged, and its author (else
    the office) e-mailed in Polish with the reasons and a link to fix it."""
    from django.conf import settings
    from django.utils import formats, timezone, translation

    from .mail import queue_email

    go_live_at = revision.approved_go_live_at
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    obj = revision.content_object
    reasons = _refusal_reasons(obj, error)
    logger.warning(
        "Scheduled publishing of %r (revision %s) was refused by its validation "
        "and unscheduled: %s",
        obj,
        revision.pk,
        "; ".join(reasons),
    )
    author = revision.user
    address = getattr(author, "email", "") if author and author.is_active else ""
    recipients = [address] if address else [settings.RAZEM_STAFF_EMAIL]
    with translation.override("pl"):
        when = (
            formats.date_format(timezone.localtime(go_live_at), "j E Y, H:i")
            if go_live_at
            else ""
        )
        kind = str(obj._meta.verbose_name)
    queue_email(
        recipients,
        "razem/email/scheduled_publish_refused",
        {
            "title": str(obj),
            "kind": kind,
            "go_live_at": when,
            "reasons": reasons,
            "edit_url": _edit_url(obj),
            "author": author.get_full_name() if author else "",
        },
        language="pl",
    )


def publish_scheduled(now=None) -> dict[str, int]:
    """Wagtail's `publish_scheduled`: expire what is past its `expire_at`, then
    publish every revision whose approved go-live time has come.

    The same public API as Wagtail's management command (`unpublish(set_expired=
    True)`, `Revision.publish`, with the "scheduled" log actions), so publishing
    signals fire as in the editor: the page cache, remembered routes, navigation
    and search follow (`razem.signals`).
    """
    from django.utils import timezone
    from wagtail.models import Revision

    now = now or timezone.now()
    expired = [
        obj
        for model in _draft_state_models()
        for obj in model.objects.filter(live=True, expire_at__lt=now).order_by(
            "expire_at"
        )
    ]
    unpublished, unpublish_failed = _each_in_its_own_transaction(
        expired,
        lambda obj: obj.unpublish(
            set_expired=True, log_action="wagtail.unpublish.scheduled"
        ),
        "unpublishing",
    )
    revisions = list(
        Revision.objects.filter(approved_go_live_at__lt=now).order_by(
            "approved_go_live_at"
        )
    )
    published, publish_failed = _each_in_its_own_transaction(
        revisions,
        lambda revision: revision.publish(log_action="wagtail.publish.scheduled"),
        "publishing",
        refused=_unschedule_refused_revision,
    )
    return {
        "unpublished": unpublished,
        "published": published,
        "failed": unpublish_failed + publish_failed,
    }


@task()
def publish_scheduled_task() -> dict[str, int]:
    """The minutely job that makes scheduled pages go live and expire."""
    return publish_scheduled()
