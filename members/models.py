"""People, municipalities and member centres."""

import hashlib
import secrets
import unicodedata
from datetime import timedelta

from anyascii import anyascii
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from razem.fields import LimitedTextField

from .choices import (
    VOIVODESHIPS,
    ApplicationStatus,
    CentreKind,
    CentreStatus,
    InvitationRefusal,
    MunicipalityKind,
    Role,
)
from .validators import validate_nip, validate_safe_email

# Free-text limits shared by the models and their forms.
REASON_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 3000


def search_key(text: str) -> str:
    """Lower-case ASCII form of a name, so "wysmierzyce" finds "Wyśmierzyce"."""
    return anyascii(text or "").lower().strip()


def canonical_email(address: str) -> str:
    """The form in which two e-mail addresses are the same address.

    Unicode-normalised (NFKC, so a full-width "ａｄｍｉｎ" is "admin"), case-folded
    and stripped; applied again after folding, which may denormalise. Invitations
    store it and every comparison with accounts and their addresses uses it.
    """
    folded = unicodedata.normalize("NFKC", (address or "").strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def refuse_unsafe_emails(instance, *names: str) -> None:
    """Model validation: the instance's address fields may not hold characters
    that pass for others (`validate_safe_email`), said beside each field."""
    errors = {}
    for name in names:
        try:
            validate_safe_email(getattr(instance, name))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors, code="unsafe_email")


postal_code_validator = RegexValidator(
    r"^\d{2}-\d{3}$", _("Enter the postal code as 00-000.")
)
teryt_validator = RegexValidator(r"^\d{7}$", _("Enter the TERYT code as seven digits."))


class UserManager(BaseUserManager):
    """Users are identified by their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("The e-mail address must be set.")
        user = self.model(email=canonical_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        """Create an ordinary person."""
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """Create an administrator."""
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; the e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        """A safe address in its canonical form, and no second account for it."""
        super().clean()
        refuse_unsafe_emails(self, "email")
        self.email = canonical_email(self.email)
        if not self.email:
            return
        from .services.accounts import accounts_with_email

        if any(other.pk != self.pk for other in accounts_with_email(self.email)):
            raise ValidationError(
                {"email": _("Another account already uses this e-mail address.")},
                code="unique",
            )


class Municipality(models.Model):
    """A Polish gmina from the TERYT register with its official population."""

    teryt = models.CharField(
        _("TERYT code"), max_length=7, unique=True, validators=[teryt_validator]
    )
    name = models.CharField(_("name"), max_length=120, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind.choices)
    powiat = models.CharField(_("county (powiat)"), max_length=120)
    voivodeship = models.CharField(
        _("voivodeship"),
        max_length=40,
        db_index=True,
        choices=[(name, name) for name in VOIVODESHIPS],
    )
    population = models.PositiveIntegerField(_("population"))
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    search_name = models.CharField(
        _("name for searching"),
        max_length=120,
        blank=True,
        db_index=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name", "teryt"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()}, pow. {self.powiat})"

    def save(self, *args, **kwargs):
        """Keep the diacritic-free search name in step with the name."""
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    @property
    def is_eligible(self) -> bool:
        """True when the population is within the association's limit."""
        return self.population <= settings.RAZEM_MAX_POPULATION


# A gmina has at most one centre with these statuses (a database constraint).
ACTIVE_STATUSES = (CentreStatus.MEMBER, CentreStatus.SUSPENDED)


def municipality_taken_message(centre) -> str:
    """Why a second member centre of one gmina is refused (staff see the name)."""
    from django.utils.translation import gettext

    return gettext(
        "%(municipality)s already has a member centre: %(centre)s (%(status)s). "
        "A municipality has one member centre; if this centre replaces it, first "
        "set the other one's status to “former member”."
    ) % {
        "municipality": centre.municipality,
        "centre": centre.name,
        "status": centre.get_status_display(),
    }


# How the refusal to delete a centre names the records that keep it.
KEPT_RECORD_NAMES = {
    "members.dues": pgettext_lazy("records of a centre", "dues"),
    "members.membership": pgettext_lazy("records of a centre", "people of the centre"),
    "conferences.registration": pgettext_lazy(
        "records of a centre", "conference registrations"
    ),
    "consultations.signature": pgettext_lazy("records of a centre", "co-signatures"),
}


