"""Registration e-mails go through the transactional outbox of the database queue."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from conferences.models import Registration
from conferences.services.registration import register_participants
from conferences.tasks import registration_received_task
from tests.factories.conferences import participant

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Boom(Exception):
    pass


def ours():
    """Our e-mail tasks (Wagtail queues reference-index updates beside them)."""
    return DBTaskResult.objects.filter(
        task_path="conferences.tasks.registration_received_task"
    )


def test_submission_queues_one_task_row_in_its_transaction(
    conference, centre, rep, settings
):
    settings.TASKS = DATABASE_QUEUE
    result = register_participants(
        conference=conference, centre=centre, user=rep,
        participants=[participant(1), participant(2)],
    )  # fmt: skip
    task_row = ours().get()
    assert task_row.task_path == "conferences.tasks.registration_received_task"
    ids = sorted(r.pk for r in Registration.objects.all())
    assert sorted(task_row.args_kwargs["kwargs"]["registration_ids"]) == ids
    assert result is not None
    assert mail.outbox == []  # the worker sends it


def test_rolled_back_submission_queues_nothing(conference, centre, rep, settings):
    settings.TASKS = DATABASE_QUEUE
    with pytest.raises(Boom), transaction.atomic():
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(3)],
        )
        raise Boom
    assert Registration.objects.count() == 0
    assert not DBTaskResult.objects.exists()


def test_the_task_builds_the_confirmation_with_calendar_files(
    conference, centre, rep, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    register_participants(
        conference=conference, centre=centre, user=rep,
        participants=[participant(4), participant(5)],
    )  # fmt: skip
    kwargs = ours().get().args_kwargs["kwargs"]
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        registration_received_task.call(**kwargs)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [rep.email]
    assert len([a for a in message.attachments if a[0].endswith(".ics")]) == 2


def test_one_submission_shares_one_batch(conference, centre, rep):
    register_participants(
        conference=conference, centre=centre, user=rep,
        participants=[participant(6), participant(7)],
    )  # fmt: skip
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(8)]
    )
    batches = list(Registration.objects.order_by("pk").values_list("batch", flat=True))
    assert batches[0] == batches[1] != batches[2]


def test_the_task_does_nothing_when_the_registrations_are_gone(rep):
    registration_received_task.call(registration_ids=[987654], registrant_id=rep.pk)
    assert mail.outbox == []
