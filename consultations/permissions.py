"""Who may read, discuss, sign and manage opinions: one predicate per rule.

Views check these predicates and the services check them again.
"""

from django.core.exceptions import PermissionDenied

from members.permissions import (
    is_member_in_good_standing,
    is_representative_of,
    membership_of,
)

from .choices import PUBLIC_STATES


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
