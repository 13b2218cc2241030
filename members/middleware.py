"""Two-factor authentication is mandatory for everyone who can reach the admin.

Two checks, so that no staff power is used on a password alone:
- every admin path (`/admin/…`, which also holds the staff pages of the apps) asks
  the database whether the account has TOTP;
- a staff account that logs in (allauth) without TOTP has its session marked, and
  such a session is sent to the TOTP setup from every other page too (staff also
  have powers outside the admin: draft opinions, unsent letters, hidden comments).
Paths are taken from `path_info`, so a deployment under a URL prefix is covered.
"""

from django.conf import settings
from django.shortcuts import redirect

from .permissions import can_reach_admin

SESSION_FLAG = "razem_mfa_setup_required"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Where a marked session may still go: allauth (login, logout, TOTP setup,
# re-authentication), the language switch, health and robots.
OPEN_PREFIXES = ("/konto/", "/jezyk/", "/healthz", "/robots.txt", "/static/")


def needs_mfa_setup(user) -> bool:
    """True for an admin-capable account that has not activated TOTP yet."""
    if not user.is_authenticated or not can_reach_admin(user):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def mark_session_if_mfa_missing(request, user) -> None:
    """At login: remember in the session that this staff account still lacks TOTP."""
    if needs_mfa_setup(user):
        request.session[SESSION_FLAG] = True


def clear_session_mark(request) -> None:
    """TOTP activated in this session: the session may go everywhere again."""
    if hasattr(request, "session"):
        request.session.pop(SESSION_FLAG, None)


def _must_set_up(request) -> bool:
    path = request.path_info
    if path.startswith(ADMIN_PREFIXES):
        return needs_mfa_setup(request.user)
    if not request.session.get(SESSION_FLAG) or path.startswith(OPEN_PREFIXES):
        return False
    if needs_mfa_setup(request.user):
        return True
    clear_session_mark(request)  # TOTP set up elsewhere, or staff rights gone
    return False


class StaffMFARequiredMiddleware:
    """Send staff without TOTP to the activation page before they use staff powers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "RAZEM_STAFF_MFA_REQUIRED", True) and _must_set_up(
            request
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
