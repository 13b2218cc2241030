"""`manage.py send_conference_reminders`: the week-before reminders (run daily)."""

from django.core.management.base import BaseCommand

from conferences.services.reminders import send_conference_reminders


class Command(BaseCommand):
    """Queue reminders for conferences starting within a week; idempotent."""

    help = "E-mail participants a week before their conference (once each)."

    def handle(self, *args, **options):
        count = send_conference_reminders()
        self.stdout.write(f"Reminders queued: {count}")
