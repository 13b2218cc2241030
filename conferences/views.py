"""Front-end views for centres under /moj-osrodek/konferencje/.

Each view parses the request, checks permission, calls one service and renders or
redirects. Another centre's registrations answer 404: they do not exist for you.
"""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from members.permissions import centre_member_required
from razem.views import pdf_render_refusal

from .exceptions import ConferenceError
from .forms import MAX_ROWS, ParticipantFormSet, add_row, without_errors
from .models import ConferencePage, Registration
from .services.documents import certificates_pdf, may_have_certificate
from .services.occupancy import conference_occupancy, workshop_occupancy
from .services.registration import register_participants
from .services.waitlist import (
    cancel_registration,
    deadline_moved_earlier,
    may_cancel,
)


def _formset(conference, data=None):
    occupancy = workshop_occupancy(conference)
    workshops = [workshop for workshop, _occ in occupancy]
    kwargs = {
        "conference": conference,
        "workshops": workshops,
        "occupancy": {w.pk: occ for w, occ in occupancy},
    }
    return ParticipantFormSet(data, form_kwargs=kwargs)


def live_price(fee, rows: int, free: int | None, member: bool) -> dict:
    """The price shown on the form: owed now for the places still free, and what
    the rows that will wait (or, for a non-member, await confirmation) cost once
    confirmed. The same sums as `registration.js` computes in the browser."""
    placed = rows if free is None else min(rows, free)
    owed_rows = placed if member else 0
    later_rows = rows - owed_rows
    return {
        "fee": fee,
        "rows": rows,
        "owed_rows": owed_rows,
        "owed": fee * owed_rows,
        "later_rows": later_rows,
        "later": fee * later_rows,
    }


def _registration_context(request, conference, formset):
    centre = request.membership.centre
    occupancy = conference_occupancy(conference)
    member = centre.is_member
    return {
        "conference": conference,
        "formset": formset,
        "centre": centre,
        "price": live_price(
            conference.fee_for(centre), formset.kept_count(), occupancy.free, member
        ),
        "occupancy": occupancy,
        "state": conference.registration_state(),
        "member_rate": member,
        "max_rows": MAX_ROWS,
    }


@centre_member_required
@require_http_methods(["GET", "POST"])
def register(request, page_id: int):
    """The registration form: participant rows, price, "add another participant"."""
    conference = get_object_or_404(ConferencePage.objects.live(), pk=page_id)
    if request.method == "GET":
        formset = _formset(conference)
        return render(
            request,
            "conferences/register.html",
            _registration_context(request, conference, formset),
        )
    if conference.registration_state() != "open":
        # Closed while the form was open in a tab: say so, and keep what was
        # typed on the page so that nothing is lost (it can be sent to the office).
        formset = without_errors(_formset(conference, request.POST))
        return render(
            request,
            "conferences/register.html",
            _registration_context(request, conference, formset),
        )
    if "add_participant" in request.POST:
        formset = without_errors(_formset(conference, add_row(request.POST)))
    else:
        formset = _formset(conference, request.POST)
        if formset.is_valid():
            try:
                result = register_participants(
                    conference=conference,
                    centre=request.membership.centre,
                    user=request.user,
                    participants=formset.participants(),
                )
            except ConferenceError as error:
                # Refusals of single people go beside their rows; the rest above.
                by_email = getattr(error, "by_email", None)
                if not (by_email and formset.add_email_errors(by_email)):
                    formset._non_form_errors.append(str(error.message))
            else:
                messages.success(request, _summary(result))
                return redirect("conferences:centre_registrations")
    return render(
        request,
        "conferences/register.html",
        _registration_context(request, conference, formset),
    )


def _money(amount) -> str:
    return formats.number_format(amount, 2, use_l10n=True)


