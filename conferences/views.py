"""Front-end views for centres under /moj-osrodek/konferencje/.

Each view parses the request, checks permission, calls one service and renders or
redirects. Another centre's registrations answer 404: they do not exist for you.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members.permissions import centre_member_required

from .exceptions import ConferenceError
from .forms import ParticipantFormSet, add_row, without_errors
from .models import ConferencePage, Registration
from .services.documents import certificates_pdf, may_have_certificate
from .services.occupancy import conference_occupancy, workshop_occupancy
from .services.registration import register_participants
from .services.waitlist import cancel_registration, may_cancel


def _formset(conference, data=None):
    occupancy = workshop_occupancy(conference)
    workshops = [workshop for workshop, _occ in occupancy]
    kwargs = {
        "conference": conference,
        "workshops": workshops,
        "occupancy": {w.pk: occ for w, occ in occupancy},
    }
    return ParticipantFormSet(data, form_kwargs=kwargs)


def _registration_context(request, conference, formset):
    fee = conference.fee_for(request.membership.centre)
    rows = formset.kept_count()
    return {
        "conference": conference,
        "formset": formset,
        "centre": request.membership.centre,
        "fee": fee,
        "rows": rows,
        "total": fee * rows,
        "occupancy": conference_occupancy(conference),
        "state": conference.registration_state(),
        "member_rate": request.membership.centre.is_member,
    }


@centre_member_required
@require_http_methods(["GET", "POST"])
def register(request, page_id: int):
    """The registration form: participant rows, price, "add another participant"."""
    conference = get_object_or_404(ConferencePage.objects.live(), pk=page_id)
    if request.method == "GET" or conference.registration_state() != "open":
        formset = _formset(conference)
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
                formset._non_form_errors.append(str(error.message))
            else:
                messages.success(request, _summary(result))
                return redirect("conferences:centre_registrations")
    return render(
        request,
        "conferences/register.html",
        _registration_context(request, conference, formset),
    )


def _summary(result) -> str:
    """The message after a successful registration: places, waiting, price."""
    return _(
        "Registration saved. Confirmed: %(confirmed)d, awaiting confirmation: "
        "%(pending)d, waiting list: %(waiting)d. Total fee: %(total)s PLN."
    ) % {
        "confirmed": result.confirmed,
        "pending": result.pending,
        "waiting": result.waiting,
        "total": formats.number_format(result.total_fee, 2, use_l10n=True),
    }


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
        groups.setdefault(registration.conference, []).append(registration)
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


@centre_member_required
def certificate(request, pk: int):
    """The attendance certificate of one of the centre's participants (PDF)."""
    registration = _own_registration(request, pk)
    if not may_have_certificate(registration):
        raise Http404
    pdf = certificates_pdf(registration.conference, [registration])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="zaswiadczenie-{registration.pk}.pdf"'
    )
    return response
