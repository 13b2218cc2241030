"""Lock waits: retried while the queue moves, "try again" when nothing moves."""

from unittest import mock

import pytest

from conferences.exceptions import CapacityBusy
from conferences.services import registration as service
from tests.factories.conferences import participant

pytestmark = pytest.mark.django_db


def test_busy_lock_with_progress_is_retried_until_it_succeeds(conference, centre, rep):
    real = service._register_locked
    calls = {"n": 0}
    markers = iter([(0, None), (1, "a"), (2, "b"), (3, "c"), (4, "d")])

    def busy_three_times(*args):
        calls["n"] += 1
        if calls["n"] <= 3:
            raise CapacityBusy
        return real(*args)

    with (
        mock.patch.object(service, "_register_locked", busy_three_times),
        mock.patch.object(service, "_progress_marker", lambda pk: next(markers)),
    ):
        result = service.register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(1)],
        )
    assert calls["n"] == 4
    assert len(result.registrations) == 1


def test_busy_lock_without_progress_gives_up_after_two_waits(conference, centre, rep):
    calls = {"n": 0}

    def always_busy(*args):
        calls["n"] += 1
        raise CapacityBusy

    with (
        mock.patch.object(service, "_register_locked", always_busy),
        mock.patch.object(service, "_progress_marker", lambda pk: (5, "same")),
        pytest.raises(CapacityBusy),
    ):
        service.register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(2)],
        )
    assert calls["n"] == service.LOCK_ATTEMPTS


def test_progress_marker_changes_when_a_registration_is_written(
    conference, centre, rep
):
    before = service._progress_marker(conference.pk)
    service.register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(3)]
    )
    assert service._progress_marker(conference.pk) != before
