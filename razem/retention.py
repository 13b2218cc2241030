"""Retention of the house's own personal data.

Contact-form messages (`RAZEM_CONTACT_RETENTION_DAYS`), finished background-task
records (they hold e-mail recipients and contexts; `TASK_RESULT_RETENTION_DAYS`) and
expired sessions.
"""

import datetime

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

ANONYMOUS_DOMAIN = "anonymised.invalid"


def numbered(prefix: str):
    """SQL for `<prefix><pk>`, e.g. "#123": an anonymised name that stays unique."""
    return Concat(Value(prefix), Cast(F("pk"), CharField()))


def anonymous_email():
    """SQL for `anonim-<pk>@anonymised.invalid`: a unique address nobody receives."""
    return Concat(
        Value("anonim-"), Cast(F("pk"), CharField()), Value(f"@{ANONYMOUS_DOMAIN}")
    )


def purge_contact_messages(
    now: datetime.datetime | None = None, days: int | None = None
) -> int:
    """Delete contact-form submissions older than `RAZEM_CONTACT_RETENTION_DAYS`."""
    from wagtail.contrib.forms.models import FormSubmission

    from .models import ContactPage

    days = settings.RAZEM_CONTACT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _details = FormSubmission.objects.filter(
        page__in=ContactPage.objects.values("pk"), submit_time__lt=cutoff
    ).delete()
    return deleted


TASK_RESULT_RETENTION_DAYS = 14


def prune_task_results(now: datetime.datetime | None = None) -> int:
    """Delete finished task records older than two weeks (they hold e-mail data)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=TASK_RESULT_RETENTION_DAYS
    )
    deleted, _details = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
    return deleted


def clear_expired_sessions() -> None:
    """Remove expired sessions from the session store."""
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
