"""`manage.py load_municipalities [path]`: load or update the gmina registry."""

from pathlib import Path

from django.core.management.base import BaseCommand

from members.services.registry import DEFAULT_CSV, load_municipalities


class Command(BaseCommand):
    """Load every gmina from the CSV, idempotently, matched by TERYT code."""

    help = "Load or update municipalities (gminy) from members/data/gminy.csv."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_CSV))

    def handle(self, *args, **options):
        result = load_municipalities(Path(options["path"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Municipalities: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
