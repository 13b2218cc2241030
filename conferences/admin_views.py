"""Staff views in the Wagtail admin: occupancy, exports, badges, check-in,
certificates, approvals. Every view needs admin access plus a model permission
(`conferences.permissions`); members and anonymous people are refused.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .choices import RegistrationStatus, WorkshopChoiceStatus
from .exceptions import ConferenceError
from .forms import StaffCancelForm
from .models import ConferencePage, Registration, WorkshopChoice
from .permissions import (
    can_see_special_category,
    staff_manage_required,
    staff_view_required,
)
from .services import exports
from .services.documents import badges_pdf, certificates_pdf
from .services.occupancy import (
    conference_occupancy,
    occupancy_by_conference,
    workshop_occupancy,
)
from .services.staff import (
    approve_registration,
    attendance_note,
    check_in,
)
from .services.waitlist import cancel_registration, cancel_workshop_choice

CHECK_IN_RESULTS = 30
CANCELLED_SHOWN = 50


def _conference(page_id: int):
    return get_object_or_404(ConferencePage, pk=page_id)


def _filename(conference, suffix: str) -> str:
    return f"{slugify(conference.slug or 'konferencja')}-{suffix}"


@staff_view_required
def overview(request):
    """Every conference with places taken / capacity at a glance."""
    conferences = list(ConferencePage.objects.order_by("-start_date"))
    occupancy = occupancy_by_conference(conferences)
    rows = [(c, occupancy[c.pk]) for c in conferences]
    return TemplateResponse(request, "conferences/admin/overview.html", {"rows": rows})


@staff_view_required
def conference_detail(request, page_id: int):
    """One conference: occupancy per workshop, pending approvals, staff tools."""
    conference = _conference(page_id)
    pending = (
        conference.registrations.filter(
            approved_at__isnull=True,
            status__in=(RegistrationStatus.PENDING, RegistrationStatus.WAITING),
        )
        .select_related("centre")
        .order_by("queued_at", "pk")
    )
    waiting = conference.registrations.waiting().select_related("centre")
    cancelled = (
        conference.registrations.filter(status=RegistrationStatus.CANCELLED)
        .select_related("centre", "cancelled_by")
        .order_by("-cancelled_at", "-pk")[:CANCELLED_SHOWN]
    )
    query = request.GET.get("q", "").strip()[:100]
    holding = _search(
        conference.registrations.holding().select_related("centre"), query
    ).order_by("last_name", "first_name", "pk")[: CHECK_IN_RESULTS + 1]
    holding = list(holding)
    return TemplateResponse(
        request,
        "conferences/admin/conference.html",
        {
            "conference": conference,
            "query": query,
            "holding": holding[:CHECK_IN_RESULTS],
            "holding_more": len(holding) > CHECK_IN_RESULTS,
            "occupancy": conference_occupancy(conference),
            "workshops": workshop_occupancy(conference),
            "pending": pending,
            "waiting": waiting,
            "cancelled": cancelled,
        },
    )


@staff_view_required
def export_csv(request, page_id: int):
    """All registrations of the conference as CSV (UTF-8 with BOM, semicolons);
    the needs column only with the special-category permission."""
    conference = _conference(page_id)
    return exports.csv_response(
        conference,
        _filename(conference, "rejestracje.csv"),
        with_needs=can_see_special_category(request.user),
    )


@staff_view_required
def export_xlsx(request, page_id: int):
    """All registrations of the conference as an Excel workbook."""
    conference = _conference(page_id)
    return exports.xlsx_response(
        conference,
        _filename(conference, "rejestracje.xlsx"),
        with_needs=can_see_special_category(request.user),
    )


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view_required
def badges(request, page_id: int):
    """Name badges of everyone holding a place, eight per A4 sheet."""
    conference = _conference(page_id)
    registrations = (
        conference.registrations.holding()
        .select_related("centre")
        .order_by("last_name", "first_name", "pk")
    )
    return _pdf_response(
        badges_pdf(conference, registrations),
        _filename(conference, "identyfikatory.pdf"),
    )


@staff_view_required
def certificates(request, page_id: int):
    """Attendance certificates of everyone present, one per page."""
    conference = _conference(page_id)
    registrations = (
        conference.registrations.filter(
            status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
        )
        .select_related("centre", "conference")
        .prefetch_related("workshop_choices")
        .order_by("last_name", "first_name", "pk")
    )
    try:
        pdf = certificates_pdf(conference, registrations)
    except ConferenceError as error:
        messages.error(request, str(error.message))
        return redirect("conferences:staff_conference", page_id=conference.pk)
    return _pdf_response(pdf, _filename(conference, "zaswiadczenia.pdf"))


def _search(people, query: str):
    for word in query.split()[:3]:
        people = people.filter(
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(email__icontains=word)
            | Q(centre__name__icontains=word)
        )
    return people


@staff_view_required
def check_in_page(request, page_id: int):
    """The door list for a phone: search by name, one button per person."""
    conference = _conference(page_id)
    query = request.GET.get("q", "").strip()
    people = _search(
        conference.registrations.filter(
            status=RegistrationStatus.CONFIRMED
        ).select_related("centre"),
        query,
    )
    people = people.order_by("last_name", "first_name", "pk")[:CHECK_IN_RESULTS]
    present = conference.registrations.filter(
        status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
    ).count()
    return TemplateResponse(
        request,
        "conferences/admin/check_in.html",
        {
            "conference": conference,
            "query": query,
            "people": people,
            "present": present,
            "occupancy": conference_occupancy(conference),
            "not_today": attendance_note(conference),
        },
    )


def _back(request, fallback: str, **kwargs):
    target = _next_url(request)
    if target:
        return redirect(target)
    return redirect(fallback, **kwargs)


@require_POST
@staff_manage_required
def check_in_action(request, pk: int):
    """Mark one participant present (or undo with present=0)."""
    registration = get_object_or_404(Registration, pk=pk)
    present = request.POST.get("present", "1") != "0"
    try:
        check_in(registration, request.user, present=present)
    except ConferenceError as error:
        messages.error(request, str(error.message))
    else:
        text = (
            _("%(name)s is present.") if present else _("%(name)s: presence removed.")
        )
        messages.success(request, text % {"name": registration.full_name})
    return _back(
        request, "conferences:staff_check_in", page_id=registration.conference_id
    )


@require_POST
@staff_manage_required
def approve(request, pk: int):
    """Confirm a participant of a non-member centre."""
    registration = get_object_or_404(Registration, pk=pk)
    try:
        approve_registration(registration, request.user)
    except ConferenceError as error:
        messages.warning(request, str(error.message))
    else:
        messages.success(
            request, _("%(name)s confirmed.") % {"name": registration.full_name}
        )
    return _back(
        request, "conferences:staff_conference", page_id=registration.conference_id
    )


def _cancel_page(request, context: dict, form) -> TemplateResponse:
    return TemplateResponse(
        request,
        "conferences/admin/cancel.html",
        {**context, "form": form, "next": _next_url(request)},
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_http_methods(["GET", "POST"])
@staff_manage_required
def staff_cancel(request, pk: int):
    """Ask for the reason, then cancel a participant in any state (POST); with
    `warsztat=<choice id>` only that workshop place or waiting slot.

    The waiting list of the conference and of the workshops moves up; the
    participant and the centre are e-mailed with the reason. A second submit (or
    a stale tab) finds the registration cancelled and says so; nothing changes.
    """
    registration = get_object_or_404(
        Registration.objects.select_related("conference", "centre"), pk=pk
    )
    choice_pk = request.POST.get("warsztat") or request.GET.get("warsztat")
    if choice_pk:
        return _cancel_choice(request, registration, choice_pk)
    context = {
        "registration": registration,
        "choice": None,
        "choices": registration.workshop_choices.exclude(
            status=WorkshopChoiceStatus.CANCELLED
        ).select_related("session"),
        "already": registration.status == RegistrationStatus.CANCELLED,
    }
    form = StaffCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return _cancel_page(request, context, form)
    try:
        cancel_registration(
            registration, request.user, reason=form.cleaned_data["reason"]
        )
    except ConferenceError as error:
        messages.warning(request, str(error.message))
    else:
        messages.success(
            request,
            _("The registration of %(name)s has been cancelled.")
            % {"name": registration.full_name},
        )
    return _back(
        request, "conferences:staff_conference", page_id=registration.conference_id
    )


def _cancel_choice(request, registration, choice_pk):
    """The same steps for one workshop choice of the registration."""
    if not str(choice_pk).isdigit():
        raise Http404
    choice = get_object_or_404(
        WorkshopChoice.objects.select_related("session"),
        pk=int(choice_pk),
        registration=registration,
    )
    choice.registration = registration
    context = {
        "registration": registration,
        "choice": choice,
        "already": choice.status == WorkshopChoiceStatus.CANCELLED,
    }
    form = StaffCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return _cancel_page(request, context, form)
    try:
        cancel_workshop_choice(choice, request.user, reason=form.cleaned_data["reason"])
    except ConferenceError as error:
        messages.warning(request, str(error.message))
    else:
        messages.success(
            request,
            _("%(name)s no longer has the workshop “%(workshop)s”.")
            % {"name": registration.full_name, "workshop": choice.session.title},
        )
    return _back(
        request, "conferences:staff_conference", page_id=registration.conference_id
    )
