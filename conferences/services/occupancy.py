"""Places taken, free and waiting: read-only figures for pages and the admin.

These figures are for display. Decisions about places are taken only under the row
locks of `services.locking`, by counting again.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..choices import HOLDING_STATUSES, RegistrationStatus, WorkshopChoiceStatus


@dataclass(frozen=True)
class Occupancy:
    """Places of a conference or a workshop at one moment."""

    capacity: int | None
    taken: int
    waiting: int
    pending: int = 0

    @property
    def free(self) -> int | None:
        """Free places (None when unlimited)."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        """True when no place is left."""
        return self.capacity is not None and self.taken >= self.capacity

    @property
    def percent(self) -> int:
        """Share of places taken, 0-100."""
        if not self.capacity:
            return 100 if self.capacity == 0 else 0
        return min(round(100 * self.taken / self.capacity), 100)


def _registration_counts():
    return {
        "taken": Count("pk", filter=Q(status__in=HOLDING_STATUSES)),
        "waiting": Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        "pending": Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
    }


def conference_occupancy(conference) -> Occupancy:
    """Places of one conference (one query)."""
    from ..models import Registration

    counts = Registration.objects.filter(conference=conference).aggregate(
        **_registration_counts()
    )
    return Occupancy(capacity=conference.capacity, **counts)


def occupancy_by_conference(conferences) -> dict[int, Occupancy]:
    """Places of several conferences, by conference pk (one query)."""
    from ..models import Registration

    conferences = list(conferences)
    rows = (
        Registration.objects.filter(conference__in=conferences)
        .values("conference_id")
        .annotate(**_registration_counts())
    )
    counts = {row.pop("conference_id"): row for row in rows}
    empty = {"taken": 0, "waiting": 0, "pending": 0}
    return {
        c.pk: Occupancy(capacity=c.capacity, **counts.get(c.pk, empty))
        for c in conferences
    }


def workshop_occupancy(conference) -> list[tuple]:
    """(workshop, Occupancy) for each workshop of the conference (one query)."""
    workshops = conference.workshops.annotate(
        taken=Count(
            "choices", filter=Q(choices__status=WorkshopChoiceStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "choices", filter=Q(choices__status=WorkshopChoiceStatus.WAITING)
        ),
    )
    return [
        (w, Occupancy(capacity=w.capacity, taken=w.taken, waiting=w.waiting_count))
        for w in workshops
    ]


def upcoming_conference():
    """The next public conference and its occupancy: (page, Occupancy) or (None, None).

    Shared by every visitor, so it is cached under the page-cache generation, which
    every publish, registration and cancellation bumps: never stale, and "Mój
    ośrodek" and the home page skip three queries on most requests.
    """
    from django.utils import timezone

    from razem.cache import remembered

    from ..models import ConferencePage

    today = timezone.localdate()

    def compute():
        page = (
            ConferencePage.objects.live()
            .public()
            .filter(end_date__gte=today)
            .order_by("start_date")
            .first()
        )
        return (page, conference_occupancy(page) if page else None)

    return remembered("conferences:upcoming", today.isoformat(), compute=compute)
