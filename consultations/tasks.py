"""Background tasks of the consultations app (django-tasks)."""

from django_tasks import task


@task()
def send_opinion_reminders_task() -> int:
    """Remind centres that have not co-signed (idempotent; scheduled hourly)."""
    from .services import send_opinion_reminders

    return send_opinion_reminders()
