"""While the database is unreachable, visitors get a polite 503, not a 500."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError

pytestmark = pytest.mark.django_db

UNREACHABLE = "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection"


@pytest.mark.parametrize(
    "error",
    [
        OperationalError('connection to server at "127.0.0.1", port 5432 failed'),
        InterfaceError("connection already closed"),
    ],
)
@pytest.mark.parametrize(
    "url, logged_in",
    [("/", False), ("/przystap/", False), ("/konto/login/", False),
     ("/moj-osrodek/", True)],
)  # fmt: skip
def test_database_outage_answers_503_with_retry_after(
    client, home_page, url, logged_in, error
):
    from tests.factories.members import representative

    if logged_in:
        client.force_login(representative())
    client.raise_request_exception = False
    with mock.patch(UNREACHABLE, side_effect=error):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Serwis jest chwilowo niedostępny" in text
    assert 'lang="pl"' in text


def test_health_check_reports_the_outage(client, home_page):
    with mock.patch(UNREACHABLE, side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_other_errors_stay_500(rf):
    from razem.views import server_error

    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
