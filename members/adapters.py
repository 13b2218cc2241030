"""django-allauth adapter: accounts come from invitations, not open sign-up."""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter

from razem.ratelimit import (
    clear_account_logins,
    client_ip,
    consume_account_login,
    network_login_key,
)

from .middleware import mark_session_if_mfa_missing


@dataclass(frozen=True)
class PortalSite:
    """What allauth's templates call the current site: the portal's name, not the
    host it was reached by (there is no django.contrib.sites)."""

    name: str = "RAZEM"
    domain: str = ""


class AccountAdapter(DefaultAccountAdapter):
    """Public sign-up is closed; people join through a centre's invitation."""

    def is_open_for_signup(self, request):
        """Only a visitor holding a valid invitation may create an account."""
        return bool(request.session.get("razem_invitation"))

    def clean_email(self, email):
        """Every address allauth takes (sign-up, adding or changing an address,
        password reset) is refused when it holds look-alike characters, and kept
        in its canonical form, as everywhere else in the portal."""
        from django import forms

        from .models import canonical_email
        from .validators import validate_safe_email

        try:
            validate_safe_email(email)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                error.messages[0], code="unsafe_email"
            ) from error
        return canonical_email(super().clean_email(email))

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails (password reset, address confirmation) in the portal's
        Polish templates, signed "RAZEM" (never the host name), with the office as
        Reply-To, queued on the task queue inside the request's transaction like
        every other e-mail of the portal (`razem.mail.queue_email`)."""
        from allauth.core import context as allauth_context
        from django.conf import settings

        from razem.mail import absolute_url, queue_email

        request = allauth_context.request
        base = request.build_absolute_uri("/") if request is not None else None
        ctx = {"request": request, "email": email, **context}
        ctx.update(
            current_site=PortalSite(
                domain=request.get_host() if request is not None else ""
            ),
            site_url=absolute_url("/", base),
            office_email=settings.RAZEM_STAFF_EMAIL,
        )
        message = self.render_mail(template_prefix, email, ctx)
        queue_email(
            [email],
            "members/email/prerendered",
            {"subject": message.subject, "body": message.body},
            reply_to=[settings.RAZEM_STAFF_EMAIL],
        )

    def get_client_ip(self, request):
        """The same client address as the project's own rate limits."""
        return client_ip(request)

    # Failed logins (razem.ratelimit): allauth's per-key limit counts an account
    # from one network, so a stranger's guesses never lock its owner out; a much
    # higher limit counts the account over every network.
    def _get_login_attempts_cache_key(self, request, **credentials):
        login = credentials.get("email", credentials.get("username", ""))
        return network_login_key(request, login)

    def pre_authenticate(self, request, **credentials):
        """allauth's limits, then the account's over every network."""
        super().pre_authenticate(request, **credentials)
        usage = consume_account_login(request, credentials.get("email", ""))
        if not usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")
        self._login_failed_rl_usage.usage.extend(usage.usage)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        """A password reset ends the lockouts of the account (its own network's
        and the one over every network)."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        clear_account_logins(request, credentials.get("email", ""))

    def login(self, request, user):
        """Log in; a staff account without TOTP is sent to set it up from any page."""
        super().login(request, user)
        mark_session_if_mfa_missing(request, user)
