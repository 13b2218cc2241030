"""No overbooking under load: many centres register at the same moment (PostgreSQL).

Each registration runs in its own thread with its own database connection. At most
RAZEM_CONCURRENCY_CONNECTIONS (default 40) connections are open at once, so the test
leaves room under PostgreSQL's default max_connections of 100 for other test runs.
"""

import datetime
import os
import threading
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from conferences.choices import RegistrationStatus, WorkshopChoiceStatus
from conferences.models import ConferencePage, Registration, WorkshopChoice
from conferences.services import registration as registration_service
from conferences.services.registration import register_participants
from tests.factories.conferences import add_workshop, make_conference, participant
from tests.factories.members import CentreFactory, representative

ATTEMPTS = 200
LAST_PLACES = 50
ALREADY_TAKEN = 150
WORKSHOP_PLACES = 10
# Skip before any transactional database is set up (and flushed) on SQLite; the
# `postgres_only` fixture below says the same when a test is run on its own.
pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (set DATABASE_URL); SQLite has no row locks",
)
CONNECTIONS = int(os.environ.get("RAZEM_CONCURRENCY_CONNECTIONS", "40"))
CENTRES = 40


def _prefill(conference, centre, count: int) -> None:
    """Places already taken before the rush (written directly, not under test)."""
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            conference=conference,
            centre=centre,
            first_name="Wcześniej",
            last_name=f"Zapisany {n}",
            email=f"wczesniej{n}@example.test",
            status=RegistrationStatus.CONFIRMED,
            fee=Decimal("300.00"),
            queued_at=now,
            approved_at=now,
        )
        for n in range(count)
    )


def _rush(conference_pk: int, people: list, attempts: int, connections: int):
    """Fire `attempts` registrations from separate threads; return outcomes."""
    barrier = threading.Barrier(attempts)
    gate = threading.Semaphore(connections)
    outcomes: list = []
    errors: list = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        centre, user = people[n % len(people)]
        barrier.wait()
        with gate:
            try:
                conference = ConferencePage.objects.get(pk=conference_pk)
                workshop_ids = [w.pk for w in conference.workshops]
                result = register_participants(
                    conference=conference,
                    centre=centre,
                    user=user,
                    participants=[participant(f"rush-{n}", workshop_ids=workshop_ids)],
                )
                with lock:
                    outcomes.append(result.registrations[0].status)
            except Exception as error:  # noqa: BLE001 - every failure is counted
                with lock:
                    errors.append(repr(error))
            finally:
                connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(attempts)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes, errors, time.perf_counter() - started


@pytest.fixture
def rush_setup(postgres_only, home_page):
    """A conference with its last 50 places free, a 10-place workshop, 40 centres."""
    conference = make_conference(capacity=ALREADY_TAKEN + LAST_PLACES)
    add_workshop(conference, capacity=WORKSHOP_PLACES)
    _prefill(
        conference,
        CentreFactory(name="Ośrodek z wcześniejszymi zgłoszeniami"),
        ALREADY_TAKEN,
    )
    people = []
    for _n in range(CENTRES):
        centre = CentreFactory()
        people.append((centre, representative(centre)))
    return conference, people


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_registrations_fill_exactly_the_last_50_places(rush_setup):
    conference, people = rush_setup
    outcomes, errors, elapsed = _rush(conference.pk, people, ATTEMPTS, CONNECTIONS)

    confirmed = outcomes.count(RegistrationStatus.CONFIRMED)
    waiting = outcomes.count(RegistrationStatus.WAITING)
    print(  # noqa: T201 - the lead needs these figures
        f"\nconcurrency: attempts={ATTEMPTS} confirmed={confirmed} waiting={waiting} "
        f"errors={len(errors)} elapsed={elapsed:.2f}s "
        f"(last {LAST_PLACES} places, {CONNECTIONS} connections at once, "
        f"{CENTRES} centres)"
    )
    assert errors == []
    assert confirmed == LAST_PLACES
    assert waiting == ATTEMPTS - LAST_PLACES
    rows = Registration.objects.filter(conference=conference)
    assert rows.holding().count() == conference.capacity
    assert rows.filter(status=RegistrationStatus.WAITING).count() == waiting
    workshop_places = WorkshopChoice.objects.filter(
        session__page=conference, status=WorkshopChoiceStatus.CONFIRMED
    )
    assert workshop_places.count() == WORKSHOP_PLACES
    assert not workshop_places.exclude(
        registration__status=RegistrationStatus.CONFIRMED
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_without_the_row_lock_the_race_overbooks(postgres_only, home_page, monkeypatch):
    """The lock is what prevents overbooking: without it the count goes stale."""
    conference = make_conference(capacity=10)
    centre = CentreFactory()
    people = [(centre, representative(centre))]

    def no_lock(conference_pk):
        conference = ConferencePage.objects.get(pk=conference_pk)
        return conference, {}

    real_create = registration_service._create_registration

    def slow_create(*args, **kwargs):
        time.sleep(0.05)  # the window between counting and writing
        return real_create(*args, **kwargs)

    monkeypatch.setattr(registration_service, "lock_capacity", no_lock)
    monkeypatch.setattr(registration_service, "_create_registration", slow_create)
    outcomes, errors, elapsed = _rush(conference.pk, people, 40, 20)
    confirmed = outcomes.count(RegistrationStatus.CONFIRMED)
    print(  # noqa: T201 - the lead needs these figures
        f"\nwithout lock: attempts=40 confirmed={confirmed} (capacity 10) "
        f"errors={len(errors)} elapsed={elapsed:.2f}s"
    )
    assert errors == []
    assert confirmed > 10


@pytest.mark.django_db(transaction=True)
def test_a_capacity_raise_racing_registrations_never_lets_a_newcomer_pass(
    postgres_only, home_page
):
    """The office raises 10 places to 20 while 20 newcomers register: the 10 new
    places go to the first 10 of the 20 already waiting, nobody is overbooked."""
    conference = make_conference(capacity=10)
    early = CentreFactory(name="Ośrodek, który zapisał się wcześniej")
    _prefill(conference, early, 10)
    start = timezone.now()
    Registration.objects.bulk_create(
        Registration(
            conference=conference,
            centre=early,
            first_name="Czeka",
            last_name=f"Kolejka {n:02d}",
            email=f"czeka{n}@example.test",
            status=RegistrationStatus.WAITING,
            fee=Decimal("300.00"),
            queued_at=start - datetime.timedelta(seconds=60 - n),
            approved_at=start,
        )
        for n in range(20)
    )
    people = []
    for _n in range(10):
        centre = CentreFactory()
        people.append((centre, representative(centre)))
    raised = threading.Event()
    raise_errors: list = []

    def raise_capacity() -> None:
        try:
            page = ConferencePage.objects.get(pk=conference.pk)
            page.capacity = 20
            page.save_revision().publish()
            raised.set()
        except Exception as error:  # noqa: BLE001 - reported below
            raise_errors.append(repr(error))
        finally:
            connection.close()

    raiser = threading.Thread(target=raise_capacity)
    raiser.start()
    outcomes, errors, _elapsed = _rush(conference.pk, people, 20, 10)
    raiser.join(timeout=120)
    assert raise_errors == [] and errors == []
    rows = Registration.objects.filter(conference=conference)
    assert rows.holding().count() == 20
    newcomers = rows.filter(email__startswith="uczestnikrush")
    assert not newcomers.holding().exists()
    promoted = sorted(
        rows.filter(last_name__startswith="Kolejka")
        .holding()
        .values_list("last_name", flat=True)
    )
    assert promoted == [f"Kolejka {n:02d}" for n in range(10)]
