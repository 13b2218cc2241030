"""Moving an opinion through its states: draft → open → closed → sent → answered.

Signing closes by staff in the console or, at the deadline, by the scheduled job
(`close_overdue_opinions`), which calls the same `close_signing`.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from razem.cache import invalidate_pages

from ..choices import DELIVERED_STATES, OpinionState, SendChannel
from ..exceptions import ConsultationError, NotAllowed, TransitionRefused
from ..models import Erratum, OpinionEvent, OpinionPage
from ..permissions import can_manage_opinion, can_run_workflow
from . import letters, notifications
from .locking import atomic_or_try_again, lock_opinion


def check_manager(user, opinion: OpinionPage) -> None:
    """Refuse unless the person is staff who may run this opinion's workflow."""
    if not can_manage_opinion(user, opinion):
        raise NotAllowed(_("You may not change the state of this opinion."))
    if not can_run_workflow(user, opinion):
        raise NotAllowed(
            _(
                "Running the opinion workflow needs the permission “Can run the "
                "opinion workflow”; ask an administrator for it."
            )
        )


def _require_state(opinion: OpinionPage, expected: str, message) -> None:
    if opinion.state != expected:
        raise TransitionRefused(message)


def _move(opinion: OpinionPage, user, to_state: str, *, note="", **fields) -> None:
    """Record the new state, its event, the audit entry and the cache refresh."""
    from_state = opinion.state
    opinion.state = to_state
    opinion.state_version += 1
    for name, value in fields.items():
        setattr(opinion, name, value)
    opinion.save(update_fields=["state", "state_version", *fields.keys()], clean=False)
    OpinionEvent.objects.create(
        opinion=opinion, from_state=from_state, to_state=to_state, user=user, note=note
    )
    log(
        instance=opinion,
        action=f"consultations.{to_state}",
        user=user,
        data={"from": from_state, "to": to_state, "note": note},
    )
    transaction.on_commit(invalidate_pages)
    transaction.on_commit(lambda: _reindex(opinion.pk))


def _reindex(opinion_id: int) -> None:
    """Public search follows the state: an opinion becomes findable once open."""
    from razem.search.indexing import update_entry

    page = OpinionPage.objects.filter(pk=opinion_id).first()
    if page is not None:
        update_entry(page)


def open_for_signatures(opinion: OpinionPage, user) -> OpinionPage:
    """Open a published draft for co-signing and e-mail every member representative.

    Refused unless the opinion is a published draft with a signing deadline in the
    future.
    """
    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        check_manager(user, opinion)
        _require_state(
            opinion,
            OpinionState.DRAFT,
            _("Only a draft can be opened for signatures."),
        )
        if not opinion.live:
            raise TransitionRefused(
                _("Publish the page before opening it for signatures.")
            )
        deadline = opinion.signing_deadline
        if deadline is None or deadline <= timezone.now():
            raise TransitionRefused(
                _("Set a signing deadline in the future before opening for signatures.")
            )
        # A public opinion is never unpublished by a scheduled expiry set earlier.
        _move(opinion, user, OpinionState.OPEN, expire_at=None)
        notifications.notify_opened(opinion)
    return opinion


AT_DEADLINE = _("closed automatically at the signing deadline")


def close_signing(
    opinion: OpinionPage,
    user,
    *,
    letter_date: datetime.date | None = None,
    at_deadline: bool = False,
) -> OpinionPage:
    """Close signing, number, generate and store the letter with its annex, fix the
    text it was made of, and tell the office.

    Staff close at any time; the scheduled job (`at_deadline=True`, no user) only
    once the deadline has passed. Pending scheduled publishing of the page is
    cancelled: a revision scheduled earlier could only bring other text back.
    """
    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        _check_closer(opinion, user, at_deadline)
        _require_state(
            opinion,
            OpinionState.OPEN,
            _("Only an opinion open for signatures can be closed."),
        )
        opinion.letter_date = letter_date or timezone.localdate()
        letters.assign_number(opinion)
        letters.store_letter(opinion)
        _move(
            opinion,
            user,
            OpinionState.CLOSED,
            note=str(AT_DEADLINE) if at_deadline else "",
            letter_date=opinion.letter_date,
            letter_pdf=opinion.letter_pdf,
            letter_sha256=opinion.letter_sha256,
            letter_generated_at=opinion.letter_generated_at,
            letter_year=opinion.letter_year,
            letter_sequence=opinion.letter_sequence,
            frozen_content=opinion.frozen_content,
        )
        opinion.revisions.filter(approved_go_live_at__isnull=False).update(
            approved_go_live_at=None
        )
        notifications.notify_closed(opinion)
    return opinion


