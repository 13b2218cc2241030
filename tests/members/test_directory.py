"""The public directory /czlonkowie/: counts, filter, chart, cache, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.choices import CentreStatus
from tests.factories.members import CentreFactory, MunicipalityFactory


def make_centres(count, voivodeship="mazowieckie", status=CentreStatus.MEMBER):
    return [
        CentreFactory(
            status=status,
            municipality=MunicipalityFactory(voivodeship=voivodeship),
        )
        for _ in range(count)
    ]


def test_url_name():
    assert reverse("members:directory") == "/czlonkowie/"


@pytest.mark.django_db
def test_groups_and_counts_by_voivodeship(client):
    make_centres(3, "mazowieckie")
    make_centres(2, "łódzkie")
    make_centres(4, "lubelskie", status=CentreStatus.FORMER)
    make_centres(1, "opolskie", status=CentreStatus.APPLICANT)
    response = client.get("/czlonkowie/")
    context = response.context
    assert context["total"] == 5
    counts = dict(context["counts"])
    assert counts["mazowieckie"] == 3
    assert counts["łódzkie"] == 2
    assert counts["lubelskie"] == 0
    assert counts["opolskie"] == 0
    assert [g["name"] for g in context["groups"]] == ["łódzkie", "mazowieckie"]
    html = response.content.decode()
    assert "Województwo mazowieckie" in html
    assert "(3)" in html


@pytest.mark.django_db
def test_filter_by_voivodeship(client):
    mazowieckie = make_centres(1, "mazowieckie")[0]
    lodzkie = make_centres(1, "łódzkie")[0]
    html = client.get("/czlonkowie/", {"wojewodztwo": "łódzkie"}).content.decode()
    assert lodzkie.name in html
    assert mazowieckie.name not in html
    # an unknown value shows everybody rather than failing
    html = client.get("/czlonkowie/", {"wojewodztwo": "<x>"}).content.decode()
    assert mazowieckie.name in html and lodzkie.name in html


@pytest.mark.django_db
def test_chart_is_svg_with_a_text_alternative(client):
    make_centres(2, "podlaskie")
    html = client.get("/czlonkowie/").content.decode()
    assert '<svg viewBox="0 0 520' in html
    assert 'role="img"' in html and 'aria-labelledby="chart-title"' in html
    assert '<title id="chart-title">' in html
    assert '<th scope="row">podlaskie</th><td>2</td>' in html
    assert html.count('class="bar-chart__bar"') == 16


def count_queries(client, marker: str) -> int:
    """Queries of one directory request after a warm-up (new URL: no page cache)."""
    client.get(f"/czlonkowie/?warm={marker}")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/czlonkowie/?measure={marker}")
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_query_count_is_the_same_at_two_sizes(client):
    make_centres(2, "mazowieckie")
    few = count_queries(client, "few")
    make_centres(30, "łódzkie")
    make_centres(30, "pomorskie")
    many = count_queries(client, "many")
    assert few == many
    assert many <= 10


@pytest.mark.django_db
def test_cached_for_anonymous_and_invalidated_when_a_status_changes(
    client, django_capture_on_commit_callbacks
):
    centre = make_centres(1)[0]
    first = client.get("/czlonkowie/")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/czlonkowie/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        centre.status = CentreStatus.SUSPENDED
        centre.save()
    response = client.get("/czlonkowie/")
    assert response["X-Page-Cache"] == "miss"
    assert centre.name not in response.content.decode()
