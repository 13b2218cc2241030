"""Who may read, discuss, sign and manage opinions: one predicate per rule.

Views check these predicates and the services check them again.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.permissions import (
    is_member_in_good_standing,
    is_representative_of,
    membership_of,
)

from .choices import PUBLIC_STATES, OpinionState


def member_centre_of(user):
    """The person's centre when it is a member in good standing, else None."""
    membership = membership_of(user)
    if membership is None or not is_member_in_good_standing(membership.centre):
        return None
    return membership.centre


def can_discuss(user) -> bool:
    """True for people of a member centre: they read drafts and comment."""
    return member_centre_of(user) is not None


def can_manage_opinion(user, opinion) -> bool:
    """True for association staff who may publish the opinion page."""
    if not can_manage_opinions(user):  # cheap, and cached for the request
        return False
    return opinion.permissions_for_user(user).can_publish()


WORKFLOW_PERMISSION = "consultations.manage_opinion_workflow"


def can_run_workflow(user, opinion) -> bool:
    """True for staff who manage the opinion and hold `manage_opinion_workflow`:
    they open it for signing, close it, generate and send the letter, record the
    reply and add errata. Editing the page is not enough."""
    if not can_manage_opinion(user, opinion):
        return False
    return user.is_superuser or user.has_perm(WORKFLOW_PERMISSION)


def can_manage_opinions(user) -> bool:
    """True for people who reach the admin and may change opinion pages at all."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def can_view_opinion(user, opinion) -> bool:
    """Public once open; drafts only for members and the staff who manage them."""
    if opinion.state in PUBLIC_STATES:
        return True
    return can_discuss(user) or can_manage_opinion(user, opinion)


def can_comment(user, opinion) -> bool:
    """Members comment while the opinion is a draft, or open before its deadline."""
    return opinion.is_discussable and can_discuss(user)


def can_sign_for(user, centre) -> bool:
    """The representative of a member centre in good standing signs for it."""
    return is_representative_of(user, centre) and is_member_in_good_standing(centre)


def person_signing_refusal(user, *, withdrawing: bool = False) -> str:
    """Why this person cannot co-sign (or withdraw) for a centre at all, or "".

    Named before any reason of the opinion's state: it holds whatever the state.
    """
    membership = membership_of(user)
    if membership is None:
        return str(
            _("Only the authorised representative of a member centre may co-sign.")
        )
    if not membership.is_representative:
        return str(
            _(
                "Only your centre's authorised representative may co-sign or "
                "withdraw a co-signature; your account is one of its staff."
            )
        )
    if not is_member_in_good_standing(membership.centre):
        message = (
            _(
                "Your centre is not a member in good standing (its status: "
                "%(status)s), so it cannot withdraw a co-signature now."
            )
            if withdrawing
            else _(
                "Your centre is not a member in good standing (its status: "
                "%(status)s), so it cannot co-sign now."
            )
        )
        return str(message) % {"status": membership.centre.get_status_display()}
    return ""


def state_signing_refusal(opinion, now=None) -> str:
    """Why no centre can co-sign (or withdraw) this opinion now, or ""."""
    if opinion.state == OpinionState.DRAFT:
        return str(_("Signing of this text has not opened yet. Nothing was changed."))
    if opinion.state != OpinionState.OPEN:
        return str(
            _("Signing is closed (state: %(state)s). Nothing was changed.")
            % {"state": opinion.get_state_display()}
        )
    deadline = opinion.signing_deadline
    if deadline is None or (now or timezone.now()) >= deadline:
        return str(_("The signing deadline has passed. Nothing was changed."))
    return ""


def comment_refusal(user, opinion) -> str:
    """Why this person cannot comment on this opinion now, or "" (person first)."""
    membership = membership_of(user)
    if membership is None:
        return str(
            _(
                "Only people of member centres in good standing may comment. Your "
                "comment was not posted; its text is below so that you can keep it."
            )
        )
    if not is_member_in_good_standing(membership.centre):
        return str(
            _(
                "Your centre is not a member in good standing (its status: "
                "%(status)s), so its people cannot comment now. Your comment was "
                "not posted; its text is below so that you can keep it."
            )
        ) % {"status": membership.centre.get_status_display()}
    if not opinion.is_discussable:
        return str(
            _(
                "The discussion closed while you were writing: the opinion is now "
                "“%(state)s”. Your comment was not posted; its text is below so that "
                "you can keep it."
            )
        ) % {"state": opinion.get_shown_state_display()}
    return ""


def can_see_letter(user, opinion) -> bool:
    """The letter is public once sent; before that only staff see it."""
    from .choices import OpinionState

    if opinion.state in (OpinionState.SENT, OpinionState.ANSWERED):
        return True
    return can_manage_opinion(user, opinion)


def require(allowed: bool) -> None:
    """Raise PermissionDenied (403) unless the predicate held."""
    if not allowed:
        raise PermissionDenied