class Centre(ClusterableModel):
    """A social-assistance centre: a member, an applicant or a former member."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=CentreKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="centres",
    )
    # The same requirements as the application form's: one set of validators for
    # a centre wherever it is edited ("Mój ośrodek", the admin, an acceptance).
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(
        _("postal code"),
        max_length=6,
        validators=[postal_code_validator],
        help_text=_("Format 00-000."),
    )
    city = models.CharField(_("city"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"))
    website = models.URLField(_("website"), blank=True)
    director = models.CharField(_("director"), max_length=150)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CentreStatus.choices,
        default=CentreStatus.APPLICANT,
        db_index=True,
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    nip = models.CharField(
        _("NIP (tax number)"),
        max_length=10,
        blank=True,
        validators=[validate_nip],
        help_text=_("Ten digits without dashes."),
    )
    invoice_name = models.CharField(
        _("invoice name (payer)"),
        max_length=255,
        blank=True,
        help_text=_(
            "The payer on invoices, e.g. the gmina, when it is not the centre."
        ),
    )
    eligibility_exception_reason = LimitedTextField(
        _("reason for admitting despite population"),
        max_length=REASON_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Only for a municipality over the population limit: the board's reason "
            "for the exception, at least 20 characters."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("member centre")
        verbose_name_plural = _("member centres")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(status__in=["member", "suspended"]),
                name="members_centre_one_active_per_gmina",
                violation_error_message=_(
                    "This municipality already has a member centre: a municipality "
                    "has one member centre at a time."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """An ineligible centre becomes a member only with a written reason; one
        member centre per gmina; the join date is never in the future.

        Checked when the centre becomes a member (created as one, its status
        changed to member, or its gmina changed): a member admitted earlier stays
        one when a later census puts its gmina over the limit.
        """
        super().clean()
        refuse_unsafe_emails(self, "email")
        if self.nip:
            self.nip = self.nip.replace("-", "").replace(" ", "")
        errors = {}
        reason_error = self._exception_reason_error()
        if reason_error:
            errors["eligibility_exception_reason"] = reason_error
        other = self.other_active_centre()
        if other is not None:
            errors["municipality"] = municipality_taken_message(other)
        if self._join_date_in_the_future():
            errors["joined_on"] = _("The join date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    def _join_date_in_the_future(self) -> bool:
        """A join date set (or changed) to a day after today; a stored one is
        not refused again (forms without the field must not trip over it)."""
        if not self.joined_on or self.joined_on <= timezone.localdate():
            return False
        stored = (
            Centre.objects.filter(pk=self.pk)
            .values_list("joined_on", flat=True)
            .first()
            if self.pk
            else None
        )
        return stored != self.joined_on

    def other_active_centre(self):
        """Another member or suspended centre of this gmina, when this one is (or
        is becoming) a member or suspended: one active centre per gmina."""
        if self.status not in ACTIVE_STATUSES or not self.municipality_id:
            return None
        return (
            Centre.objects.filter(
                municipality_id=self.municipality_id, status__in=ACTIVE_STATUSES
            )
            .exclude(pk=self.pk)
            .first()
        )

    def _exception_reason_error(self) -> str:
        """The reason for admitting a centre over the population limit: required
        (at least EXCEPTION_REASON_MIN_LENGTH characters) when it becomes a member,
        held to that length whenever it is written, refused for a gmina within the
        limit (a reason kept from before a census stays)."""
        from .services.eligibility import (
            exception_reason_not_needed_message,
            exception_reason_problem,
        )

        if not self.municipality_id:
            return ""
        stored = (
            Centre.objects.filter(pk=self.pk)
            .values("status", "municipality_id", "eligibility_exception_reason")
            .first()
            if self.pk
            else None
        )
        reason = self.eligibility_exception_reason or ""
        changed = reason != (stored or {}).get("eligibility_exception_reason", "")
        if self.municipality.is_eligible:
            return (
                exception_reason_not_needed_message()
                if changed and reason.strip()
                else ""
            )
        admitted_now = self.status == CentreStatus.MEMBER and (
            stored is None
            or (stored["status"], stored["municipality_id"])
            != (CentreStatus.MEMBER, self.municipality_id)
        )
        if admitted_now or (changed and reason.strip()):
            return exception_reason_problem(self.municipality, reason) or ""
        return ""

    @property
    def is_member(self) -> bool:
        """True for a member in good standing (not suspended, not former)."""
        return self.status == CentreStatus.MEMBER

    def records_kept(self) -> list[str]:
        """The kinds of records that keep this centre from being deleted.

        Every relation that protects a centre (dues, its people, conference
        registrations, co-signatures, whatever app adds one) is found by Django's
        own deletion collector: exactly what `delete()` would refuse. Empty when
        the centre may be deleted.
        """
        from django.db import router
        from django.db.models.deletion import Collector, ProtectedError

        if not self.pk:
            return []
        collector = Collector(using=router.db_for_write(Centre, instance=self))
        try:
            collector.collect([self])
        except ProtectedError as error:
            return sorted(
                {
                    str(
                        KEPT_RECORD_NAMES.get(obj._meta.label_lower)
                        or obj._meta.verbose_name_plural
                    )
                    for obj in error.protected_objects
                }
            )
        return []


class Membership(models.Model):
    """A person's place in a centre; a person belongs to at most one centre."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("centre membership")
        verbose_name_plural = _("centre memberships")
        ordering = ["centre", "role", "user__email"]

    def __str__(self):
        return f"{self.user} – {self.centre} ({self.get_role_display()})"

    @property
    def is_representative(self) -> bool:
        """True for the person who may co-sign and manage the centre."""
        return self.role == Role.REPRESENTATIVE


