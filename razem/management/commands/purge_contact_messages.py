"""`manage.py purge_contact_messages`: delete contact-form messages past retention.

The privacy policy promises that messages sent through the contact form are kept no
longer than 12 months; run this daily (cron, or a scheduler beside `db_worker`).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

DEFAULT_DAYS = 365


class Command(BaseCommand):
    """Delete submissions of every contact page older than --days (365)."""

    help = "Delete contact-form messages older than the retention period."

    def add_arguments(self, parser):
        """--days: retention in days."""
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS)

    def handle(self, *args, days: int, **options):
        from wagtail.contrib.forms.models import FormSubmission

        from razem.models import ContactPage

        cutoff = timezone.now() - timedelta(days=days)
        deleted, _details = FormSubmission.objects.filter(
            page__in=ContactPage.objects.values("pk"), submit_time__lt=cutoff
        ).delete()
        self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
