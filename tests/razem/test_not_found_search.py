"""The 404 page and the header share one search component (components/search_form.html)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_404_page_and_the_header_use_the_same_search_form(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    html = response.content.decode()
    used = [t.name for t in response.templates]
    assert used.count("components/search_form.html") == 2  # header and content
    main = html.split('id="main"', 1)[1]
    assert 'class="site-search site-search--labelled"' in main
    assert 'aria-label="Wyszukaj stronę, której szukasz"' in main
    assert (
        '<label for="notfound-q" class="site-search__label">Szukaj w serwisie' in main
    )
    assert 'maxlength="200"' in main
