"""Forms of the members app: they check the shape of input; rules live in services."""

from datetime import timedelta

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm

from razem.forms import HoneypotFormMixin

from .choices import CentreStatus, Role
from .models import (
    REASON_MAX_LENGTH,
    Application,
    Centre,
    Invitation,
    Membership,
    Municipality,
    canonical_email,
)
from .services.eligibility import EXCEPTION_REASON_MIN_LENGTH
from .validators import guard_email_fields, validate_safe_email

# The application's fields after the gmina, in the form's order.
APPLICANT_FIELDS = [
    "street",
    "postal_code",
    "city",
    "centre_phone",
    "centre_email",
    "website",
    "director",
    "nip",
    "first_name",
    "last_name",
    "email",
    "phone",
    "position",
    "message",
]

# Passwords are hashed with a slow function: a very long one is refused first.
PASSWORD_MAX_LENGTH = 128


def _strip_nip(value: str) -> str:
    return (value or "").replace("-", "").replace(" ", "")


class CanonicalEmailField(forms.EmailField):
    """An e-mail address in its canonical form (NFKC, case-folded), checked after
    folding: a full-width "ａｄｍｉｎ@…" is the plain "admin@…" it stands for."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)

    def to_python(self, value):
        """Refuse look-alike characters as typed, then fold before the format is
        checked."""
        value = super().to_python(value)
        validate_safe_email(value)
        return canonical_email(value)


class SafeEmailsMixin:
    """Every e-mail field of the form refuses characters that pass for others
    (`members.validators.validate_safe_email`), beside the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_email_fields(self)


class MunicipalityChoiceField(forms.ModelChoiceField):
    """A gmina chosen by its TERYT code; the label tells the population."""

    def label_from_instance(self, obj):
        from .services.eligibility import check_eligibility

        return f"{obj} – {check_eligibility(obj).message}"


class ApplicationForm(SafeEmailsMixin, HoneypotFormMixin, forms.ModelForm):
    """The public membership application (one page, the gmina picked from the registry)."""

    municipality = MunicipalityChoiceField(
        label=_("Municipality (gmina)"),
        queryset=Municipality.objects.all(),
        to_field_name="teryt",
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the municipality from the registry."),
            "invalid_choice": _("Choose the municipality from the registry."),
        },
    )
    nip = forms.CharField(
        label=_("NIP (tax number)"),
        required=False,
        max_length=13,
        help_text=_("Ten digits, dashes allowed."),
    )
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )
    privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree to the processing of the data "
            "above to handle this application."
        ),
        error_messages={"required": _("Accept the privacy notice to apply.")},
    )

    class Meta:
        model = Application
        fields = [
            "centre_name",
            "kind",
            "municipality",
            "street",
            "postal_code",
            "city",
            "centre_phone",
            "centre_email",
            "website",
            "director",
            "nip",
            "first_name",
            "last_name",
            "email",
            "phone",
            "position",
            "message",
        ]
        widgets = {
            "centre_phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "off"}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "postal_code": _("Format 00-000."),
            "email": _(
                "The invitation will be sent here: with it you create an account, "
                "or log in to the one you already have with this address."
            ),
        }

    def __init__(self, *args, municipality_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("– choose –")),
            *self.fields["kind"].choices[1:],
        ]
        if municipality_choices is not None:
            self.fields["municipality"].widget = forms.RadioSelect()
            self.fields["municipality"].label = _("Choose your municipality")
            self.fields["municipality"].choices = [
                (m.teryt, self.fields["municipality"].label_from_instance(m))
                for m in municipality_choices
            ]
        for name, field in self.fields.items():
            if field.required and name != "privacy":
                field.widget.attrs.setdefault("required", True)

    def clean_nip(self):
        """Accept "123-456-32-18" as well as "1234563218"."""
        value = _strip_nip(self.cleaned_data.get("nip"))
        from .validators import validate_nip

        validate_nip(value)
        return value


class MunicipalitySearchForm(forms.Form):
    """The gmina search of the application page (GET; works without JavaScript)."""

    q = forms.CharField(label=_("Municipality name"), required=False, max_length=100)


