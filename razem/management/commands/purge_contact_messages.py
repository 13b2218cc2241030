"""`manage.py purge_contact_messages`: delete contact-form messages past retention.

The privacy policy promises that messages sent through the contact form are kept no
longer than 12 months. The daily `retention` job (`razem.scheduling`) does this too;
the command is for a one-off run.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from razem.retention import purge_contact_messages


class Command(BaseCommand):
    """Delete submissions of every contact page older than --days."""

    help = "Delete contact-form messages older than the retention period."

    def add_arguments(self, parser):
        """--days: retention in days (default RAZEM_CONTACT_RETENTION_DAYS)."""
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days: int | None, **options):
        days = settings.RAZEM_CONTACT_RETENTION_DAYS if days is None else days
        deleted = purge_contact_messages(days=days)
        self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
