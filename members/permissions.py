"""Front-end permission rules: one predicate per rule, one decorator per predicate.

Services check the same predicates again, so a command or a future API cannot bypass
them. A decorator raises PermissionDenied (403) and never leaks another centre's data.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .choices import CentreStatus, Role


def membership_of(user):
    """The person's centre membership, or None (anonymous, or no centre)."""
    if not user.is_authenticated:
        return None
    cache = user._state.fields_cache
    if "membership" not in cache:
        # One query for the membership, its centre and gmina (every member page needs
        # them), kept where `user.membership` itself would keep it.
        from .models import Membership

        cache["membership"] = (
            Membership.objects.select_related("centre__municipality")
            .filter(user_id=user.pk)
            .first()
        )
    return cache["membership"]


def can_reach_admin(user) -> bool:
    """True for an account of the association's staff: it can open the admin.

    Such accounts must use two-factor authentication and are never joined to a
    centre through an invitation.
    """
    return bool(
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def is_association_staff(user) -> bool:
    """True for staff who may invite people to any centre (the office)."""
    return bool(
        user.is_active
        and (
            user.is_superuser
            or user.has_perm("members.add_invitation")
            or user.has_perm("members.change_application")
        )
    )


def belongs_to_centre(user, centre) -> bool:
    """True when the person is a representative or staff member of this centre."""
    membership = membership_of(user)
    return membership is not None and membership.centre_id == centre.pk


def is_representative_of(user, centre) -> bool:
    """True when the person is this centre's authorised representative."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.centre_id == centre.pk
        and membership.role == Role.REPRESENTATIVE
    )


def is_member_in_good_standing(centre) -> bool:
    """True for a centre whose status is `member` (not applicant, suspended, former)."""
    return centre.status == CentreStatus.MEMBER


def _require(predicate):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_of(request.user)
            if membership is None or not predicate(membership):
                raise PermissionDenied
            request.membership = membership
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


centre_member_required = _require(lambda membership: True)
centre_member_required.__doc__ = "The view needs a person who belongs to a centre."

representative_required = _require(
    lambda membership: membership.role == Role.REPRESENTATIVE
)
representative_required.__doc__ = "The view needs the centre's representative."