class DecisionAcceptForm(forms.Form):
    """Staff accept an application; an over-the-limit gmina needs a reason."""

    exception_reason = forms.CharField(
        label=_("Reason for admitting despite the population limit"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, eligible=True, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.eligible = eligible
        self.municipality = municipality
        if eligible:
            # No exception to justify: the field is not offered, a posted value
            # is ignored.
            del self.fields["exception_reason"]
            return
        self.fields["exception_reason"].required = True
        self.fields["exception_reason"].error_messages["required"] = _(
            "The municipality has more residents than the limit: write the reason "
            "for admitting this centre."
        )
        self.fields["exception_reason"].help_text = _(
            "At least %(minimum)d characters; kept on the centre and in the record "
            "of the decision."
        ) % {"minimum": EXCEPTION_REASON_MIN_LENGTH}

    def clean_exception_reason(self):
        """Over the limit: at least EXCEPTION_REASON_MIN_LENGTH characters."""
        from .services.eligibility import exception_reason_problem

        reason = self.cleaned_data.get("exception_reason", "").strip()
        if self.municipality is not None:
            problem = exception_reason_problem(self.municipality, reason)
            if problem:
                raise forms.ValidationError(problem)
        return reason


class DecisionRejectForm(forms.Form):
    """Staff reject an application; the reason is e-mailed to the applicant."""

    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the reason for the rejection.")},
    )


class CentreContactsForm(SafeEmailsMixin, forms.ModelForm):
    """The representative edits the centre's contacts."""

    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Centre
        fields = [
            "director",
            "phone",
            "email",
            "website",
            "street",
            "postal_code",
            "city",
        ]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}

    # The contacts as this form showed them (signed): a save made meanwhile in
    # another tab or by another person is noticed, not overwritten.
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)

    def __init__(self, *args, **kwargs):
        from .services.centres import contacts_version

        super().__init__(*args, **kwargs)
        self.fields["version"].initial = contacts_version(self.instance)

    def clean_version(self):
        """The contacts the person started from (None for a form without it)."""
        from django.core import signing

        from .services.centres import read_contacts_version

        value = self.cleaned_data.get("version")
        if not value:
            return None
        try:
            return read_contacts_version(value)
        except signing.BadSignature:
            # A hidden field: said at the top of the form.
            self.add_error(
                None, _("This form is out of date: open it again from “Mój ośrodek”.")
            )
            return None

    def show_newer(self, centre, changes: dict) -> None:
        """After a refused stale save: say beside each field what was saved
        meanwhile, keep the typed text, and start from the saved contacts."""
        for name, (before, after) in changes.items():
            self.add_error(
                name,
                _("Meanwhile saved by someone else: “%(after)s” (was “%(before)s”).")
                % {"after": after or "–", "before": before or "–"},
            )
        from .services.centres import contacts_version

        self.data = self.data.copy()
        self.data["version"] = contacts_version(centre)


class InviteStaffForm(forms.Form):
    """The representative invites a staff member by e-mail."""

    email = CanonicalEmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class InvitationAcceptForm(forms.Form):
    """The invited person sets their name and password (the e-mail is fixed)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common word."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password1(self):
        """Apply the site's password rules (length, common, numeric, similarity)."""
        from django.contrib.auth import get_user_model

        password = self.cleaned_data.get("password1")
        probe = get_user_model()(
            email=self.email,
            first_name=self.data.get("first_name", ""),
            last_name=self.data.get("last_name", ""),
        )
        password_validation.validate_password(password, probe)
        return password

    def clean(self):
        """Both passwords must match."""
        cleaned = super().clean()
        if (
            cleaned.get("password1")
            and cleaned.get("password2")
            and cleaned["password1"] != cleaned["password2"]
        ):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class DeleteAccountForm(forms.Form):
    """Confirm account deletion with the current password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        """The password must be the account's current one."""
        password = self.cleaned_data.get("password")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


ROLE_CHOICES = Role.choices


