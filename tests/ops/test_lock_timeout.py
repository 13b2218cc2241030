"""A row lock held elsewhere: the person gets a polite "try again" within about
3 seconds (PostgreSQL lock_timeout), never a 500, and nothing is saved.

A second, real connection holds `SELECT ... FOR UPDATE` on the row the service
must lock, exactly as a long transaction of another process would.
"""

import threading
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from conferences.exceptions import CapacityBusy
from conferences.models import Registration
from consultations.models import Signature

from .conftest import database_url

LOCK_TIMEOUT_SECONDS = 3
PATIENCE_SECONDS = 8  # lock_timeout plus rendering; far below any proxy timeout


@contextmanager
def row_locked(sql: str, *params):
    """Hold a row lock from another connection until the block ends."""
    with psycopg.connect(database_url()) as other:
        with other.transaction():
            locked = other.execute(sql, params).fetchall()
            assert locked, "the row to lock does not exist"
            yield
        other.rollback()


def timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def polish(message) -> str:
    with translation.override("pl"):
        return escape(str(message))


def test_settings_set_a_lock_timeout(postgres_only):
    from django.db import connection

    options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")
    assert f"lock_timeout={LOCK_TIMEOUT_SECONDS * 1000}" in options
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == f"{LOCK_TIMEOUT_SECONDS}s"


@pytest.mark.django_db(transaction=True)
def test_registration_waits_at_most_the_lock_timeout(
    postgres_only, client, pages, people, capsys
):
    conference = pages.conference
    client.force_login(people.rep_a)
    url = f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-first_name": "Zofia",
        "form-0-last_name": "Czekająca",
        "form-0-email": "zofia@a.test",
        "form-0-accommodation_nights": "0",
    }
    with row_locked(
        "SELECT page_ptr_id FROM conferences_conferencepage WHERE page_ptr_id = %s "
        "FOR UPDATE",
        conference.pk,
    ):
        response, elapsed = timed(lambda: client.post(url, data))

    assert response.status_code == 200
    assert polish(CapacityBusy.default_message) in response.content.decode()
    assert LOCK_TIMEOUT_SECONDS - 0.5 <= elapsed <= PATIENCE_SECONDS, elapsed
    assert not Registration.objects.exists()
    with capsys.disabled():
        print(f"\n[lock drill] registration answered 'try again' in {elapsed:.2f} s")  # noqa: T201

    # Once the lock is gone, the same submission goes through.
    assert client.post(url, data).status_code == 302
    assert Registration.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_co_signing_waits_at_most_the_lock_timeout(
    postgres_only, client, pages, people, capsys
):
    opinion = pages.opinion
    client.force_login(people.rep_a)
    url = f"/opinie/{opinion.pk}/podpis/"
    data = {"version": opinion.state_version}
    with row_locked(
        "SELECT page_ptr_id FROM consultations_opinionpage WHERE page_ptr_id = %s "
        "FOR UPDATE",
        opinion.pk,
    ):
        response, elapsed = timed(lambda: client.post(url, data, follow=True))

    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("pl"):
        expected = escape(
            translation.gettext(
                "The opinion is busy right now. Nothing was changed; please try again."
            )
        )
    assert expected in html
    assert elapsed <= PATIENCE_SECONDS, elapsed
    assert not Signature.objects.exists()
    with capsys.disabled():
        print(f"\n[lock drill] co-signing answered 'try again' in {elapsed:.2f} s")  # noqa: T201
    assert client.post(url, data).status_code == 302
    assert Signature.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_registration_waiting_for_a_short_lock_succeeds(
    postgres_only, client, pages, people
):
    """A lock released within the timeout only delays the registration."""
    conference = pages.conference
    client.force_login(people.rep_a)
    url = f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-first_name": "Jan",
        "form-0-last_name": "Cierpliwy",
        "form-0-email": "jan@a.test",
        "form-0-accommodation_nights": "0",
    }
    locked = threading.Event()

    def hold_briefly():
        with row_locked(
            "SELECT page_ptr_id FROM conferences_conferencepage "
            "WHERE page_ptr_id = %s FOR UPDATE",
            conference.pk,
        ):
            locked.set()
            time.sleep(1)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    assert locked.wait(10)
    response, elapsed = timed(lambda: client.post(url, data))
    holder.join()
    assert response.status_code == 302
    assert 0.5 <= elapsed < LOCK_TIMEOUT_SECONDS + 1
    assert Registration.objects.count() == 1
