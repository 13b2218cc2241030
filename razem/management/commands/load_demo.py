"""Load realistic Polish demo content; safe to run again (idempotent)."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: members before conferences and consultations, which refer to centres.
DEMO_MODULES = [
    "razem.demo",
    "articles.demo",
    "members.demo",
    "conferences.demo",
    "consultations.demo",
]


class Command(BaseCommand):
    """`manage.py load_demo`: the pages, people and records of the demo site."""

    help = "Load the demo content (idempotent)."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout)
        from django.core.management import call_command

        from razem.cache import invalidate_pages

        # Pages created by the loaders are indexed for search in one pass at the end.
        call_command("rebuild_search", stdout=self.stdout)
        invalidate_pages()
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
