"""The visit counter: no cookies, no IP, bots ignored, batched database writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from razem.models import VisitCount
from razem.visits import FLUSH_EVERY, visit_totals

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537"


def visitcount_writes(queries) -> int:
    return sum(
        1
        for query in queries
        if "razem_visitcount" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


@pytest.mark.django_db
def test_many_views_make_few_writes_and_right_totals(client, home_page):
    views = 5 * FLUSH_EVERY + 3
    with CaptureQueriesContext(connection) as context:
        for _ in range(views):
            client.get("/", HTTP_USER_AGENT=BROWSER)
    writes = visitcount_writes(context.captured_queries)
    assert 1 <= writes <= views // FLUSH_EVERY + 1
    assert VisitCount.objects.get().count == 5 * FLUSH_EVERY
    assert visit_totals() == {"month": views, "total": views}


@pytest.mark.django_db
def test_bots_and_non_pages_are_not_counted(client, home_page):
    for agent in ["Googlebot/2.1", "curl/8.0", "python-requests/2.31", ""]:
        client.get("/", HTTP_USER_AGENT=agent)
    client.get("/healthz", HTTP_USER_AGENT=BROWSER)
    client.get("/robots.txt", HTTP_USER_AGENT=BROWSER)
    client.get("/nie-ma-takiej-strony/", HTTP_USER_AGENT=BROWSER)
    assert visit_totals() == {"month": 0, "total": 0}


@pytest.mark.django_db
def test_counting_sets_no_cookie_and_stores_no_address(client, home_page):
    for _ in range(FLUSH_EVERY):
        response = client.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
        assert not response.cookies
    columns = {field.name for field in VisitCount._meta.get_fields()}
    assert columns == {"id", "month", "count"}
    assert "203.0.113.7" not in str(list(VisitCount.objects.values()))


@pytest.mark.django_db
def test_footer_shows_the_counter(client, home_page):
    client.get("/", HTTP_USER_AGENT=BROWSER)
    html = client.get("/", HTTP_USER_AGENT=BROWSER).content.decode()
    assert "site-footer__counter" in html
