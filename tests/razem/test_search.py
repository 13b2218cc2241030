"""Site search at /szukaj/: Polish-aware matching, ranking, excerpts, index upkeep."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from razem.models import SearchEntry
from razem.search.query import highlight
from tests.factories.razem import publish_standard_page


@pytest.fixture
def pages(home_page):
    """A few published pages with Polish text."""
    return {
        "conference": publish_standard_page(
            home_page,
            "Konferencja w Zakopanem",
            text="Dziesiąta konferencja stowarzyszenia o deinstytucjonalizacji usług.",
        ),
        "assistance": publish_standard_page(
            home_page,
            "Zadania ośrodka",
            text="Pomoc społeczna jest instytucją polityki państwa w każdej gminie.",
        ),
        "statute": publish_standard_page(
            home_page,
            "Statut",
            text="Członkami mogą być ośrodki z gmin do 50 000 mieszkańców. "
            "Udział w konferencjach jest otwarty.",
        ),
    }


def result_titles(client, query):
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    return [
        entry.title for entry in response.context["results_page"].object_list
    ], response.content.decode()


@pytest.mark.django_db
def test_query_without_diacritics_finds_polish_text(client, pages):
    titles, html = result_titles(client, "pomoc spoleczna")
    # The home page's introduction speaks of "pomocy społecznej" too.
    assert titles == ["Zadania ośrodka", "Strona główna"]
    assert "<mark>Pomoc</mark> <mark>społeczna</mark>" in html


@pytest.mark.django_db
def test_inflected_query_finds_other_forms_and_ranks_title_matches_first(client, pages):
    titles, html = result_titles(client, "konferencji")
    assert titles == ["Konferencja w Zakopanem", "Statut"]
    assert "<mark>konferencjach</mark>" in html


@pytest.mark.django_db
def test_every_query_word_must_match(client, pages):
    titles, _html = result_titles(client, "konferencja gmina")
    assert titles == ["Statut"]


@pytest.mark.django_db
def test_case_and_inflection_in_the_query(client, pages):
    titles, _html = result_titles(client, "OŚRODKÓW")
    assert set(titles) == {"Zadania ośrodka", "Statut", "Strona główna"}


@pytest.mark.django_db
def test_unpublished_and_private_pages_are_not_found(client, pages):
    pages["conference"].unpublish()
    PageViewRestriction.objects.create(
        page=pages["statute"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="tajne-haslo",
    )
    titles, _html = result_titles(client, "konferencja")
    assert titles == []
    assert not SearchEntry.objects.filter(page=pages["conference"]).exists()


@pytest.mark.django_db
def test_publishing_a_new_revision_updates_the_index(client, pages):
    page = pages["statute"]
    page.title = "Statut stowarzyszenia"
    page.body = [("paragraph", "<p>Walne zebranie członków.</p>")]
    page.save_revision().publish()
    assert result_titles(client, "walnego zebrania")[0] == ["Statut stowarzyszenia"]
    assert result_titles(client, "mieszkańców")[0] == ["Strona główna"]


@pytest.mark.django_db
def test_deleting_a_page_drops_its_entry(pages):
    pages["statute"].delete()
    assert not SearchEntry.objects.filter(title="Statut").exists()


@pytest.mark.django_db
def test_rebuild_search_command_indexes_every_live_page(pages, home_page):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search", stdout=None)
    assert set(SearchEntry.objects.values_list("page_id", flat=True)) == {
        home_page.pk,
        *(page.pk for page in pages.values()),
    }


@pytest.mark.django_db
def test_empty_query_shows_suggestions(client, pages):
    response = client.get("/szukaj/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/szukaj/?q=pomoc%20spo%C5%82eczna"' in html
    assert 'href="/aktualnosci/"' in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.django_db
def test_no_result_explains_and_suggests(client, pages):
    response = client.get("/szukaj/", {"q": "hipopotam"})
    html = response.content.decode()
    assert "hipopotam" in html
    assert response.context["results"] == []
    assert 'href="/szukaj/?q=konferencja"' in html


@pytest.mark.django_db
def test_results_are_paginated(client, home_page):
    for number in range(12):
        publish_standard_page(
            home_page, f"Szkolenie {number}", text="Szkolenie dla pracowników gminy."
        )
    first = client.get("/szukaj/", {"q": "szkolenia"})
    second = client.get("/szukaj/", {"q": "szkolenia", "strona": 2})
    assert len(first.context["results"]) == 10
    assert len(second.context["results"]) == 2
    assert first.context["result_count"] == 12
    assert "strona=2" in first.content.decode()


def count_search_queries(client, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get("/szukaj/", {"q": query})
    return len(context.captured_queries), len(response.context["results"])


@pytest.mark.django_db
def test_search_queries_do_not_grow_with_results(client, home_page):
    for number in range(2):
        publish_standard_page(
            home_page, f"Sołectwo {number}", text="Sołectwo w gminie."
        )
    for number in range(10):
        publish_standard_page(home_page, f"Powiat {number}", text="Powiat ziemski.")
    client.get("/")  # warm the per-site caches shared by both requests
    few = count_search_queries(client, "sołectwa")
    many = count_search_queries(client, "powiaty")
    assert few[1] == 2 and many[1] == 10
    assert few[0] == many[0]


@pytest.mark.django_db
def test_query_html_is_escaped(client, pages):
    response = client.get("/szukaj/", {"q": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_highlight_escapes_original_text_and_marks_matches():
    text = "Ośrodek <b>pomocy</b> & gmina"
    assert (
        highlight(text, ["pomoc"])
        == "Ośrodek &lt;b&gt;<mark>pomocy</mark>&lt;/b&gt; &amp; gmina"
    )


def test_highlight_excerpt_is_cut_around_the_first_match():
    text = "Wstęp. " * 60 + "Tu jest konferencja i dalszy tekst. " + "Koniec. " * 60
    excerpt = highlight(text, ["konferencj"], limit=120)
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "<mark>konferencja</mark>" in excerpt
    assert len(excerpt) < 200
