"""django-allauth adapter: accounts come from invitations, not open sign-up."""

from allauth.account.adapter import DefaultAccountAdapter

from razem.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Public sign-up is closed; people join through a centre's invitation."""

    def is_open_for_signup(self, request):
        """Only a visitor holding a valid invitation may create an account."""
        return bool(request.session.get("razem_invitation"))

    def get_client_ip(self, request):
        """The same client address as the project's own rate limits."""
        return client_ip(request)
