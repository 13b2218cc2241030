"""'Mój ośrodek': the centre's data, people and dues, and other apps' sections.

Every object taken from the URL is looked up inside the person's own centre, so an id
of another centre's record gives 404 and never its data.
"""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from wagtail import hooks

from razem.ratelimit import RateLimit

from ..choices import CentreStatus, Role
from ..exceptions import (
    ContactsChanged,
    InvitationClosed,
    MembersError,
    PersonGone,
)
from ..forms import CentreContactsForm, InviteStaffForm
from ..models import Invitation, Membership
from ..permissions import membership_of, representative_required
from ..services import (
    check_eligibility,
    create_invitation,
    hand_over_representative,
    remove_person,
    update_centre_contacts,
)
from ..services.invitations import cancel_invitation


def _refused_for_former_member(request):
    """A former member's representative is sent back to 'Mój ośrodek' with the
    reason, which heads the centre's data there (a bookmark, a stale tab, a typed
    address); None for an active centre."""
    if request.membership.centre.status != CentreStatus.FORMER:
        return None
    return redirect("members:my_centre")


def centre_panels(request, membership) -> list[dict]:
    """Sections other apps add through the `razem_centre_panels` hook, by order."""
    panels = []
    for fn in hooks.get_hooks("razem_centre_panels"):
        panel = fn(request, membership)
        if panel:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.get("order", 100))


@require_safe  # it only shows: a POST is the Polish 405
@login_required
def my_centre(request):
    """The person's centre: data, people, dues and the sections of other apps."""
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "members/no_centre.html")
    centre = membership.centre
    people = centre.memberships.select_related("user").order_by(
        "-role", "user__last_name", "user__email"
    )
    context = {
        "membership": membership,
        "centre": centre,
        "eligibility": check_eligibility(centre.municipality),
        "people": people,
        "has_representative": any(p.is_representative for p in people),
        "invitations": centre.invitations.outstanding().order_by("-created_at"),
        "dues": centre.dues.order_by("-year"),
        "is_representative": membership.is_representative,
        "centre_has_left": centre.status == CentreStatus.FORMER,
        "invite_form": InviteStaffForm(),
        "panels": centre_panels(request, membership),
    }
    return render(request, "members/my_centre.html", context)


@representative_required
def edit_contacts(request):
    """The representative edits the centre's contacts; changes go to the audit log."""
    if refused := _refused_for_former_member(request):
        return refused
    centre = request.membership.centre
    form = CentreContactsForm(request.POST or None, instance=centre)
    if request.method == "POST" and form.is_valid():
        try:
            changes = update_centre_contacts(
                centre,
                user=request.user,
                data=form.cleaned_data,
                seen=form.cleaned_data.get("version"),
            )
        except ContactsChanged as stale:
            form.add_error(None, stale.message)
            form.show_newer(stale.centre, stale.changes)
        except MembersError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changes:
                messages.success(request, _("The centre's data has been saved."))
            else:
                messages.info(request, _("Nothing has changed."))
            return redirect("members:my_centre")
    return render(
        request, "members/edit_contacts.html", {"form": form, "centre": centre}
    )


class PersonRateLimit(RateLimit):
    """A rate limit counted per account, wherever the person connects from."""

    def _key(self, request) -> str:
        return f"razem:ratelimit:{self.scope}:user:{request.user.pk}"

    def message(self, request) -> str:
        """The refusal speaks of the person's invitations, not of a connection."""
        minutes = max(1, math.ceil(self.retry_after(request) / 60))
        return ngettext(
            "You have sent many invitations in a short time. Please try again in "
            "%(minutes)d minute.",
            "You have sent many invitations in a short time. Please try again in "
            "%(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


# A representative sends at most 20 invitations an hour.
INVITE_LIMIT = PersonRateLimit("invite", limit=20, window=60 * 60)


@representative_required
def invite(request):
    """The representative invites a staff member by e-mail.

    Every address that is not already in this centre or invited by it is answered
    "sent": an address that cannot join (a person of another centre, a staff
    account) gets an explanation by e-mail instead of the link, so the answer
    tells the representative nothing about accounts outside the centre.
    """
    if refused := _refused_for_former_member(request):
        return refused
    centre = request.membership.centre
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and INVITE_LIMIT.exceeded(request):
        form.add_error(None, INVITE_LIMIT.message(request))
    elif request.method == "POST" and form.is_valid():
        INVITE_LIMIT.hit(request)
        try:
            invitation, _token = create_invitation(
                centre,
                email=form.cleaned_data["email"],
                role=Role.STAFF,
                invited_by=request.user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                base_url=request.build_absolute_uri("/"),
            )
        except MembersError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s.")
                % {"email": invitation.email},
            )
            return redirect("members:my_centre")
    return render(request, "members/invite.html", {"form": form, "centre": centre})


def _own_membership(request, pk: int) -> Membership | None:
    """The person of the centre with this id; None when no such person exists any
    more (removed in another tab, a double submit). Another centre's person: 404."""
    membership = (
        Membership.objects.select_related("user", "centre").filter(pk=pk).first()
    )
    if membership is None:
        return None
    if membership.centre_id != request.membership.centre_id:
        raise Http404
    return membership


def _person_gone(request):
    messages.warning(request, PersonGone.default_message)
    return redirect("members:my_centre")


def _confirm_or_run(request, template: str, context: dict, action, done: str):
    """GET shows a confirmation page; POST runs the action and goes back."""
    if request.method != "POST":
        return render(request, template, context)
    try:
        action()
    except PersonGone as error:
        messages.warning(request, error.message)
    except MembersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("members:my_centre")


@representative_required
def remove_person_view(request, pk: int):
    """The representative removes a person from the centre (confirmation first)."""
    membership = _own_membership(request, pk)
    if membership is None:
        return _person_gone(request)
    return _confirm_or_run(
        request,
        "members/confirm_person.html",
        {"person": membership, "action": "remove"},
        lambda: remove_person(membership, user=request.user),
        _("%(person)s no longer belongs to the centre.") % {"person": membership.user},
    )


@representative_required
def hand_over_view(request, pk: int):
    """The representative hands the role over to another person of the centre."""
    membership = _own_membership(request, pk)
    if membership is None:
        return _person_gone(request)
    return _confirm_or_run(
        request,
        "members/confirm_person.html",
        {"person": membership, "action": "handover"},
        lambda: hand_over_representative(membership, user=request.user),
        _("%(person)s is now the centre's representative.")
        % {"person": membership.user},
    )


@require_POST
@representative_required
def cancel_invitation_view(request, pk: int):
    """The representative withdraws an unused invitation of their centre; one
    withdrawn, used or expired meanwhile is said plainly (no 404)."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("centre"),
        pk=pk,
        centre_id=request.membership.centre_id,
    )
    try:
        cancel_invitation(invitation, user=request.user)
    except InvitationClosed as error:
        messages.warning(request, error.message)
    except MembersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect("members:my_centre")
