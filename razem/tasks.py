"""Background tasks of the house (django-tasks)."""

from django_tasks import task

from .mail import send_email_now


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
