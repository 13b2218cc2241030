"""Two-factor authentication is mandatory for everyone who can reach the admin."""

from django.conf import settings
from django.shortcuts import redirect


def needs_mfa_setup(user) -> bool:
    """True for an admin-capable account that has not activated TOTP yet."""
    if not user.is_authenticated:
        return False
    if not (
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    ):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


class StaffMFARequiredMiddleware:
    """Send staff without TOTP to the activation page before they reach the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "RAZEM_STAFF_MFA_REQUIRED", True)
            and request.path.startswith(("/admin/", "/django-admin/"))
            and needs_mfa_setup(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
