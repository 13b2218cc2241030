"""Register a centre's participants for a conference without ever overbooking.

Shaped like pretix's order placement: check the request, lock the capacity rows in a
stable order, count what is taken, then give each participant a place or a waiting
slot in order of arrival, all in one transaction.
"""

import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from members.permissions import belongs_to_centre

from ..choices import RegistrationStatus, WorkshopChoiceStatus
from ..exceptions import (
    CapacityBusy,
    NotAllowed,
    ParticipantsTaken,
    RegistrationClosed,
    RegistrationRefused,
)
from .locking import busy_as_domain_error, lock_capacity
from .waitlist import cancel_deadline


@dataclass
class ParticipantData:
    """What a centre gives about one participant."""

    first_name: str
    last_name: str
    email: str
    position: str = ""
    workshop_ids: list[int] = field(default_factory=list)
    meals: bool = False
    accommodation_nights: int = 0
    remarks: str = ""
    special_needs: str = ""
    special_needs_consent: bool = False


@dataclass
class RegistrationResult:
    """The registrations created by one submission."""

    registrations: list

    def count(self, status: str) -> int:
        """How many participants ended in the given status."""
        return sum(1 for r in self.registrations if r.status == status)

    @property
    def confirmed(self) -> int:
        """Participants with a confirmed place."""
        return self.count(RegistrationStatus.CONFIRMED)

    @property
    def pending(self) -> int:
        """Participants with a place awaiting staff approval."""
        return self.count(RegistrationStatus.PENDING)

    @property
    def waiting(self) -> int:
        """Participants on the waiting list."""
        return self.count(RegistrationStatus.WAITING)

    @property
    def workshop_waiting(self) -> int:
        """Workshop choices that went to the workshop's waiting list (a person may
        have a conference place and wait for a full workshop)."""
        from ..models import WorkshopChoice

        return WorkshopChoice.objects.filter(
            registration__in=[r.pk for r in self.registrations],
            status=WorkshopChoiceStatus.WAITING,
        ).count()

    @property
    def fee_owed(self) -> Decimal:
        """What the centre owes now: confirmed places only."""
        return sum((r.fee_owed for r in self.registrations), Decimal("0"))

    @property
    def fee_if_confirmed(self) -> Decimal:
        """What the waiting and unconfirmed places will cost once confirmed."""
        return sum((r.fee_if_confirmed for r in self.registrations), Decimal("0"))


def check_window(conference, now=None) -> None:
    """Refuse registration before it opens and after it closes."""
    state = conference.registration_state(now)
    if state == "not_yet":
        if conference.registration_opens_at:
            opens = timezone.localtime(conference.registration_opens_at)
            raise RegistrationClosed(
                _("Registration has not opened yet. It opens on %(date)s.")
                % {"date": opens.strftime("%d.%m.%Y %H:%M")}
            )
        raise RegistrationClosed(_("Registration for this conference is not open."))
    if state == "closed":
        raise RegistrationClosed(
            _("Registration for this conference closed. Please contact the office.")
        )


def check_centre(conference, centre) -> bool:
    """Return True when the centre pays the member rate; refuse ineligible centres."""
    if centre.is_member:
        return True
    if conference.allow_non_members:
        return False
    raise RegistrationRefused(
        _("Only member centres of the association may register for this conference.")
    )


def check_workshops(workshops: dict, participants: list[ParticipantData]) -> None:
    """Every chosen workshop belongs to the conference; no two overlap in time."""
    for person in participants:
        chosen = []
        for pk in person.workshop_ids:
            if pk not in workshops:
                raise RegistrationRefused(_("A chosen workshop does not exist."))
            chosen.append(workshops[pk])
        for index, first in enumerate(chosen):
            for second in chosen[index + 1 :]:
                if first.overlaps(second):
                    raise RegistrationRefused(
                        _(
                            "%(name)s: the workshops “%(first)s” and “%(second)s” "
                            "take place at the same time; choose one of them."
                        )
                        % {
                            "name": f"{person.first_name} {person.last_name}",
                            "first": first.title,
                            "second": second.title,
                        }
                    )


