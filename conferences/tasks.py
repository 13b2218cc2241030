"""Background tasks of the conferences app (django-tasks)."""

from django_tasks import task


@task()
def send_conference_reminders_task() -> int:
    """Queue the week-before reminders (idempotent; safe to schedule daily)."""
    from .services.reminders import send_conference_reminders

    return send_conference_reminders()


@task()
def registration_received_task(registration_ids: list[int], registrant_id: int) -> None:
    """Build and queue the e-mails of one submission (queued inside its transaction)."""
    from django.contrib.auth import get_user_model

    from .models import Registration
    from .services import notifications

    registrations = list(
        Registration.objects.filter(pk__in=registration_ids)
        .select_related("conference")
        .order_by("pk")
    )
    if not registrations:
        return
    # The account may be gone by now: the centre's representatives hear instead.
    registrant = get_user_model().objects.filter(pk=registrant_id).first()
    notifications.registration_received(
        registrations[0].conference, registrations, registrant
    )
