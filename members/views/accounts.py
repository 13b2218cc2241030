"""Account views of the members app: invitation acceptance and RODO (data, deletion)."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from razem.ratelimit import RateLimit

from ..exceptions import InvitationInvalid, LastRepresentative, MembersError
from ..forms import (
    DeleteAccountForm,
    InvitationAcceptForm,
    LastRepresentativeDeleteForm,
)
from ..models import Membership
from ..permissions import membership_of
from ..services import (
    accept_invitation,
    delete_account,
    export_personal_data,
    find_invitation,
)
from ..services.accounts import account_for_email, owns_email
from ..services.invitations import (
    account_refusal_at_acceptance,
    invitation_by_token,
    join_with_invitation,
)
from ..services.privacy import ensure_may_delete, hand_over_and_delete

# Every POST to an invitation link counts (the account form, joining).
INVITATION_LIMIT = RateLimit("invitation", limit=10, window=15 * 60)


def _invalid(request, message, status=404):
    return render(
        request,
        "members/invitation_invalid.html",
        {"message": message},
        status=status,
    )


def _not_usable(request, token: str, message):
    """A used link opened again by the person who used it (a double submit, the
    back button) leads to their centre; anybody else sees why it is not valid."""
    used = invitation_by_token(token)
    if (
        used is not None
        and used.used_at is not None
        and request.user.is_authenticated
        and owns_email(request.user, used.email)
        and Membership.objects.filter(
            user=request.user, centre_id=used.centre_id
        ).exists()
    ):
        messages.info(
            request,
            _("You already belong to %(centre)s.") % {"centre": used.centre.name},
        )
        return redirect("members:my_centre")
    return _invalid(request, message)


def _limited(request) -> str | None:
    """The lockout message once this client has posted too often, else None."""
    if request.method != "POST":
        return None
    if INVITATION_LIMIT.exceeded(request):
        return INVITATION_LIMIT.message(request)
    INVITATION_LIMIT.hit(request)
    return None


def _create_account(request, token: str, invitation):
    """A new address: name and password; the account joins the centre."""
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,
        initial={
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
        },
    )
    lockout = _limited(request)
    if lockout:
        form.add_error(None, lockout)
    elif request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except MembersError as error:
            return _not_usable(request, token, error.message)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome! Your account is ready and belongs to %(centre)s.")
            % {"centre": invitation.centre.name},
        )
        return redirect("members:my_centre")
    return render(
        request, "members/invitation.html", {"invitation": invitation, "form": form}
    )


def _join(request, token: str, invitation):
    """The logged-in owner of the address confirms joining the centre."""
    error = _limited(request)
    if request.method == "POST" and error is None:
        try:
            join_with_invitation(token, user=request.user)
        except MembersError as refusal:
            return _not_usable(request, token, refusal.message)
        messages.success(
            request,
            _("You now belong to %(centre)s.") % {"centre": invitation.centre.name},
        )
        return redirect("members:my_centre")
    return _account_page(request, invitation, "join", error)


def _account_page(request, invitation, state: str, message=None, status=200):
    return render(
        request,
        "members/invitation_account.html",
        {"invitation": invitation, "state": state, "message": message},
        status=status,
    )


@never_cache
def invitation(request, token: str):
    """An invitation link: a new address creates its account; an existing account
    logs in (with its second factor) and then joins; never a password form for an
    existing account, never a silent switch of the logged-in account."""
    try:
        invitation = find_invitation(token)
    except InvitationInvalid as error:
        return _not_usable(request, token, error.message)
    account = account_for_email(invitation.email)
    user = request.user
    if user.is_authenticated and (account is None or account.pk != user.pk):
        return _account_page(request, invitation, "other_account")
    if account is None:
        return _create_account(request, token, invitation)
    try:
        account_refusal_at_acceptance(invitation, account)
    except MembersError as error:
        return _account_page(request, invitation, "refused", error.message, 403)
    if not user.is_authenticated:
        return _account_page(request, invitation, "log_in")
    return _join(request, token, invitation)


@require_GET  # first: a POST is the Polish 405, logged in or not
@login_required
def my_data(request):
    """RODO: the person's data as a JSON download."""
    data = export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="moje-dane-{stamp}.json"'
    return response


def _delete(request, form) -> bool:
    """Run the deletion the form asks for; False when a rule refused it."""
    way = form.cleaned_data.get("way")
    try:
        if way == LastRepresentativeDeleteForm.HAND_OVER:
            hand_over_and_delete(request.user, form.cleaned_data["successor"])
        else:
            delete_account(
                request.user,
                leave_without_representative=way == LastRepresentativeDeleteForm.LEAVE,
            )
    except MembersError as error:
        form.add_error(None, error.message)
        return False
    return True


@never_cache
@login_required
def delete_account_view(request):
    """RODO: delete one's own account after confirming with the password.

    The only representative of a centre chooses who acts for it next: a person of
    the centre (the role is handed over in the same step) or nobody for now (the
    association's office is told and appoints a new representative).
    """
    try:
        ensure_may_delete(request.user)
        form = DeleteAccountForm(request.POST or None, user=request.user)
        only_representative = False
    except LastRepresentative:
        form = LastRepresentativeDeleteForm(
            request.POST or None,
            user=request.user,
            membership=membership_of(request.user),
        )
        only_representative = True
    if request.method == "POST" and form.is_valid() and _delete(request, form):
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(
        request,
        "members/delete_account.html",
        {"form": form, "only_representative": only_representative},
    )
