"""`manage.py rebuild_search`: rebuild the site search index from the live pages."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    """Index every live page again and drop entries of pages that are gone."""

    help = "Rebuild the site search index (razem.SearchEntry) from the live pages."

    def handle(self, *args, **options):
        from razem.cache import invalidate_pages
        from razem.search.indexing import rebuild

        with transaction.atomic():
            count = rebuild()
        invalidate_pages()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} pages."))
