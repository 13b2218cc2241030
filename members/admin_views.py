"""Wagtail admin views for staff decisions on membership applications.

Accept and reject are explicit views: GET shows the application and a confirmation
form, POST (only) calls the service. Both need the `change` permission on
applications.
"""

import datetime

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import CreateView, DeleteView, InspectView

from .choices import ApplicationStatus, Role
from .exceptions import MembersError
from .forms import AppointRepresentativeForm, DecisionAcceptForm, DecisionRejectForm
from .services import (
    accept_application,
    check_eligibility,
    create_invitation,
    reject_application,
)
from .services.applicant_account import applicant_account_note
from .services.centres import appoint_representative

APPLICATION_FIELDS = [
    "status",
    "centre_name",
    "kind",
    "municipality",
    "street",
    "postal_code",
    "city",
    "centre_phone",
    "centre_email",
    "website",
    "director",
    "nip",
    "first_name",
    "last_name",
    "email",
    "phone",
    "position",
    "message",
    "created_at",
    "decision_reason",
    "decided_at",
    "decided_by",
    "centre",
]


class LocalValuesMixin:
    """Inspect views show moments in local time (Europe/Warsaw, as the listing and
    the e-mails do) and an empty value as "–", never "None" (found in the final
    browser trial)."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if value is None or value == "":
            return "–"
        return value


class ApplicationInspectView(LocalValuesMixin, InspectView):
    """The application with its eligibility and the Accept / Reject buttons."""

    template_name = "members/admin/application_inspect.html"

    def get_context_data(self, **kwargs):
        """Add the eligibility verdict and the decision links."""
        context = super().get_context_data(**kwargs)
        context["eligibility"] = check_eligibility(self.object.municipality)
        if self.object.status == ApplicationStatus.PENDING:
            context["account_note"] = applicant_account_note(self.object)
            context["accept_url"] = reverse(
                "members_application:accept", args=[self.object.pk]
            )
            context["reject_url"] = reverse(
                "members_application:reject", args=[self.object.pk]
            )
        return context


class ApplicationDecisionView(LocalValuesMixin, InspectView):
    """Base of the accept and reject views: the application, a form, POST to decide."""

    any_permission_required = None
    permission_required = "change"
    template_name = "members/admin/application_decision.html"
    form_class = None
    decision = ""

    def _data(self):
        return self.request.POST if self.request.method == "POST" else None

    def get_form(self):
        """The decision form, bound on POST."""
        return self.form_class(self._data())

    def get_context_data(self, **kwargs):
        """Add the form and the eligibility verdict."""
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["eligibility"] = check_eligibility(self.object.municipality)
        context["decision"] = self.decision
        context["is_pending"] = self.object.status == ApplicationStatus.PENDING
        if context["is_pending"] and self.decision == "accept":
            context["account_note"] = applicant_account_note(self.object)
        return context

    def post(self, request, *args, **kwargs):
        """Run the decision; errors go back beside the form."""
        form = self.get_form()
        if form.is_valid():
            try:
                self.decide(form)
            except MembersError as error:
                form.add_error(None, error.message)
            else:
                return redirect(self.index_url_name)
        return self.render_to_response(self.get_context_data(form=form))

    def decide(self, form):  # pragma: no cover - overridden
        """Call the service."""
        raise NotImplementedError


class AcceptApplicationView(ApplicationDecisionView):
    """Accept: admit the centre and e-mail the representative an invitation."""

    page_title = gettext_lazy("Accept the application")
    decision = "accept"

    def get_form(self):
        """A reason is required when the gmina is over the population limit."""
        eligible = check_eligibility(self.object.municipality).eligible
        return DecisionAcceptForm(
            self._data(), eligible=eligible, municipality=self.object.municipality
        )

    def decide(self, form):
        """Admit the centre and send the invitation."""
        centre, invitation = accept_application(
            self.object,
            user=self.request.user,
            exception_reason=form.cleaned_data.get("exception_reason", ""),
            base_url=self.request.build_absolute_uri("/"),
        )
        messages.success(
            self.request,
            _("%(centre)s is now a member; the invitation was sent to %(email)s.")
            % {"centre": centre.name, "email": invitation.email},
        )


class RejectApplicationView(ApplicationDecisionView):
    """Reject with a reason, e-mailed to the applicant."""

    page_title = gettext_lazy("Reject the application")
    form_class = DecisionRejectForm
    decision = "reject"

    def decide(self, form):
        """Reject and e-mail the reason."""
        reject_application(
            self.object, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            self.request,
            _("The application of %(centre)s has been rejected.")
            % {"centre": self.object.centre_name},
        )


def centre_kept_message(records: list[str]) -> str:
    """Why a centre is not deleted, and what to do instead (Polish in the admin)."""
    return _(
        "This centre cannot be deleted: its records (%(records)s) are part of the "
        "association's documentation. If the centre has left the association, set "
        "its status to “former member” instead."
    ) % {"records": ", ".join(records)}


class CentreDeleteView(DeleteView):
    """Deleting a centre with dues, people, registrations or co-signatures is
    refused politely, on the confirmation page as on the POST.

    Those records are kept for the association's documentation (PROTECT on every
    relation; they are not in Wagtail's reference index, so the generic view would
    not see them): the centre gets the status "former member" instead. The
    ProtectedError caught on POST covers a record added after the page was shown.
    """

    def dispatch(self, request, *args, **kwargs):
        """A centre with records never reaches the confirmation."""
        if request.user.is_authenticated and self.user_has_permission("delete"):
            records = self.object.records_kept()
            if records:
                messages.error(request, centre_kept_message(records))
                return redirect(self.edit_url_name, self.object.pk)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request, centre_kept_message(self.object.records_kept())
            )
            return redirect(self.edit_url_name, self.object.pk)


class InvitationCreateView(CreateView):
    """ "Add invitation" goes through the invitation service: every rule of who may
    be invited holds here, the link is e-mailed and the audit log written."""

    def form_valid(self, form):
        """Invite through the service; its refusals go back beside the address."""
        self.form = form
        data = form.cleaned_data
        try:
            self.object, _token = create_invitation(
                data["centre"],
                email=data["email"],
                role=data["role"],
                invited_by=self.request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                base_url=self.request.build_absolute_uri("/"),
            )
        except MembersError as error:
            form.add_error("email", error.message)
            return self.form_invalid(form)
        return self.save_action()

    def get_success_message(self, instance):
        """Say where the link went."""
        return _("The invitation has been sent to %(email)s.") % {
            "email": instance.email
        }


class AppointRepresentativeView(InspectView):
    """The office appoints a person of the centre as its representative (after the
    only representative left, or to hand the role over on the centre's request).
    GET shows the centre's people, POST appoints; needs `change` on centres."""

    any_permission_required = None
    permission_required = "change"
    template_name = "members/admin/centre_representative.html"
    page_title = gettext_lazy("Appoint the representative")

    def get_form(self):
        """The choice among the centre's people, bound on POST."""
        data = self.request.POST if self.request.method == "POST" else None
        return AppointRepresentativeForm(data, centre=self.object)

    def get_context_data(self, **kwargs):
        """The form and the current representatives."""
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["representatives"] = self.object.memberships.filter(
            role=Role.REPRESENTATIVE
        ).select_related("user")
        context["invite_url"] = reverse("members_invitation:add")
        return context

    def post(self, request, *args, **kwargs):
        """Appoint; errors go back beside the choice."""
        form = self.get_form()
        if form.is_valid():
            try:
                target = appoint_representative(
                    form.cleaned_data["membership"], user=request.user
                )
            except MembersError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("%(person)s is now the representative of %(centre)s.")
                    % {"person": target.user, "centre": self.object.name},
                )
                return redirect(self.edit_url_name, self.object.pk)
        return self.render_to_response(self.get_context_data(form=form))
