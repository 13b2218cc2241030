"""`manage.py send_opinion_reminders`: remind centres two days before a deadline."""

from django.core.management.base import BaseCommand

from consultations.services import send_opinion_reminders


class Command(BaseCommand):
    """Run it from cron (e.g. hourly); it never sends the same reminder twice."""

    help = "Remind representatives of member centres that have not co-signed yet."

    def handle(self, *args, **options):
        count = send_opinion_reminders()
        self.stdout.write(f"Reminders queued for {count} centre(s).")
