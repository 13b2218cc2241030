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


def _each_in_its_own_transaction(objects, action, name: str) -> tuple[int, int]:
    """Run `action(obj)` for each object, each in its own transaction.

    One object that cannot be published (its page refuses the revision in
    `full_clean`) must not hold up the others; it is logged and stays scheduled.
    """
    from django.db import transaction

    done = failed = 0
    for obj in objects:
        try:
            with transaction.atomic():
                action(obj)
        except Exception:  # noqa: BLE001 - logged; the next run tries again
            logger.exception("Scheduled %s of %r failed", name, obj)
            failed += 1
        else:
            done += 1
    return done, failed


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