class Dues(models.Model):
    """A centre's membership dues for one year: amount and the date it was paid."""

    centre = ParentalKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="dues"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000)]
    )
    amount = models.DecimalField(
        _("amount (PLN)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("dues")
        verbose_name_plural = _("dues")
        ordering = ["centre", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year"],
                name="members_dues_one_per_centre_year",
                violation_error_message=_("Dues for this year are already recorded."),
            )
        ]

    def __str__(self):
        return f"{self.centre} {self.year}"

    def clean(self):
        """A payment cannot be dated in the future (one row per centre and year is
        the constraint's, and the admin's dues formset says it beside the year)."""
        super().clean()
        errors = {}
        if self.paid_on and self.paid_on > timezone.localdate():
            errors["paid_on"] = _("The payment date cannot be in the future.")
        # Next year's dues may be recorded in advance, a year like 99999 never.
        if self.year and self.year > timezone.localdate().year + 1:
            errors["year"] = _(
                "Dues can be recorded for next year at the latest (%(year)d)."
            ) % {"year": timezone.localdate().year + 1}
        if errors:
            raise ValidationError(errors)

    @property
    def is_paid(self) -> bool:
        """True once the payment date is recorded."""
        return self.paid_on is not None


class ApplicationQuerySet(models.QuerySet):
    """Queries over membership applications."""

    def open_or_accepted(self):
        """Applications that block a new one for the same gmina and kind."""
        return self.filter(
            status__in=[ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED]
        )


class Application(models.Model):
    """A centre's membership application sent through the public form."""

    # The centre.
    centre_name = models.CharField(_("centre name"), max_length=255)
    kind = models.CharField(
        _("kind of centre"), max_length=10, choices=CentreKind.choices
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(
        _("postal code"), max_length=6, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100)
    centre_phone = models.CharField(_("centre phone"), max_length=40, blank=True)
    centre_email = models.EmailField(_("centre e-mail"))
    website = models.URLField(_("website"), blank=True)
    director = models.CharField(_("director"), max_length=150)
    nip = models.CharField(
        _("NIP (tax number)"), max_length=10, blank=True, validators=[validate_nip]
    )
    # The representative who will get the invitation.
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    message = LimitedTextField(
        _("message to the association"), max_length=MESSAGE_MAX_LENGTH, blank=True
    )
    # The decision.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        db_index=True,
    )
    decision_reason = LimitedTextField(
        _("reason for the decision"), max_length=REASON_MAX_LENGTH, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("member centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    privacy_accepted_at = models.DateTimeField(
        _("privacy notice accepted at"), default=timezone.now
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"],
                condition=Q(status__in=["pending", "accepted"]),
                name="members_application_one_open_per_gmina_kind",
                violation_error_message=_(
                    "An application for a centre of this kind in this municipality "
                    "is already pending or accepted."
                ),
            )
        ]

    def __str__(self):
        return f"{self.centre_name} ({self.municipality.name})"

    def clean(self):
        """One pending or accepted application per gmina and kind, and none while
        a member centre (of any kind: one per gmina) exists there (the database
        constraint holds the first too; this gives every form the message beside
        the field)."""
        super().clean()
        refuse_unsafe_emails(self, "email", "centre_email")
        if self.status not in (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED):
            return
        if not (self.municipality_id and self.kind):
            return
        from .exceptions import DuplicateApplication, MunicipalityHasMember

        if self.clashes_with_another():
            raise ValidationError(
                {"municipality": DuplicateApplication.default_message},
                code="duplicate",
            )
        if self.status == ApplicationStatus.PENDING and self.gmina_has_member():
            raise ValidationError(
                {"municipality": MunicipalityHasMember.default_message},
                code="duplicate",
            )

    def clashes_with_another(self) -> bool:
        """True when another open or accepted application has this gmina and kind."""
        return (
            Application.objects.open_or_accepted()
            .filter(municipality_id=self.municipality_id, kind=self.kind)
            .exclude(pk=self.pk)
            .exists()
        )

    def gmina_has_member(self) -> bool:
        """True when a member or suspended centre (of any kind: one per gmina)
        other than this application's own is in its gmina."""
        return (
            Centre.objects.filter(
                municipality_id=self.municipality_id, status__in=ACTIVE_STATUSES
            )
            .exclude(pk=self.centre_id)
            .exists()
        )

    @property
    def applicant_name(self) -> str:
        """The representative's full name."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_pending(self) -> bool:
        """True until staff accept or reject it."""
        return self.status == ApplicationStatus.PENDING


def hash_token(token: str) -> str:
    """SHA-256 of an invitation token: only the hash is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def default_invitation_expiry():
    """Invitations are valid for 14 days."""
    return timezone.now() + timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    """Queries over invitations."""

    def outstanding(self):
        """Not used, not withdrawn and not expired: what a centre sees as pending
        (including refused ones, which a representative cannot tell apart)."""
        return self.filter(
            used_at__isnull=True, closed_at__isnull=True, expires_at__gt=timezone.now()
        )

    def usable(self):
        """Outstanding invitations whose link was sent: they may be accepted."""
        return self.outstanding().filter(refusal="")

    def live(self):
        """Invitations holding their address's one pending place (not used, not
        closed, not refused; an expired one holds it until it is closed)."""
        return self.filter(used_at__isnull=True, closed_at__isnull=True, refusal="")


class Invitation(models.Model):
    """A one-time link that binds an account (new or existing) to a centre.

    Only the SHA-256 of the random token is stored; the token itself travels once, in
    the e-mail. The address is kept in its canonical form (`canonical_email`), and
    one address has at most one pending invitation (a database constraint).

    A refused invitation (`refusal` set) was asked for by a representative for an
    address that cannot join their centre; its link was never sent (the person got
    an explanation instead), and it looks like any pending one to the centre, so
    the representative learns nothing about accounts outside their centre.
    """

    centre = models.ForeignKey(
        Centre,
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(
        _("expires at"), default=default_invitation_expiry
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("withdrawn or lapsed at"), null=True, blank=True, editable=False
    )
    refusal = models.CharField(
        _("refused because"),
        max_length=20,
        choices=InvitationRefusal.choices,
        blank=True,
        editable=False,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(used_at__isnull=True, closed_at__isnull=True, refusal=""),
                name="members_invitation_one_pending_per_email",
                violation_error_message=_(
                    "This address already has a pending invitation."
                ),
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.centre}"

    @staticmethod
    def new_token() -> str:
        """A fresh random token (URL-safe, 256 bits)."""
        return secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        """True when its link was sent and it is not used, withdrawn or expired."""
        return (
            self.used_at is None
            and self.closed_at is None
            and not self.refusal
            and self.expires_at > timezone.now()
        )

    @property
    def is_live(self) -> bool:
        """True while it holds its address's one pending place."""
        return self.used_at is None and self.closed_at is None and not self.refusal

    def clean(self):
        """The canonical address; a sent invitation's centre, address and role never
        change; a live one needs an address that may join this centre."""
        super().clean()
        self.email = canonical_email(self.email)
        refuse_unsafe_emails(self, "email")
        if self.pk:
            self._refuse_changes()
        elif self.is_live and self.email and self.centre_id:
            from .services.invitations import refusal_message

            message = refusal_message(self.email, self.centre)
            if message:
                raise ValidationError({"email": message})

    def _refuse_changes(self):
        stored = Invitation.objects.filter(pk=self.pk).values(
            "centre_id", "email", "role"
        )
        stored = stored.first()
        if stored is None:
            return
        changed = [
            name
            for name, value in (
                ("centre", self.centre_id),
                ("email", self.email),
                ("role", self.role),
            )
            if stored["centre_id" if name == "centre" else name] != value
        ]
        if changed:
            raise ValidationError(
                {
                    name: _(
                        "An invitation that has been sent cannot change its centre, "
                        "address or role: withdraw it and invite again."
                    )
                    for name in changed
                }
            )
