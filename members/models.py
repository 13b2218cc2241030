"""People, municipalities and member centres."""

import hashlib
import secrets
from datetime import timedelta

from anyascii import anyascii
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .choices import (
    ApplicationStatus,
    CentreKind,
    CentreStatus,
    MunicipalityKind,
    Role,
)
from .validators import validate_nip


def search_key(text: str) -> str:
    """Lower-case ASCII form of a name, so "wysmierzyce" finds "Wyśmierzyce"."""
    return anyascii(text or "").lower().strip()


class UserManager(BaseUserManager):
    """Users are identified by their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("The e-mail address must be set.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
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


class Municipality(models.Model):
    """A Polish gmina from the TERYT register with its official population."""

    teryt = models.CharField(_("TERYT code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind.choices)
    powiat = models.CharField(_("county (powiat)"), max_length=120)
    voivodeship = models.CharField(_("voivodeship"), max_length=40, db_index=True)
    population = models.PositiveIntegerField(_("population"))
    population_year = models.PositiveSmallIntegerField(_("population year"))
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
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    director = models.CharField(_("director"), max_length=150, blank=True)
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
    eligibility_exception_reason = models.TextField(
        _("reason for admitting despite population"), blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("member centre")
        verbose_name_plural = _("member centres")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        """An ineligible centre becomes a member only with a written reason."""
        super().clean()
        if self.nip:
            self.nip = self.nip.replace("-", "").replace(" ", "")
        from .services.eligibility import exception_reason_missing

        if exception_reason_missing(self):
            raise ValidationError(
                {
                    "eligibility_exception_reason": _(
                        "The municipality has more residents than the limit: "
                        "write the reason for admitting this centre."
                    )
                }
            )

    @property
    def is_member(self) -> bool:
        """True for a member in good standing (not suspended, not former)."""
        return self.status == CentreStatus.MEMBER


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
        on_delete=models.CASCADE,
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
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="dues"
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

    @property
    def is_paid(self) -> bool:
        """True once the payment date is recorded."""
        return self.paid_on is not None


postal_code_validator = RegexValidator(
    r"^\d{2}-\d{3}$", _("Enter the postal code as 00-000.")
)


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
    message = models.TextField(_("message to the association"), blank=True)
    # The decision.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        db_index=True,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
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
        """One pending or accepted application per gmina and kind (the database
        constraint says so too; this gives forms a readable message)."""
        super().clean()
        if self.status not in (ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED):
            return
        if not (self.municipality_id and self.kind):
            return
        clash = (
            Application.objects.open_or_accepted()
            .filter(municipality_id=self.municipality_id, kind=self.kind)
            .exclude(pk=self.pk)
        )
        if clash.exists():
            from .exceptions import DuplicateApplication

            raise ValidationError(
                {"municipality": DuplicateApplication.default_message},
                code="duplicate",
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

    def usable(self):
        """Invitations not used yet and not expired."""
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time link that lets a person create an account bound to a centre.

    Only the SHA-256 of the random token is stored; the token itself travels once, in
    the e-mail.
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

    def __str__(self):
        return f"{self.email} → {self.centre}"

    @staticmethod
    def new_token() -> str:
        """A fresh random token (URL-safe, 256 bits)."""
        return secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        """True when not used and not expired."""
        return self.used_at is None and self.expires_at > timezone.now()
