"""`manage.py apply_retention`: run the daily RODO retention job now, in this process."""

from django.core.management.base import BaseCommand

from razem.tasks import apply_retention


class Command(BaseCommand):
    """The same work as the scheduled `retention` job, for a one-off run."""

    help = "Anonymise or delete personal data past its retention period."

    def handle(self, *args, **options):
        for name, count in apply_retention().items():
            self.stdout.write(f"{name}: {count}")
