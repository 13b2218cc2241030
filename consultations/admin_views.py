"""Staff views in the Wagtail admin: the opinion console, transitions, exports.

Every state change is a POST after a confirmation page and calls one service.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import services
from .choices import DELIVERED_STATES, OpinionState
from .exceptions import ConsultationError
from .forms import AnswerForm, ConfirmForm, ErratumForm, HideCommentForm, SendForm
from .models import Comment, OpinionPage
from .permissions import can_manage_opinion, can_run_workflow, require
from .services.exports import signatories_csv, signatories_xlsx
from .services.letters import ordered_signatories


@dataclass(frozen=True)
class Action:
    """A staff action on an opinion: its label, form and service call."""

    label: Any
    from_states: tuple[str, ...]
    form_class: type[forms.Form]
    run: Any
    success: Any
    description: Any = ""


ACTIONS = {
    "open": Action(
        label=_("Open for signatures"),
        from_states=(OpinionState.DRAFT,),
        form_class=ConfirmForm,
        run=lambda opinion, user, data: services.open_for_signatures(opinion, user),
        success=_("The opinion is open for signatures; representatives are notified."),
        description=_(
            "Every representative of a member centre will get an e-mail with the "
            "deadline and a link."
        ),
    ),
    "close": Action(
        label=_("Close signing and generate the letter"),
        from_states=(OpinionState.OPEN,),
        form_class=ConfirmForm,
        run=lambda opinion, user, data: services.close_signing(opinion, user),
        success=_("Signing is closed and the letter has been generated."),
        description=_(
            "No centre will be able to sign or withdraw. The letter PDF with the "
            "annex of co-signers is generated now."
        ),
    ),
    "regenerate": Action(
        label=_("Generate the letter again"),
        from_states=(OpinionState.CLOSED,),
        form_class=ConfirmForm,
        run=lambda opinion, user, data: services.regenerate_letter(opinion, user),
        success=_("The letter has been generated again."),
        description=_(
            "Use it after correcting the association's details (letterhead, "
            "signatory). The text is fixed since closing and the letter keeps its "
            "number; not possible once sent."
        ),
    ),
    "send": Action(
        label=_("Mark as sent"),
        from_states=(OpinionState.CLOSED,),
        form_class=SendForm,
        run=lambda opinion, user, data: services.mark_sent(opinion, user, **data),
        success=_("The letter is marked as sent; its PDF is now final."),
    ),
    "answer": Action(
        label=_("Record the reply"),
        from_states=(OpinionState.SENT,),
        form_class=AnswerForm,
        run=lambda opinion, user, data: services.mark_answered(
            opinion,
            user,
            answered_on=data["answered_on"],
            summary=data["summary"],
            reply_document=data.get("reply_document"),
        ),
        success=_("The reply has been recorded."),
    ),
    "erratum": Action(
        label=_("Add an erratum"),
        from_states=DELIVERED_STATES,
        form_class=ErratumForm,
        run=lambda opinion, user, data: services.add_erratum(opinion, user, **data),
        success=_("The erratum has been added and is shown beside the letter."),
        description=_(
            "A dated correction shown on the public page and after the letter in "
            "its PDF pack. The sent letter and its SHA-256 do not change."
        ),
    ),
}


def available_actions(opinion: OpinionPage, user=None) -> list[tuple[str, Action]]:
    """The actions that make sense in the opinion's current state; given a person,
    none unless they may run the workflow (`manage_opinion_workflow`)."""
    if user is not None and not can_run_workflow(user, opinion):
        return []
    return [(key, a) for key, a in ACTIONS.items() if opinion.state in a.from_states]


def _managed_opinion(request, opinion_id: int) -> OpinionPage:
    opinion = get_object_or_404(OpinionPage, pk=opinion_id)
    require(can_manage_opinion(request.user, opinion))
    return opinion


@require_GET
def opinion_list(request):
    """All opinions with their state and number of co-signers."""
    opinions = OpinionPage.objects.with_signature_count().order_by(
        "-latest_revision_created_at"
    )
    manageable = [o for o in opinions if can_manage_opinion(request.user, o)]
    return TemplateResponse(
        request, "consultations/admin/opinion_list.html", {"opinions": manageable}
    )


@require_GET
def opinion_console(request, opinion_id: int):
    """State, history, co-signers, letter, exports and comments of one opinion."""
    opinion = _managed_opinion(request, opinion_id)
    return TemplateResponse(
        request,
        "consultations/admin/opinion_console.html",
        {
            "opinion": opinion,
            "actions": available_actions(opinion, request.user),
            "may_run_workflow": can_run_workflow(request.user, opinion),
            "events": opinion.events.select_related("user"),
            "errata": opinion.errata.select_related("created_by"),
            "signatures": ordered_signatories(opinion),
            "withdrawn": opinion.signatures.filter(
                withdrawn_at__isnull=False
            ).select_related("centre", "withdrawn_by"),
            "comments": opinion.comments.select_related(
                "author", "centre", "hidden_by"
            ),
        },
    )


def transition(request, opinion_id: int, action: str):
    """Confirm (GET) and perform (POST) one state change through its service."""
    opinion = _managed_opinion(request, opinion_id)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    require(can_run_workflow(request.user, opinion))
    console = reverse("consultations_admin:opinion", args=[opinion.pk])
    form = spec.form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            spec.run(opinion, request.user, form.cleaned_data)
        except ConsultationError as error:
            _show_refusal(request, form, error)
        except ValidationError as error:
            form.add_error(None, error)  # the model's messages beside their fields
        else:
            messages.success(request, spec.success)
            return redirect(console)
    return TemplateResponse(
        request,
        "consultations/admin/confirm_action.html",
        {"opinion": opinion, "action": spec, "form": form, "console_url": console},
    )


def _show_refusal(request, form, error: ConsultationError) -> None:
    """A refusal beside the field it concerns, else as a message above the form."""
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        messages.error(request, error.message)


@require_GET
def export_signatories(request, opinion_id: int, file_format: str):
    """The co-signers as CSV (UTF-8 with BOM) or XLSX."""
    opinion = _managed_opinion(request, opinion_id)
    if file_format == "csv":
        content, mime = signatories_csv(opinion), "text/csv; charset=utf-8"
    elif file_format == "xlsx":
        content = signatories_xlsx(opinion)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(content, content_type=mime)
    filename = f"podpisy-{opinion.slug}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def hide_comment(request, comment_id: int):
    """Hide a comment with a reason (GET shows the form, POST hides it)."""
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=comment_id)
    opinion = _managed_opinion(request, comment.opinion_id)
    console = reverse("consultations_admin:opinion", args=[opinion.pk])
    form = HideCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_comment(comment, request.user, form.cleaned_data["reason"])
        except ConsultationError as error:
            _show_refusal(request, form, error)
        else:
            messages.success(request, _("The comment is hidden."))
            return redirect(console)
    return TemplateResponse(
        request,
        "consultations/admin/hide_comment.html",
        {"opinion": opinion, "comment": comment, "form": form, "console_url": console},
    )