def check_participants(conference, participants: list[ParticipantData]) -> None:
    """Shape rules: at least one person, unique e-mails without look-alike
    characters, needs only with consent."""
    from django.core.exceptions import ValidationError

    from members.validators import validate_safe_email

    if not participants:
        raise RegistrationRefused(_("Add at least one participant."))
    for person in participants:
        try:
            validate_safe_email(person.email)
        except ValidationError as error:
            message = error.messages[0]
            raise ParticipantsTaken(
                message, by_email={person.email: message}
            ) from error
    emails = [p.email.strip().lower() for p in participants]
    if len(set(emails)) != len(emails):
        raise RegistrationRefused(_("Each participant needs their own e-mail address."))
    for person in participants:
        if person.special_needs.strip() and not person.special_needs_consent:
            raise RegistrationRefused(
                _("Dietary or accessibility needs can be saved only with consent.")
            )
        if not 0 <= person.accommodation_nights <= conference.nights:
            raise RegistrationRefused(_("Too many accommodation nights."))


def check_centre_limit(conference, centre, new: int) -> None:
    """Refuse more participants than the conference allows per centre (under lock)."""
    limit = conference.per_centre_limit
    if limit is None:
        return
    already = conference.registrations.active().of_centre(centre).count()
    if already + new > limit:
        raise RegistrationRefused(
            ngettext(
                "A centre may register at most %(limit)d participant; "
                "yours has %(already)d already.",
                "A centre may register at most %(limit)d participants; "
                "yours has %(already)d already.",
                limit,
            )
            % {"limit": limit, "already": already}
        )


ALREADY_OURS = gettext_lazy(
    "This person is already registered by your centre for this conference."
)
# Said when another centre registered the person: it must neither name that centre
# nor confirm that the person takes part.
CANNOT_REGISTER = gettext_lazy(
    "This person cannot be registered; if this is a mistake, please contact the office."
)


def check_duplicates(conference, centre, participants: list[ParticipantData]) -> None:
    """Refuse a person already registered for the conference (under lock).

    Within the centre's own registrations the refusal says so plainly; a person
    registered by another centre gets a neutral refusal that reveals nothing about
    that centre or whether the person takes part.
    """
    emails = [p.email.strip().lower() for p in participants]
    taken = list(
        conference.registrations.active()
        .filter(email__in=emails)
        .values_list("email", "centre_id")
    )
    if not taken:
        return
    ours = sorted(email for email, centre_id in taken if centre_id == centre.pk)
    others = sorted(email for email, centre_id in taken if centre_id != centre.pk)
    by_email = dict.fromkeys(ours, ALREADY_OURS)
    by_email.update(dict.fromkeys(others, CANNOT_REGISTER))
    parts = []
    if ours:
        parts.append(
            _("Already registered by your centre for this conference: %(emails)s.")
            % {"emails": ", ".join(ours)}
        )
    if others:
        parts.append(
            _(
                "These people cannot be registered: %(emails)s. If this is a "
                "mistake, please contact the office."
            )
            % {"emails": ", ".join(others)}
        )
    raise ParticipantsTaken(" ".join(parts), by_email=by_email)


def allocate_workshops(registration, workshop_ids, workshops, taken: dict, now):
    """Give the participant a workshop place or a waiting slot for each choice.

    A participant without a conference place waits for every workshop; `taken`
    (workshop pk -> places taken) is counted once under the lock and kept current.
    """
    from ..models import WorkshopChoice

    choices = []
    for pk in sorted(workshop_ids):
        workshop = workshops[pk]
        if pk not in taken:
            taken[pk] = workshop.choices.filter(
                status=WorkshopChoiceStatus.CONFIRMED
            ).count()
        has_room = workshop.capacity is None or taken[pk] < workshop.capacity
        if registration.holds_place and has_room:
            status = WorkshopChoiceStatus.CONFIRMED
            taken[pk] += 1
        else:
            status = WorkshopChoiceStatus.WAITING
        choices.append(
            WorkshopChoice(
                registration=registration,
                session=workshop,
                status=status,
                queued_at=now,
            )
        )
    WorkshopChoice.objects.bulk_create(choices)
    return choices


def _create_registration(
    conference, centre, user, person, *, member, status, now, batch
):
    from ..models import Registration

    return Registration.objects.create(
        conference=conference,
        batch=batch,
        centre=centre,
        registered_by=user,
        first_name=person.first_name.strip(),
        last_name=person.last_name.strip(),
        email=person.email.strip().lower(),
        position=person.position.strip(),
        meals=person.meals and conference.offers_meals,
        accommodation_nights=(
            person.accommodation_nights if conference.offers_accommodation else 0
        ),
        remarks=person.remarks.strip(),
        special_needs=person.special_needs.strip(),
        special_needs_consent=person.special_needs_consent,
        status=status,
        member_rate=member,
        fee=conference.fee_for(centre),
        queued_at=now,
        approved_at=now if member else None,
        cancel_until_when_registered=cancel_deadline(conference),
    )