def _summary(result) -> str:
    """The message after a successful registration: places, waiting, what is owed.

    Only confirmed places are paid for; the waiting and unconfirmed ones are
    named with what they will cost once confirmed.
    """
    text = _(
        "Registration saved. Confirmed: %(confirmed)d, awaiting confirmation: "
        "%(pending)d, waiting list: %(waiting)d. Fee owed now: %(owed)s PLN."
    ) % {
        "confirmed": result.confirmed,
        "pending": result.pending,
        "waiting": result.waiting,
        "owed": _money(result.fee_owed),
    }
    if waiting_for_workshops := result.workshop_waiting:
        text += " " + ngettext(
            "%(count)d workshop choice is on the workshop's waiting list.",
            "%(count)d workshop choices are on the workshops' waiting lists.",
            waiting_for_workshops,
        ) % {"count": waiting_for_workshops}
    if result.fee_if_confirmed:
        text += " " + _(
            "The places on the waiting list or awaiting confirmation will cost "
            "%(amount)s PLN, owed only once they are confirmed."
        ) % {"amount": _money(result.fee_if_confirmed)}
    return text


@require_safe  # it only shows: a POST is the Polish 405
@centre_member_required
def centre_registrations(request):
    """The centre's registrations for every conference, newest conference first."""
    centre = request.membership.centre
    registrations = (
        Registration.objects.of_centre(centre)
        .select_related("conference", "centre")
        .prefetch_related("workshop_choices__session")
        .order_by("-conference__start_date", "last_name", "first_name", "pk")
    )
    groups: dict = {}
    for registration in registrations:
        registration.can_cancel = registration.status != "cancelled" and may_cancel(
            request.user, registration
        )
        registration.has_certificate = may_have_certificate(registration)
        registration.moved_deadline = deadline_moved_earlier(
            registration, registration.conference
        )
        groups.setdefault(registration.conference, []).append(registration)
    groups = [
        (conference, rows, _fee_totals(rows), _moved_deadline(rows))
        for conference, rows in groups.items()
    ]
    open_conferences = [
        c
        for c in ConferencePage.objects.live().public().order_by("start_date")
        if c.is_registration_open
    ]
    return render(
        request,
        "conferences/centre_registrations.html",
        {"centre": centre, "groups": groups, "open_conferences": open_conferences},
    )


def _moved_deadline(registrations) -> dict | None:
    """The new cancellation deadline when the office moved it earlier after some
    of these people were registered (they are warned), and whether it passed."""
    deadline = next((r.moved_deadline for r in registrations if r.moved_deadline), None)
    if deadline is None:
        return None
    return {"at": deadline, "passed": deadline < timezone.now()}


def _fee_totals(registrations) -> dict:
    """What a centre owes for one conference now, and what it may owe later."""
    return {
        "owed": sum((r.fee_owed for r in registrations), Decimal("0.00")),
        "later": sum((r.fee_if_confirmed for r in registrations), Decimal("0.00")),
    }


def _own_registration(request, pk: int):
    return get_object_or_404(
        Registration.objects.select_related("conference", "centre"),
        pk=pk,
        centre=request.membership.centre,
    )


@centre_member_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    """Ask, then cancel one of the centre's participants (POST does it)."""
    registration = _own_registration(request, pk)
    if request.method == "POST":
        try:
            cancel_registration(registration, request.user)
        except ConferenceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("The registration of %(name)s has been cancelled.")
                % {"name": registration.full_name},
            )
        return redirect("conferences:centre_registrations")
    return render(
        request,
        "conferences/cancel.html",
        {
            "registration": registration,
            "allowed": may_cancel(request.user, registration),
        },
    )


@require_safe  # a PDF to download: a POST is the Polish 405
@centre_member_required
def certificate(request, pk: int):
    """The attendance certificate of one of the centre's participants (PDF)."""
    registration = _own_registration(request, pk)
    if not may_have_certificate(registration):
        raise Http404
    if refusal := pdf_render_refusal(request, request.path):
        return refusal  # rendered per request: canonical address, per-client limit
    pdf = certificates_pdf(registration.conference, [registration])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="zaswiadczenie-{registration.pk}.pdf"'
    )
    return response
