"""allauth's forms as the members app needs them: the address a person adds to
their account is refused when it holds look-alike characters (the same check as
every other form that takes an address); addresses are labelled "Adres e-mail"."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from django.utils.translation import gettext_lazy as _

from razem.account_forms import LoginForm as HouseLoginForm

from .validators import guard_email_fields


class AddEmailForm(AllauthAddEmailForm):
    """ "Adresy e-mail → Dodaj e-mail": a safe address, "Adres e-mail" as label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_email_fields(self)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs["placeholder"] = _("E-mail address")


class LoginForm(HouseLoginForm):
    """The house's login form (bounded fields, lockouts naming their length) with
    the Polish "Adres e-mail" label instead of allauth's "Email"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address")


class ResetPasswordForm(AllauthResetPasswordForm):
    """ "Nie pamiętasz hasła?": the address labelled "Adres e-mail"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs["placeholder"] = _("E-mail address")
