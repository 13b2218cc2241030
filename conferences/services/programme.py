"""Checks of a conference's programme before it is saved or published.

Errors stop the save (on every path: the page editor's form, a revision published
later or on schedule, code); warnings are shown to the editor and do not stop a
deliberate publish.

- error: an item outside the conference's days;
- error: two items in the same room at the same time (breaks and items without a
  room are not rooms anyone books);
- error: a workshop capacity below the places participants already have;
- error: a workshop participants have chosen removed or turned into another kind
  (their places would vanish silently; cancel the choices first);
- error: two workshops moved to the same time while participants hold both
  (a participant cannot be in two places at once; cancel one choice first);
- warning: a workshop without a capacity (participants may all choose it); a
  draft with it saves, but publishing it (the editor's publish or submit, a
  revision published later or on schedule, code) needs a capacity or the ticked
  "Workshop without a place limit — I confirm" (`unconfirmed_unlimited`).
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import SessionKind
from .capacity import active_by_session, confirmed_by_session, workshop_capacity_error


@dataclass(frozen=True)
class ProgrammeProblem:
    """One finding about a programme item: the item, its field, the message."""

    session: object
    field: str | None
    message: str
    blocking: bool = True

    def describe(self) -> str:
        """The message naming the item, for a list at the top of the page."""
        session = self.session
        when = ""
        if session.date and session.start_time:
            when = " ({}, {})".format(
                formats.date_format(session.date, "j.m"),
                session.start_time.strftime("%H:%M"),
            )
        return _("Programme item “%(title)s”%(when)s: %(message)s") % {
            "title": session.title or _("untitled"),
            "when": when,
            "message": self.message,
        }


def _dates_problem(conference, session):
    start, end = conference.start_date, conference.end_date
    if not (start and end and session.date) or start <= session.date <= end:
        return None
    return ProgrammeProblem(
        session,
        "date",
        _("The day must fall within the conference (%(start)s – %(end)s).")
        % {
            "start": formats.date_format(start, "j.m.Y"),
            "end": formats.date_format(end, "j.m.Y"),
        },
    )


def _room(session) -> str:
    if session.kind == SessionKind.BREAK:
        return ""
    return " ".join((session.room or "").split()).casefold()


def _room_problems(sessions) -> list:
    problems = []
    timed = [s for s in sessions if _room(s) and s.date and s.start_time and s.end_time]
    for index, first in enumerate(timed):
        for second in timed[index + 1 :]:
            if _room(first) == _room(second) and first.overlaps(second):
                problems.append(
                    ProgrammeProblem(
                        second,
                        "room",
                        _("The room “%(room)s” is taken at that time by “%(other)s”.")
                        % {"room": second.room, "other": first.title},
                    )
                )
    return problems


def _workshop_problems(session, confirmed: dict, active: dict) -> list:
    problems = []
    if session.kind != SessionKind.WORKSHOP:
        if active.get(session.pk):
            problems.append(
                ProgrammeProblem(
                    session,
                    "kind",
                    _(
                        "Participants have chosen this workshop: it cannot become "
                        "another kind of item. Cancel their choices first."
                    ),
                )
            )
        return problems
    message = workshop_capacity_error(session.capacity, confirmed.get(session.pk, 0))
    if message:
        problems.append(ProgrammeProblem(session, "capacity", message))
    if session.capacity is None and not session.unlimited_confirmed:
        problems.append(
            ProgrammeProblem(
                session,
                "capacity",
                _("This workshop has no capacity: any number of participants may "
                  "choose it. Set its places or tick “Workshop without a place "
                  "limit — I confirm” before publishing."),
                blocking=False,
            )
        )  # fmt: skip
    return problems


def unconfirmed_unlimited(sessions) -> list[ProgrammeProblem]:
    """Workshops with no capacity whose editor has not confirmed it: they stop a
    publish (a draft may keep them)."""
    return [
        ProgrammeProblem(
            session,
            "capacity",
            _(
                "Set the number of places, or tick “Workshop without a place limit "
                "— I confirm” to publish it without a limit."
            ),
        )  # fmt: skip
        for session in sessions
        if session.kind == SessionKind.WORKSHOP
        and session.capacity is None
        and not session.unlimited_confirmed
    ]


def _chosen_together(sessions) -> list:
    """Workshops overlapping in time that some participant holds both of."""
    from ..choices import ACTIVE_WORKSHOP_STATUSES
    from ..models import WorkshopChoice

    workshops = [
        s
        for s in sessions
        if s.pk and s.kind == SessionKind.WORKSHOP and s.date and s.start_time
        and s.end_time
    ]  # fmt: skip
    pairs = [
        (first, second)
        for index, first in enumerate(workshops)
        for second in workshops[index + 1 :]
        if first.overlaps(second)
    ]
    if not pairs:
        return []
    holders: dict[int, set] = {}
    rows = WorkshopChoice.objects.filter(
        session_id__in={s.pk for pair in pairs for s in pair},
        status__in=ACTIVE_WORKSHOP_STATUSES,
    ).values_list("session_id", "registration_id")
    for session_id, registration_id in rows:
        holders.setdefault(session_id, set()).add(registration_id)
    problems = []
    for first, second in pairs:
        both = len(holders.get(first.pk, set()) & holders.get(second.pk, set()))
        if both:
            problems.append(
                ProgrammeProblem(
                    second,
                    "start_time",
                    ngettext(
                        "%(count)d participant has chosen both this workshop and "
                        "“%(other)s”: they cannot take place at the same time. "
                        "Cancel one of the choices first.",
                        "%(count)d participants have chosen both this workshop and "
                        "“%(other)s”: they cannot take place at the same time. "
                        "Cancel one of the choices first.",
                        both,
                    )
                    % {"count": both, "other": first.title},
                )
            )
    return problems


def _removed_workshops(conference, sessions) -> list:
    from ..models import Session

    if conference.pk is None:
        return []
    kept = {s.pk for s in sessions if s.pk}
    chosen = active_by_session(
        Session.objects.filter(page_id=conference.pk).values_list("pk", flat=True)
    )
    removed = Session.objects.filter(pk__in=set(chosen) - kept)
    return [
        ProgrammeProblem(
            session,
            None,
            _(
                "participants have chosen this workshop: it cannot be removed. "
                "Cancel their choices first."
            ),
        )
        for session in removed
    ]


def programme_problems(conference, sessions) -> list[ProgrammeProblem]:
    """Every finding about the given programme items of the conference."""
    sessions = list(sessions)
    pks = [s.pk for s in sessions if s.pk]
    confirmed, active = confirmed_by_session(pks), active_by_session(pks)
    problems = []
    for session in sessions:
        dates = _dates_problem(conference, session)
        if dates:
            problems.append(dates)
        problems.extend(_workshop_problems(session, confirmed, active))
    problems.extend(_room_problems(sessions))
    problems.extend(_chosen_together(sessions))
    problems.extend(_removed_workshops(conference, sessions))
    return problems


def programme_warnings(conference) -> list[str]:
    """The warnings about the conference's current programme, for the editor."""
    return [
        p.describe()
        for p in programme_problems(conference, conference.sessions.all())
        if not p.blocking
    ]
