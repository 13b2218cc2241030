"""`manage.py close_overdue_opinions`: close signing of opinions past their deadline."""

from django.core.management.base import BaseCommand

from consultations.services import close_overdue_opinions


class Command(BaseCommand):
    """The scheduler runs it every minute as a task; this is the same by hand."""

    help = "Close signing of open opinions whose deadline has passed."

    def handle(self, *args, **options):
        closed = close_overdue_opinions()
        self.stdout.write(f"Signing closed for {len(closed)} opinion(s).")
