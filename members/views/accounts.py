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

from ..exceptions import AlreadyInCentre, InvitationInvalid, LastRepresentative
from ..forms import DeleteAccountForm, InvitationAcceptForm
from ..services import (
    accept_invitation,
    delete_account,
    export_personal_data,
    find_invitation,
)
from ..services.privacy import ensure_may_delete


def _invalid(request, message):
    return render(
        request, "members/invitation_invalid.html", {"message": message}, status=404
    )


@never_cache
def invitation(request, token: str):
    """Accept an invitation: set name and password; the account joins the centre."""
    try:
        invitation = find_invitation(token)
    except InvitationInvalid as error:
        return _invalid(request, error.message)
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,
        initial={
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except (InvitationInvalid, AlreadyInCentre) as error:
            return _invalid(request, error.message)
        if request.user.is_authenticated:
            logout(request)
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


@login_required
@require_GET
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


@never_cache
@login_required
def delete_account_view(request):
    """RODO: delete one's own account after confirming with the password."""
    blocked = None
    try:
        ensure_may_delete(request.user)
    except LastRepresentative as error:
        blocked = error.message
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and blocked is None and form.is_valid():
        try:
            delete_account(request.user)
        except LastRepresentative as error:
            blocked = error.message
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("/")
    return render(
        request, "members/delete_account.html", {"form": form, "blocked": blocked}
    )
