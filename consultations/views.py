"""Front-end views: the opinion page's context, co-signing, comments, the letter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from members.permissions import membership_of
from razem.cache import mark_cacheable
from razem.ratelimit import RateLimit
from razem.views import pdf_render_refusal

from . import services
from .choices import PUBLIC_STATES
from .exceptions import ConsultationError
from .forms import CommentForm, SignForm, WithdrawForm
from .models import DraftLaw, DraftLawDocument, OpinionPage, Signature
from .permissions import (
    can_comment,
    can_discuss,
    can_manage_opinion,
    can_see_letter,
    can_sign_for,
    can_view_opinion,
    comment_refusal,
    person_signing_refusal,
)
from .services.letters import LazySignatories, letter_pack


class PersonRateLimit(RateLimit):
    """A rate limit counted per logged-in person, whatever their connection."""

    def _key(self, request) -> str:
        return f"razem:ratelimit:{self.scope}:user:{request.user.pk}"


# Thirty comments in ten minutes per person: room for a lively discussion, none for
# a script flooding it.
COMMENT_LIMIT = PersonRateLimit("consultations-comment", limit=30, window=10 * 60)


def _rules_url(opinion: OpinionPage) -> str:
    """The index page's rules route, without loading the index: an opinion's
    address is its index's address plus its own slug."""
    from .models import OpinionIndexPage

    index_url = opinion.url.removesuffix(f"{opinion.slug}/")
    return index_url + OpinionIndexPage.get_resolver().reverse("discussion_rules")


def _signing_context(request, opinion: OpinionPage) -> dict:
    """The co-sign or withdraw form for a representative who may sign."""
    membership = membership_of(request.user)
    if not request.user.is_authenticated:
        return {}  # the page offers to log in
    if membership is None or not can_sign_for(request.user, membership.centre):
        # Said only while centres can sign: otherwise the state says it all.
        if opinion.is_signing_open:
            return {"signing_refusal": person_signing_refusal(request.user)}
        return {}
    signature = (
        Signature.objects.active()
        .filter(opinion=opinion, centre_id=membership.centre_id)
        .first()
    )
    context = {"my_centre": membership.centre, "my_signature": signature}
    if opinion.is_signing_open:
        if signature is None:
            context["sign_form"] = SignForm(initial={"version": opinion.state_version})
        else:
            context["withdraw_form"] = WithdrawForm(
                initial={"version": opinion.state_version, "signature": signature.pk}
            )
    return context


def _discussion_context(request, opinion: OpinionPage, comment_form=None) -> dict:
    """Comments and the comment form: only for members and the staff managing it."""
    manager = can_manage_opinion(request.user, opinion)
    if not (can_discuss(request.user) or manager):
        return {}
    comments = opinion.comments.select_related("author", "centre")
    if not manager:
        comments = comments.filter(hidden_at__isnull=True)
    context = {
        "show_discussion": True,
        "comments": comments,
        "rules_url": _rules_url(opinion),
    }
    if comment_form is not None:
        context["comment_form"] = comment_form  # a refused one keeps the text
        context["comment_closed"] = not can_comment(request.user, opinion)
    elif can_comment(request.user, opinion):
        context["comment_form"] = CommentForm()
    return context


def opinion_page_context(request, opinion: OpinionPage, comment_form=None) -> dict:
    """Everything the opinion template lists, in a bounded number of queries."""
    # Querysets, read only when the template's fragment cache misses.
    signatures = LazySignatories(opinion) if opinion.is_public else []
    context = {
        "signatures": signatures,
        "events": opinion.events.all(),
        "errata": opinion.errata.all(),
        "is_manager": can_manage_opinion(request.user, opinion),
        "show_letter": bool(opinion.letter_pdf)
        and can_see_letter(request.user, opinion),
        "draft_law_documents": (
            list(
                opinion.draft_law.documents.select_related("document")
                if opinion.draft_law_id
                else []
            )
        ),
    }
    context.update(_signing_context(request, opinion))
    context.update(_discussion_context(request, opinion, comment_form))
    return context


def _opinion_or_404(request, opinion_id: int) -> OpinionPage:
    opinion = get_object_or_404(OpinionPage.objects.live(), pk=opinion_id)
    if not can_view_opinion(request.user, opinion):
        raise Http404
    return opinion


def _run(request, action, success_message) -> None:
    """Call one service; its refusal becomes an error message beside the page."""
    try:
        action()
    except ConsultationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success_message)


@require_POST
@login_required
def sign(request, opinion_id: int):
    """Co-sign the opinion for the representative's centre."""
    opinion = _opinion_or_404(request, opinion_id)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Nothing was changed."))
        return redirect(opinion.url + "#podpisy")
    _run(
        request,
        lambda: services.sign_opinion(
            opinion, request.user, expected_version=form.cleaned_data["version"]
        ),
        _("Your centre has co-signed this opinion."),
    )
    return redirect(opinion.url + "#podpisy")


