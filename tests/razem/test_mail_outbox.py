"""E-mails queued in a transaction: a transactional outbox with the database queue.

With django-tasks-db (production) the task row is written inside the service's own
transaction, so it commits with the work (nothing lost if the process dies right after
the commit, before any on-commit hook) and rolls back with it (no e-mail for undone
work). Other backends (the tests' immediate one) enqueue after commit.
"""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from razem.mail import queue_email

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CONTEXT = {"name": "Jan Kowalski", "email": "jan@example.test", "subject": "Pytanie",
           "message": "Treść", "page_title": "Kontakt"}  # fmt: skip


class Boom(Exception):
    pass


def ours():
    """Our e-mail tasks (Wagtail may queue reference-index updates beside them)."""
    return DBTaskResult.objects.filter(task_path="razem.tasks.send_email_task")


def queue():
    queue_email(["biuro@razem.test"], "razem/email/contact_message", CONTEXT)


def test_task_row_is_written_inside_the_transaction(settings):
    settings.TASKS = DATABASE_QUEUE
    with transaction.atomic():
        queue()
        # Already in the database before any on-commit hook could run.
        assert ours().count() == 1
    result = ours().get()
    assert result.task_path == "razem.tasks.send_email_task"
    assert result.args_kwargs["kwargs"]["recipients"] == ["biuro@razem.test"]


def test_rolled_back_work_leaves_no_task(settings):
    settings.TASKS = DATABASE_QUEUE
    with pytest.raises(Boom), transaction.atomic():
        queue()
        raise Boom
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_other_backends_enqueue_only_after_commit(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        transaction.atomic(),
    ):
        queue()
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["biuro@razem.test"]
