"""Conference index and page: programme by day, printable, in the PDF, bounded SQL."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from wagtail.test.utils import WagtailPageTestCase

from conferences.choices import SessionKind
from conferences.models import ConferenceIndexPage, ConferencePage
from conferences.services.registration import register_participants
from razem.models import HomePage
from tests.factories.conferences import (
    SpeakerFactory,
    add_session,
    add_workshop,
    conference_index,
    make_conference,
    participant,
)

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(ConferenceIndexPage, {HomePage})
    case.assertAllowedParentPageTypes(ConferencePage, {ConferenceIndexPage})
    case.assertAllowedSubpageTypes(ConferencePage, set())
    assert ConferenceIndexPage.max_count == 1


def test_index_lists_upcoming_first_then_archive(client, home_page):
    index = conference_index()
    past = make_conference(
        title="X Konferencja w Zakopanem",
        start_date=datetime.date(2024, 6, 13),
        end_date=datetime.date(2024, 6, 15),
        open_now=False,
    )
    coming = make_conference(title="XI Konferencja w Łodzi")
    html = client.get(index.url).content.decode()
    assert html.index(coming.title) < html.index("Archiwum") < html.index(past.title)
    assert 'href="/pdf/' in html


def _programme(conference, sessions_per_day: int):
    speaker = SpeakerFactory(name="Katarzyna Łęcka")
    for day in conference.days:
        for n in range(sessions_per_day):
            session = add_session(
                conference,
                kind=[SessionKind.LECTURE, SessionKind.DEBATE, SessionKind.BREAK][
                    n % 3
                ],
                date=day,
                start_time=datetime.time(8 + n),
                end_time=datetime.time(8 + n, 45),
                title=f"Punkt programu {day:%d} nr {n}",
            )
            session.speakers.add(speaker, SpeakerFactory())
            session.save()  # a ParentalManyToManyField is written on save


def test_conference_page_shows_programme_by_day_with_speakers(client, conference):
    _programme(conference, 2)
    add_workshop(
        conference,
        title="Warsztat: superwizja",
        start_time=datetime.time(15),
        end_time=datetime.time(17),
    )
    response = client.get(conference.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Katarzyna Łęcka" in html
    assert html.count('class="programme__day"') == 3
    assert "Warsztat: superwizja" in html
    assert 'data-label="' in html  # the phone layout labels each cell
    assert "components/page_actions" not in html and "page-actions" in html
    assert "page-record" in html
    assert f"/moj-osrodek/konferencje/{conference.pk}/zapisz/" in html


def test_conference_page_pdf_contains_the_programme(client, conference):
    _programme(conference, 1)
    response = client.get(f"/pdf/{conference.pk}/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Katarzyna Łęcka" in text
    assert "Punkt programu" in text


def test_conference_page_shows_places_and_updates_after_registration(
    client, conference, centre, rep, django_capture_on_commit_callbacks
):
    first = client.get(conference.url)
    assert "Zajęte miejsca: 0 z 10" in first.content.decode()
    assert client.get(conference.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(1)],
        )
    second = client.get(conference.url).content.decode()
    assert "Zajęte miejsca: 1 z 10" in second


@pytest.mark.parametrize("size", [1, 6])
def test_conference_page_queries_do_not_grow_with_the_programme(
    client, home_page, size, request
):
    conference = make_conference()
    _programme(conference, size)
    client.get(conference.url)  # warm caches (site, settings)
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(conference.url)
    assert response.status_code == 200
    request.config.cache_query_counts = getattr(
        request.config, "cache_query_counts", {}
    )
    request.config.cache_query_counts[size] = len(queries)
    assert len(queries) <= 30


def test_conference_page_query_count_is_the_same_for_small_and_large_programmes(
    client, home_page
):
    from django.core.cache import cache

    counts = []
    for size in (1, 8):
        conference = make_conference()
        _programme(conference, size)
        client.get(conference.url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(conference.url)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_home_page_shows_next_conference(client, conference):
    html = client.get("/").content.decode()
    assert conference.title in html


def test_staff_can_create_a_conference_in_the_admin(client, home_page, settings):
    from django.contrib.auth import get_user_model
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        streamfield,
    )

    settings.RAZEM_STAFF_MFA_REQUIRED = False
    index = conference_index()
    admin = get_user_model().objects.create_superuser("szef@razem.test", "x-Haslo-2026")
    client.force_login(admin)
    data = nested_form_data(
        {
            "title": "XII Konferencja",
            "slug": "xii-konferencja",
            "edition": 12,
            "start_date": "2028-06-01",
            "end_date": "2028-06-02",
            "description": streamfield([]),
            "video": streamfield([]),
            "documents": inline_formset([]),
            "sessions": inline_formset(
                [
                    {
                        "kind": "workshop",
                        "date": "2028-06-01",
                        "start_time": "10:00",
                        "end_time": "12:00",
                        "title": "Warsztat",
                        "capacity": 20,
                    }
                ]
            ),
            "gallery_images": inline_formset([]),
            "capacity": 100,
            "member_fee": "0",
            "non_member_fee": "0",
        }
    )
    response = client.post(
        f"/admin/pages/add/conferences/conferencepage/{index.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = ConferencePage.objects.get(slug="xii-konferencja")
    assert created.workshops.get().capacity == 20
