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
