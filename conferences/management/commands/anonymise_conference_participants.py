"""`manage.py anonymise_conference_participants`: apply the retention rules (daily)."""

from django.core.management.base import BaseCommand

from conferences.services.privacy import anonymise_participants, erase_special_needs


class Command(BaseCommand):
    """Erase needs after the conference and personal data after the retention period."""

    help = "Erase participants' needs and, after the retention period, their data."

    def handle(self, *args, **options):
        needs = erase_special_needs()
        people = anonymise_participants()
        self.stdout.write(f"Needs erased: {needs}; participants anonymised: {people}")
