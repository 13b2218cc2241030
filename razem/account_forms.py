"""allauth's login and second-factor forms, with lockouts that name their length.

allauth refuses a locked-out login with "try again later"; these forms (installed
through `ACCOUNT_FORMS` and `MFA_FORMS`) say how many minutes are left instead,
read from allauth's own rate-limit records (`razem.ratelimit.allauth_retry_after`).
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .ratelimit import allauth_retry_after, allauth_window, lockout_message

LOCKED_OUT = "too_many_login_attempts"
CODE_MAX_LENGTH = 64


def _name_the_wait(form, key: str) -> None:
    """Replace allauth's "try again later" by a lockout message naming the wait."""
    for field, field_errors in list(form.errors.as_data().items()):
        if not any(error.code == LOCKED_OUT for error in field_errors):
            continue
        seconds = allauth_retry_after(form.request, "login_failed", key=key)
        message = lockout_message(seconds or allauth_window("login_failed"))
        form.errors[field] = form.error_class(
            [message if error.code == LOCKED_OUT else error for error in field_errors],
            error_class="nonfield" if field == "__all__" else None,
        )


class LoginForm(AllauthLoginForm):
    """allauth's login form whose lockout says how long it lasts."""

    def full_clean(self):
        """Validate, then name the lockout's length in its message."""
        super().full_clean()
        if self.is_bound and self._errors:
            from allauth.account.adapter import get_adapter

            login = (self.data.get(self.add_prefix("login")) or "").strip()
            key = get_adapter(self.request)._get_login_attempts_cache_key(
                self.request, email=login
            )
            _name_the_wait(self, key)


class AuthenticateForm(AllauthAuthenticateForm):
    """allauth's second-factor form: a bounded code and a lockout naming its length."""

    def __init__(self, *args, **kwargs):
        from allauth.core import context

        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["maxlength"] = str(CODE_MAX_LENGTH)
        self.request = context.request

    def clean_code(self):
        """A code longer than any real one is refused before it is checked."""
        if len(self.cleaned_data.get("code", "")) > CODE_MAX_LENGTH:
            raise ValidationError(_("This code is too long."), code="max_length")
        return super().clean_code()

    def full_clean(self):
        """Validate, then name the lockout's length in its message."""
        super().full_clean()
        if self.is_bound and self._errors:
            _name_the_wait(self, f"mfa-auth-user-{self.user.pk}")
