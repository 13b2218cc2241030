"""Permission predicates of the conferences app (staff side).

Centre-side rules come from `members.permissions`; here is the one rule for the
association's staff: admin access plus an explicit model permission on
registrations. Seeing registrations needs `conferences.view_registration` (held by
the conference office, "Biuro konferencji", not by the editors); the dietary and
accessibility needs (special-category data, RODO art. 9) need
`conferences.export_special_category` on top.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def can_view_registrations(user) -> bool:
    """Staff who may see registrations, exports, badges and certificates."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and user.has_perm("conferences.view_registration")
    )


def can_manage_registrations(user) -> bool:
    """Staff who may confirm, cancel and check in participants."""
    return can_view_registrations(user) and user.has_perm(
        "conferences.change_registration"
    )


def can_see_special_category(user) -> bool:
    """Staff who may see and export participants' dietary or accessibility needs."""
    return can_view_registrations(user) and user.has_perm(
        "conferences.export_special_category"
    )


def _require(predicate):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_view_required = _require(can_view_registrations)
staff_view_required.__doc__ = "The view needs staff who may see registrations."

staff_manage_required = _require(can_manage_registrations)
staff_manage_required.__doc__ = "The view needs staff who may change registrations."