@require_POST
@login_required
def withdraw(request, opinion_id: int):
    """Withdraw the centre's co-signature."""
    opinion = _opinion_or_404(request, opinion_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Nothing was changed."))
        return redirect(opinion.url + "#podpisy")
    _run(
        request,
        lambda: services.withdraw_signature(
            opinion,
            request.user,
            signature_id=form.cleaned_data["signature"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Your centre's co-signature has been withdrawn."),
    )
    return redirect(opinion.url + "#podpisy")


def _comment_refusal(opinion: OpinionPage, user) -> tuple[str, int]:
    """Why this person cannot comment here now, in words, and the HTTP status
    ("" when they can): who they are (403) before the opinion's state (409)."""
    refusal = comment_refusal(user, opinion)
    if not refusal:
        return "", 200
    return refusal, 403 if not can_discuss(user) else 409


def _refused_comment_page(request, opinion_id: int, form, message: str, status: int):
    """A refusal in the site's layout that shows the typed text for copying."""
    return TemplateResponse(
        request,
        "consultations/comment_refused.html",
        {
            "message": message,
            "text": form.data.get("body", ""),
            "opinion_id": opinion_id,
        },
        status=status,
    )


@require_POST
@login_required
def comment(request, opinion_id: int):
    """Post a comment; any refusal re-renders the page with the text kept."""
    form = CommentForm(request.POST)
    opinion = OpinionPage.objects.live().filter(pk=opinion_id).first()
    if (
        opinion is not None
        and not can_view_opinion(request.user, opinion)
        and membership_of(request.user) is not None
    ):
        # A draft, and the person's centre is no longer in good standing: say so.
        refusal, status = _comment_refusal(opinion, request.user)
        return _refused_comment_page(request, opinion_id, form, refusal, status)
    if opinion is None or not can_view_opinion(request.user, opinion):
        message = _(
            "This opinion is not available to you (any more). Your comment was not "
            "posted; its text is below so that you can keep it."
        )
        return _refused_comment_page(request, opinion_id, form, message, status=404)
    refusal, status = _comment_refusal(opinion, request.user)
    if not refusal and COMMENT_LIMIT.exceeded(request):
        refusal, status = COMMENT_LIMIT.message(request), 429
    if refusal:
        if not (can_discuss(request.user) or can_manage_opinion(request.user, opinion)):
            return _refused_comment_page(request, opinion_id, form, refusal, status)
        form.is_valid()
        form.add_error(None, refusal)
        return _opinion_with_form(request, opinion, form, status)
    if form.is_valid():
        try:
            services.post_comment(opinion, request.user, form.cleaned_data["body"])
        except ConsultationError as error:
            form.add_error("body", error.message)
        else:
            COMMENT_LIMIT.hit(request)
            messages.success(request, _("Your comment has been added."))
            return redirect(opinion.url + "#dyskusja")
    return _opinion_with_form(request, opinion, form, status=200)


def _opinion_with_form(request, opinion: OpinionPage, form, status: int):
    """The opinion page again, with the (refused or invalid) comment form."""
    context = opinion.get_context(request)
    context.update(_discussion_context(request, opinion, form))
    return TemplateResponse(
        request, opinion.get_template(request), context, status=status
    )


@require_GET
def letter(request, opinion_id: int):
    """The stored letter PDF: public once sent, for staff before that."""
    opinion = _opinion_or_404(request, opinion_id)
    if not opinion.letter_pdf or not can_see_letter(request.user, opinion):
        raise Http404
    response = FileResponse(
        opinion.letter_pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{opinion.slug}.pdf",
    )
    response["X-Content-SHA256"] = opinion.letter_sha256
    return response


@require_safe
def letter_pack_view(request, opinion_id: int):
    """The sent letter followed by its dated errata, as one PDF (rendered per
    request: canonical address and a per-client limit, `pdf_render_refusal`)."""
    opinion = _opinion_or_404(request, opinion_id)
    if not opinion.letter_pdf or not can_see_letter(request.user, opinion):
        raise Http404
    if refusal := pdf_render_refusal(request, request.path):
        return refusal
    response = HttpResponse(letter_pack(opinion), content_type="application/pdf")
    filename = f"{opinion.slug}-z-erratami.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def draft_law_list(request, index_page):
    """The draft laws with their deadlines (the index page's /projekty/ route)."""
    draft_laws = DraftLaw.objects.prefetch_related(
        Prefetch(
            "documents",
            queryset=DraftLawDocument.objects.select_related("document"),
        ),
        Prefetch(
            "opinions",
            queryset=OpinionPage.objects.live().filter(state__in=PUBLIC_STATES),
            to_attr="public_opinions",
        ),
    ).order_by("consultation_deadline", "title")
    response = TemplateResponse(
        request,
        "consultations/draft_law_list.html",
        {"page": index_page, "self": index_page, "draft_laws": draft_laws},
    )
    return _cacheable_for_anonymous(request, response)


def discussion_rules(request, index_page):
    """The rules of member discussion (the index page's /zasady-dyskusji/ route)."""
    response = TemplateResponse(
        request,
        "consultations/discussion_rules.html",
        {"page": index_page, "self": index_page},
    )
    return _cacheable_for_anonymous(request, response)


def _cacheable_for_anonymous(request, response):
    if not request.user.is_authenticated:
        mark_cacheable(response)
    return response
