"""The house's demo content: every footer page exists, loading twice is harmless."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from razem.models import ContactPage, SearchEntry, StandardPage

SLUGS = [
    "o-stowarzyszeniu",
    "statut",
    "zarzad",
    "polityka-prywatnosci",
    "polityka-cookies",
    "deklaracja-dostepnosci",
]


@pytest.mark.django_db
def test_demo_loads_twice_without_duplicates(client):
    from io import StringIO

    from razem import demo

    demo.load(StringIO())
    demo.load(StringIO())
    call_command("rebuild_search", stdout=StringIO())
    for slug in SLUGS:
        page = StandardPage.objects.get(slug=slug)
        assert page.live
        assert client.get(page.url).status_code == 200
    contact = ContactPage.objects.get(slug="kontakt")
    assert contact.form_fields.count() == 5
    assert Page.objects.filter(slug="kontakt").count() == 1
    assert SearchEntry.objects.count() == len(SLUGS) + 2


@pytest.mark.django_db
def test_footer_links_resolve_to_demo_pages(client):
    from io import StringIO

    from razem import demo

    demo.load(StringIO())
    html = client.get("/").content.decode()
    for slug in ["o-stowarzyszeniu", "polityka-prywatnosci", "polityka-cookies"]:
        assert f'href="/{slug}/"' in html
        assert client.get(f"/{slug}/").status_code == 200
