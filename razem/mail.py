"""E-mail: rendered in the recipient's language, plain text plus HTML, sent by a task.

Services call `queue_email(...)` inside their transaction. With the database task
backend (production) the task row is written in that same transaction (an outbox:
it commits or rolls back with the work); with any other backend the message is
enqueued after commit. Either way rolled-back work never e-mails anyone.
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str, base_url: str | None = None) -> str:
    """An absolute link for e-mails: the request's base, else `WAGTAILADMIN_BASE_URL`."""
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return f"{base}{path}"


def page_absolute_url(page) -> str:
    """A page's address for e-mails and calendar files, also without a request.

    With one site Wagtail gives a relative URL (the site's own hostname, e.g.
    "localhost" in the demo, is not where people reach it), so it is prefixed with
    the configured base URL; with several sites Wagtail's full URL is kept.
    """
    url = page.get_url() or "/"
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def office_reply_to() -> list[str]:
    """The Reply-To of the portal's e-mails: the association's office
    (`RAZEM_OFFICE_EMAIL` when set, else `RAZEM_STAFF_EMAIL`), never the sending
    address, which nobody reads."""
    office = getattr(settings, "RAZEM_OFFICE_EMAIL", "") or settings.RAZEM_STAFF_EMAIL
    return [office] if office else []


def render_email(template_prefix: str, context: dict, language: str = "pl"):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and, if present, `<prefix>.html`."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except Exception:  # noqa: BLE001 - the HTML part is optional
            html = None
    return " ".join(subject.split()), text, html


def send_email_now(
    recipients: list[str],
    template_prefix: str,
    context: dict,
    language: str = "pl",
    attachments: list[tuple[str, str, str]] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Render and send one message; attachments are (filename, base64 data, mimetype).

    Every message answers to the association's office (`office_reply_to`) unless
    the caller names another address (the contact form: the office replies to the
    sender).
    """
    subject, text, html = render_email(template_prefix, context, language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=recipients,
        reply_to=list(reply_to or office_reply_to()),
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, data, mimetype in attachments or []:
        message.attach(filename, base64.b64decode(data), mimetype)
    message.send()


def queue_email(
    recipients: list[str],
    template_prefix: str,
    context: dict,
    language: str = "pl",
    attachments: list[tuple[str, bytes, str]] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Enqueue an e-mail on the task queue once the current transaction commits.

    The context must be JSON-serialisable (strings, numbers, lists, dicts): pass
    names, dates as text and absolute URLs, not model instances.
    """
    from .tasks import send_email_task

    encoded = [
        (name, base64.b64encode(data).decode("ascii"), mimetype)
        for name, data, mimetype in attachments or []
    ]

    enqueue_with_transaction(
        send_email_task,
        recipients=list(recipients),
        template_prefix=template_prefix,
        context=context,
        language=language,
        attachments=encoded,
        reply_to=reply_to,
    )


def enqueue_with_transaction(task, **kwargs) -> None:
    """Queue `task` so that it happens if and only if the current transaction commits.

    With the database task queue the row is written inside the transaction (a
    transactional outbox: a crash right after the commit loses nothing, a rollback
    queues nothing); with other backends it is enqueued after commit.
    """
    from django_tasks_db import DatabaseBackend

    in_database = isinstance(task.get_backend(), DatabaseBackend)
    if in_database and transaction.get_connection().in_atomic_block:
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))
