"""Background tasks of the conferences app (django-tasks)."""

from django_tasks import task


@task()
def send_conference_reminders_task() -> int:
    """Queue the week-before reminders (idempotent; safe to schedule daily)."""
    from .services.reminders import send_conference_reminders

    return send_conference_reminders()
