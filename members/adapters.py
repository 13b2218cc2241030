"""django-allauth adapter: accounts come from invitations, not open sign-up."""

from allauth.account.adapter import DefaultAccountAdapter

from razem.ratelimit import client_ip

from .middleware import mark_session_if_mfa_missing


class AccountAdapter(DefaultAccountAdapter):
    """Public sign-up is closed; people join through a centre's invitation."""

    def is_open_for_signup(self, request):
        """Only a visitor holding a valid invitation may create an account."""
        return bool(request.session.get("razem_invitation"))

    def get_client_ip(self, request):
        """The same client address as the project's own rate limits."""
        return client_ip(request)

    def login(self, request, user):
        """Log in; a staff account without TOTP is sent to set it up from any page."""
        super().login(request, user)
        mark_session_if_mfa_missing(request, user)