def _check_closer(opinion: OpinionPage, user, at_deadline: bool) -> None:
    if not at_deadline:
        check_manager(user, opinion)
        return
    deadline = opinion.signing_deadline
    if deadline is None or deadline > timezone.now():
        raise TransitionRefused(_("The signing deadline has not passed yet."))


def close_overdue_opinions(now: datetime.datetime | None = None) -> list[int]:
    """Close signing of every open opinion whose deadline has passed (the job).

    Returns the ids closed. One that staff closed meanwhile is skipped quietly.
    """
    now = now or timezone.now()
    due = OpinionPage.objects.filter(
        state=OpinionState.OPEN, signing_deadline__lte=now
    ).order_by("signing_deadline", "pk")
    closed = []
    for opinion in due:
        try:
            close_signing(opinion, None, at_deadline=True)
        except ConsultationError:
            continue
        closed.append(opinion.pk)
    return closed


def mark_sent(
    opinion: OpinionPage, user, *, sent_on: datetime.date, sent_via: str
) -> OpinionPage:
    """Record that the closed letter went to its addressee; the PDF is final from now."""
    if sent_via not in SendChannel.values:
        raise TransitionRefused(_("Choose how the letter was sent."), field="sent_via")
    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        check_manager(user, opinion)
        _require_state(
            opinion,
            OpinionState.CLOSED,
            _("Close signing before marking the letter as sent."),
        )
        if not opinion.letter_pdf:
            raise TransitionRefused(_("The letter has not been generated yet."))
        if sent_on > timezone.localdate():
            raise TransitionRefused(
                _("The sending date cannot be in the future."), field="sent_on"
            )
        if opinion.changed_frozen_fields():
            raise TransitionRefused(
                _("The text differs from the letter; generate the letter again.")
            )
        if opinion.letter_date and sent_on < opinion.letter_date:
            raise TransitionRefused(
                _("The letter cannot have been sent before the date it bears."),
                field="sent_on",
            )
        _move(
            opinion,
            user,
            OpinionState.SENT,
            note=SendChannel(sent_via).label,
            sent_on=sent_on,
            sent_via=sent_via,
        )
    return opinion


def mark_answered(
    opinion: OpinionPage,
    user,
    *,
    answered_on: datetime.date,
    summary: str,
    reply_document=None,
) -> OpinionPage:
    """Record the addressee's reply: its date, a summary and the reply document."""
    summary = (summary or "").strip()
    if not summary:
        raise TransitionRefused(_("Summarise the reply."), field="summary")
    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        check_manager(user, opinion)
        _require_state(
            opinion,
            OpinionState.SENT,
            _("Only a sent letter can be marked as answered."),
        )
        if answered_on > timezone.localdate():
            raise TransitionRefused(
                _("The reply date cannot be in the future."), field="answered_on"
            )
        if opinion.sent_on and answered_on < opinion.sent_on:
            raise TransitionRefused(
                _("The reply cannot be dated before the letter was sent."),
                field="answered_on",
            )
        _move(
            opinion,
            user,
            OpinionState.ANSWERED,
            answered_on=answered_on,
            reply_summary=summary,
            reply_document=reply_document,
        )
    return opinion


def add_erratum(
    opinion: OpinionPage, user, *, dated: datetime.date, body: str
) -> Erratum:
    """Add a dated correction to a sent letter; the letter and its hash stay as sent.

    Raises TransitionRefused, or the erratum's ValidationError (keyed by field).
    """
    body = (body or "").strip()
    if not body:
        raise TransitionRefused(_("Write the correction."), field="body")
    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        check_manager(user, opinion)
        if opinion.state not in DELIVERED_STATES:
            raise TransitionRefused(
                _("An erratum can be added only after the letter has been sent.")
            )
        if opinion.errata.filter(dated=dated, body=body).exists():
            raise TransitionRefused(
                _("This erratum has already been added (a double submit?)."),
                field="body",
            )
        erratum = Erratum(opinion=opinion, dated=dated, body=body, created_by=user)
        erratum.full_clean()  # field-keyed ValidationError for the console's form
        erratum.save()
        log(
            instance=opinion,
            action="consultations.erratum",
            user=user,
            data={"erratum_id": erratum.pk, "dated": dated.isoformat()},
        )
        transaction.on_commit(invalidate_pages)
    return erratum
