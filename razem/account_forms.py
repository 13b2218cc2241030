"""allauth's login and second-factor forms, with lockouts that name their length.

allauth refuses a locked-out login with "try again later"; these forms (installed
through `ACCOUNT_FORMS` and `MFA_FORMS`) say how many minutes are left instead,
read from allauth's own rate-limit records (`razem.ratelimit.allauth_retry_after`).
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from django.core.validators import MaxLengthValidator

from .ratelimit import (
    allauth_retry_after,
    allauth_window,
    lockout_message,
    login_lockout_message,
)

LOCKED_OUT = "too_many_login_attempts"
CODE_MAX_LENGTH = 64
LOGIN_MAX_LENGTH = 254  # an e-mail address
PASSWORD_MAX_LENGTH = 4096  # hashing a longer one would only cost CPU


def limit_length(field, max_length: int) -> None:
    """Give an already built form field a length limit, enforced and shown."""
    field.max_length = max_length
    field.validators.append(MaxLengthValidator(max_length))
    field.widget.attrs["maxlength"] = str(max_length)


def _name_the_wait(form, message) -> None:
    """Replace allauth's "try again later" by `message()`, naming the wait."""
    for field, field_errors in list(form.errors.as_data().items()):
        if not any(error.code == LOCKED_OUT for error in field_errors):
            continue
        message = message() if callable(message) else message
        form.errors[field] = form.error_class(
            [message if error.code == LOCKED_OUT else error for error in field_errors],
            error_class="nonfield" if field == "__all__" else None,
        )


class LoginForm(AllauthLoginForm):
    """allauth's login form: bounded fields, and a lockout saying how long it lasts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(self.fields["login"], LOGIN_MAX_LENGTH)
        if "password" in self.fields:
            limit_length(self.fields["password"], PASSWORD_MAX_LENGTH)

    def full_clean(self):
        """Validate, then name the lockout's length in its message."""
        super().full_clean()
        if self.is_bound and self._errors:
            login = (self.data.get(self.add_prefix("login")) or "").strip()
            _name_the_wait(self, lambda: login_lockout_message(self.request, login))


class AuthenticateForm(AllauthAuthenticateForm):
    """allauth's second-factor form: a bounded code and a lockout naming its length."""

    def __init__(self, *args, **kwargs):
        from allauth.core import context

        super().__init__(*args, **kwargs)
        limit_length(self.fields["code"], CODE_MAX_LENGTH)
        self.request = context.request

    def full_clean(self):
        """Validate, then name the lockout's length in its message."""
        super().full_clean()
        if self.is_bound and self._errors:
            key = f"mfa-auth-user-{self.user.pk}"

            def message():
                seconds = allauth_retry_after(self.request, "login_failed", key=key)
                return lockout_message(seconds or allauth_window("login_failed"))

            _name_the_wait(self, message)