class InvitationCreateForm(WagtailAdminModelForm):
    """The office invites a person to a centre (admin "Add invitation")."""

    email = CanonicalEmailField(label=_("E-mail address"))

    class Meta:
        model = Invitation
        fields = ["centre", "email", "role", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = (
            Centre.objects.filter(
                status__in=[CentreStatus.MEMBER, CentreStatus.SUSPENDED]
            )
            .select_related("municipality")
            .order_by("name")
        )
        self.fields["centre"].label_from_instance = centre_label


def centre_label(centre) -> str:
    """A centre in a chooser: its name and its gmina with the gmina's kind, so
    centres of two gminy of one name (urban and rural) are told apart."""
    return f"{centre.name} – {centre.municipality}"


# How far ahead the office may move an invitation's expiry.
INVITATION_MAX_DAYS = 30


class InvitationEditForm(WagtailAdminModelForm):
    """The office corrects a pending invitation: the suggested names and the expiry.

    The centre, the address and the role never change (withdraw and invite again);
    a used, withdrawn or refused invitation is read-only altogether.
    """

    class Meta:
        model = Invitation
        fields = ["first_name", "last_name", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_live:
            for field in self.fields.values():
                field.disabled = True

    def clean_expires_at(self):
        """A pending invitation stays valid for at most 30 days from now."""
        value = self.cleaned_data.get("expires_at")
        if value is None or "expires_at" not in self.changed_data:
            return value
        now = timezone.now()
        if not now < value <= now + timedelta(days=INVITATION_MAX_DAYS):
            raise forms.ValidationError(
                _("Choose a moment within the next %(days)d days.")
                % {"days": INVITATION_MAX_DAYS}
            )
        return value


class ApplicationAdminForm(SafeEmailsMixin, WagtailAdminModelForm):
    """A paper application entered by the office, or a pending one corrected; a
    decided application is the record of what was received: read-only."""

    class Meta:
        model = Application
        fields = ["centre_name", "kind", "municipality", *APPLICANT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_pending:
            for field in self.fields.values():
                field.disabled = True


# More rows of dues than a century of membership is a forged form: the rows built
# are capped (a forged TOTAL_FORMS of thousands answered a page of 15 MB).
MAX_DUES_ROWS = 100


class DuesFormSet(BaseChildFormSet):
    """A centre's dues in the admin: a repeated year is refused beside its field;
    at most MAX_DUES_ROWS rows are built, more are refused in Polish."""

    def total_form_count(self):
        """Never more rows than the cap, whatever TOTAL_FORMS says."""
        return min(super().total_form_count(), MAX_DUES_ROWS)

    def full_clean(self):
        """Refuse a form that claims more rows than the cap (nothing is saved)."""
        super().full_clean()
        if not self.is_bound or not self.management_form.is_valid():
            return
        if self.management_form.cleaned_data["TOTAL_FORMS"] > MAX_DUES_ROWS:
            self._non_form_errors.append(
                _("At most %(count)d years of dues can be saved at once.")
                % {"count": MAX_DUES_ROWS}
            )

    def validate_unique(self):
        """One row per year, said at the repeated row's year."""
        seen = set()
        for form in self.forms:
            if form in self.deleted_forms or not form.is_valid():
                continue
            year = form.cleaned_data.get("year")
            if year in seen:
                form.add_error("year", _("Dues for this year are already recorded."))
            seen.add(year)
        super().validate_unique()


class AppointRepresentativeForm(forms.Form):
    """The office chooses which person of the centre becomes its representative."""

    membership = forms.ModelChoiceField(
        label=_("New representative"),
        queryset=Membership.objects.none(),
        empty_label=_("– choose –"),
        error_messages={
            "required": _("Choose the person."),
            "invalid_choice": _("Choose a person of this centre."),
        },
    )

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.filter(centre=centre)
            .select_related("user")
            .order_by("user__last_name", "user__email")
        )
        self.fields["membership"].label_from_instance = _person_label


def _person_label(membership) -> str:
    return (
        f"{membership.user} <{membership.user.email}> – {membership.get_role_display()}"
    )


class LastRepresentativeDeleteForm(DeleteAccountForm):
    """The only representative deletes their account: hand the role to another
    person of the centre, or leave the centre without a representative."""

    HAND_OVER, LEAVE = "hand_over", "leave"

    way = forms.ChoiceField(
        label=_("Who will act for the centre?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to the role.")},
    )
    successor = forms.ModelChoiceField(
        label=_("The new representative"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("– choose –"),
        error_messages={"invalid_choice": _("Choose a person of your centre.")},
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        others = (
            Membership.objects.filter(centre_id=membership.centre_id)
            .exclude(pk=membership.pk)
            .select_related("user")
            .order_by("user__last_name", "user__email")
        )
        self.fields["successor"].queryset = others
        self.fields["successor"].label_from_instance = _person_label
        ways = [
            (
                self.LEAVE,
                _(
                    "Nobody for now: the association's office appoints a new representative"
                ),
            )
        ]
        if others.exists():
            ways.insert(0, (self.HAND_OVER, _("A person of the centre I choose below")))
        else:
            del self.fields["successor"]
        self.fields["way"].choices = ways
        self.order_fields(["way", "successor", "password"])

    def clean(self):
        """Handing over needs the person."""
        cleaned = super().clean()
        if cleaned.get("way") == self.HAND_OVER and not cleaned.get("successor"):
            self.add_error("successor", _("Choose the new representative."))
        return cleaned
