"""Zero third-party requests: the main public pages load nothing from another host.

Every request the browser makes (documents, styles, scripts, images, fonts, frames,
fetches) must go to the live server itself; data: and blob: URLs are not requests.
"""

from urllib.parse import urlsplit

import pytest

from tests.security.conftest import pages, people  # noqa: F401 (fixtures)


def foreign(requested: list[str], host: str) -> list[str]:
    return [
        url
        for url in requested
        if urlsplit(url).scheme not in ("data", "blob", "about")
        and urlsplit(url).netloc != host
    ]


@pytest.mark.django_db(transaction=True)
def test_public_pages_request_nothing_from_other_hosts(live_server, page, pages, axe):  # noqa: F811
    host = urlsplit(live_server.url).netloc
    problems = {}
    visited = 0
    for name, path in pages.public_urls().items():
        if name in ("feed", "not_found"):
            continue
        requested: list[str] = []

        def record(request, sink=requested):
            sink.append(request.url)

        page.on("request", record)
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        page.remove_listener("request", record)
        assert response is not None and response.status == 200, (name, path)
        assert len(requested) >= 2, (name, requested)  # the page and its stylesheet
        visited += 1
        outside = foreign(requested, host)
        if outside:
            problems[path] = outside
        axe(page)
    assert visited >= 14
    assert not problems, problems


def test_the_check_sees_a_foreign_request():
    assert foreign(
        [
            "http://127.0.0.1:8000/",
            "https://fonts.example/x.woff2",
            "data:image/png;base64,",
        ],
        "127.0.0.1:8000",
    ) == ["https://fonts.example/x.woff2"]