def _place_participants(conference, centre, user, participants, workshops, member):
    """Create the rows: places while they last, then the waiting list."""
    now = timezone.now()
    taken = conference.registrations.holding().count()
    workshop_taken: dict[int, int] = {}
    holding_status = (
        RegistrationStatus.CONFIRMED if member else RegistrationStatus.PENDING
    )
    registrations = []
    batch = uuid.uuid4()  # one submission: every participant sent in one form
    for person in participants:
        status = (
            holding_status
            if taken < conference.capacity
            else (RegistrationStatus.WAITING)
        )
        if status != RegistrationStatus.WAITING:
            taken += 1
        registration = _create_registration(
            conference, centre, user, person,
            member=member, status=status, now=now, batch=batch,
        )  # fmt: skip
        registration.chosen_workshops = allocate_workshops(
            registration, person.workshop_ids, workshops, workshop_taken, now
        )
        log(
            instance=registration,
            action="conferences.register",
            user=user,
            data={"status": status, "conference": conference.pk},
        )
        registrations.append(registration)
    return registrations


# A lock wait that times out is retried. When registrations of the conference were
# written meanwhile, the queue is moving (a rush of centres): wait again, for at most
# RUSH_PATIENCE_SECONDS in all. When nothing moved, the lock is held elsewhere: after
# LOCK_ATTEMPTS such waits (about 3 s with locking.LOCK_WAIT_MS) say "try again".
LOCK_ATTEMPTS = 2
RUSH_PATIENCE_SECONDS = 20


def _register_locked(conference, centre, user, participants) -> list:
    """One attempt: lock, check the rules again, place everyone, queue e-mails."""
    with busy_as_domain_error(), transaction.atomic():
        conference, workshops = lock_capacity(conference.pk)
        check_window(conference)
        member = check_centre(conference, centre)
        check_workshops(workshops, participants)
        check_centre_limit(conference, centre, len(participants))
        check_duplicates(conference, centre, participants)
        try:
            with transaction.atomic():
                registrations = _place_participants(
                    conference, centre, user, participants, workshops, member
                )
        except IntegrityError as error:
            raise RegistrationRefused(
                _("This registration conflicts with an existing one.")
            ) from error
        # One small task row written in this transaction (an outbox); the worker
        # builds the e-mails (calendar files, URLs), so the capacity rows are held
        # only for the counting and the inserts.
        from razem.mail import enqueue_with_transaction

        from ..tasks import registration_received_task

        enqueue_with_transaction(
            registration_received_task,
            registration_ids=[r.pk for r in registrations],
            registrant_id=user.pk,
        )
        from razem.cache import invalidate_pages

        transaction.on_commit(invalidate_pages)
    return registrations


def register_participants(
    *, conference, centre, user, participants: list[ParticipantData]
) -> RegistrationResult:
    """Register participants of a centre: places while they last, then waiting list.

    The person must belong to the centre. Refuses outside the registration window,
    above the per-centre limit, with overlapping or unknown workshops and for people
    already registered. A lock wait that times out is retried (nothing was written)
    while other registrations go through, then becomes `CapacityBusy`. The e-mails
    (confirmation with .ics files, waiting list) are queued as one task in the same
    transaction and built by the worker.
    """
    if not belongs_to_centre(user, centre):
        raise NotAllowed(_("You can register only people of your own centre."))
    check_participants(conference, participants)
    give_up_at = time.monotonic() + RUSH_PATIENCE_SECONDS
    progress = _progress_marker(conference.pk)
    idle_waits = 0
    while True:
        try:
            registrations = _register_locked(conference, centre, user, participants)
        except CapacityBusy:
            now_progress = _progress_marker(conference.pk)
            if now_progress == progress:
                idle_waits += 1
            progress = now_progress
            if idle_waits >= LOCK_ATTEMPTS or time.monotonic() >= give_up_at:
                raise
        else:
            return RegistrationResult(registrations=registrations)


def _progress_marker(conference_pk: int):
    """What changes whenever a registration of the conference is written."""
    from django.db.models import Count, Max

    from ..models import Registration

    return tuple(
        Registration.objects.filter(conference_id=conference_pk)
        .aggregate(count=Count("pk"), changed=Max("updated_at"))
        .values()
    )
