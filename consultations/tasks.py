"""Background tasks of the consultations app (django-tasks)."""

from django_tasks import task


@task()
def send_opinion_reminders_task() -> int:
    """Remind centres that have not co-signed (idempotent; scheduled hourly)."""
    from .services import send_opinion_reminders

    return send_opinion_reminders()


@task()
def close_overdue_opinions_task() -> int:
    """Close signing of open opinions past their deadline (scheduled every minute)."""
    from .services import close_overdue_opinions

    return len(close_overdue_opinions())
