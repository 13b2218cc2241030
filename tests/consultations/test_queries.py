"""SQL queries per page do not grow with the number of co-signers, comments, opinions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.choices import OpinionState
from razem.cache import invalidate_pages
from tests.factories.consultations import CommentFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # warm the site-root caches
    invalidate_pages()  # measure a rendering, not a page-cache hit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    assert captured.captured_queries
    return len(captured.captured_queries)


def _grow_opinion(opinion, count):
    for _ in range(count):
        SignatureFactory(opinion=opinion)
        CommentFactory(opinion=opinion)


@pytest.mark.parametrize("who", ["anonymous", "rep_a"])
def test_opinion_page_queries_do_not_grow(client, request, make_opinion, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    small = make_opinion(state=OpinionState.OPEN)
    large = make_opinion(state=OpinionState.OPEN)
    _grow_opinion(small, 2)
    _grow_opinion(large, 12)
    assert _queries(client, large.url) == _queries(client, small.url)


@pytest.mark.parametrize("who", ["anonymous", "rep_a"])
def test_index_queries_do_not_grow(client, request, index, make_opinion, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for _ in range(2):
        _grow_opinion(make_opinion(state=OpinionState.OPEN), 2)
        make_opinion()
    small = _queries(client, index.url)
    for _ in range(10):
        _grow_opinion(make_opinion(state=OpinionState.SENT), 3)
        make_opinion()
    assert _queries(client, index.url) == small


def test_draft_law_list_queries_do_not_grow(client, index):
    from tests.factories.consultations import DraftLawFactory

    DraftLawFactory.create_batch(2)
    small = _queries(client, "/opinie/projekty/")
    DraftLawFactory.create_batch(15)
    assert _queries(client, "/opinie/projekty/") == small


def test_home_panel_queries_do_not_grow(client, home_page, make_opinion):
    make_opinion(state=OpinionState.OPEN)
    small = _queries(client, "/")
    for _ in range(8):
        _grow_opinion(make_opinion(state=OpinionState.OPEN), 2)
    assert _queries(client, "/") == small
