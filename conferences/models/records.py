"""Registration records: one row per participant, one row per workshop choice.

Places are never stored as counters (a page revision being published would overwrite
them); services count holding rows while the conference row is locked.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from razem.fields import LimitedTextField

from ..choices import (
    ACTIVE_STATUSES,
    HOLDING_STATUSES,
    RegistrationStatus,
    WorkshopChoiceStatus,
)

NEEDS_WITHOUT_CONSENT = _(
    "Dietary or accessibility needs can be saved only with the participant's consent."
)
EMAIL_TAKEN = _("This person is already registered for the conference.")
ANONYMISED = _(
    "This participant's data was anonymised under the retention rules and cannot "
    "be filled in again."
)
# What anonymisation replaces; never written again afterwards, on any path.
ANONYMISED_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "position",
    "remarks",
    "special_needs",
)
NO_FEE = Decimal("0.00")
OVERLAPPING_WORKSHOPS = _(
    "%(name)s: the workshops “%(first)s” and “%(second)s” take place at the same "
    "time; choose one of them."
)


class RegistrationQuerySet(models.QuerySet):
    """Filters by where participants stand."""

    def holding(self):
        """Participants holding a place (confirmed or awaiting staff approval)."""
        return self.filter(status__in=HOLDING_STATUSES)

    def waiting(self):
        """Participants on the waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by(
            "queued_at", "pk"
        )

    def active(self):
        """Everyone not cancelled."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def of_centre(self, centre):
        """The registrations of one centre."""
        return self.filter(centre=centre)


class Registration(models.Model):
    """One participant registered for a conference by their centre."""

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    # A conference with registrations is the association's record of who took
    # part (and, later, who owes what): it is never deleted with them.
    conference = models.ForeignKey(
        "conferences.ConferencePage",
        verbose_name=_("conference"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    centre = models.ForeignKey(
        "members.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="conference_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    batch = models.UUIDField(_("submission"), default=uuid.uuid4, editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    meals = models.BooleanField(_("meals"), default=False)
    accommodation_nights = models.PositiveSmallIntegerField(
        _("accommodation nights"), default=0
    )
    remarks = LimitedTextField(_("remarks"), blank=True, max_length=2000)
    special_needs = LimitedTextField(
        _("dietary or accessibility needs"), blank=True, max_length=2000
    )
    special_needs_consent = models.BooleanField(
        _("consent to process the needs"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    member_rate = models.BooleanField(_("member rate"), default=True)
    fee = models.DecimalField(_("fee (PLN)"), max_digits=8, decimal_places=2, default=0)
    queued_at = models.DateTimeField(
        _("arrived at"), help_text=_("Order on the waiting list.")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(
        _("present since"),
        null=True,
        blank=True,
        help_text=_("Kept when the office cancels a participant already present."),
    )
    cancel_reason = LimitedTextField(
        _("reason for the cancellation"), blank=True, max_length=500
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent at"), null=True, blank=True
    )
    # The centre's cancellation deadline when the person was registered: when the
    # office moves it earlier afterwards, "Mój ośrodek" warns about the new one.
    cancel_until_when_registered = models.DateTimeField(
        _("cancellation deadline when registered"),
        null=True,
        blank=True,
        editable=False,
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["conference", "last_name", "first_name", "pk"]
        # Special-category data (RODO art. 9): seen and exported only with this
        # permission, beyond `view_registration` (see `conferences.permissions`).
        permissions = [
            (
                "export_special_category",
                "Can see and export dietary and accessibility needs",
            )
        ]
        indexes = [
            models.Index(
                fields=["conference", "status", "queued_at"],
                name="registration_queue_idx",
            ),
            models.Index(
                fields=["centre", "conference"], name="registration_centre_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
                violation_error_message=_("Choose a valid status."),
            ),
            models.CheckConstraint(
                condition=models.Q(special_needs="")
                | models.Q(special_needs_consent=True),
                name="registration_needs_only_with_consent",
                violation_error_message=NEEDS_WITHOUT_CONSENT,
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status=RegistrationStatus.CANCELLED, cancelled_at__isnull=False
                )
                | (
                    ~models.Q(status=RegistrationStatus.CANCELLED)
                    & models.Q(cancelled_at__isnull=True)
                ),
                name="registration_cancelled_has_date",
                violation_error_message=_(
                    "A cancelled registration needs the date of its cancellation."
                ),
            ),
            # A cancelled participant keeps the record of having been present.
            models.CheckConstraint(
                condition=models.Q(checked_in_at__isnull=True)
                | models.Q(
                    status__in=(
                        RegistrationStatus.CONFIRMED,
                        RegistrationStatus.CANCELLED,
                    )
                ),
                name="registration_checked_in_only_confirmed",
                violation_error_message=_(
                    "Only participants with a confirmed place can be checked in."
                ),
            ),
            models.UniqueConstraint(
                fields=["conference", "email"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_active_per_email",
                violation_error_message=EMAIL_TAKEN,
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_status_display()})"

    def clean(self):
        """The rules staff edits must keep, each message beside its field."""
        super().clean()
        self.email = (self.email or "").strip().lower()
        errors = {}
        if self.special_needs.strip() and not self.special_needs_consent:
            errors["special_needs"] = NEEDS_WITHOUT_CONSENT
        conference = self._conference_or_none()
        if conference is not None:
            errors.update(self._conference_problems(conference))
        errors.update(self._refilled_after_anonymisation())
        errors.update(self._unsafe_new_email())
        if errors:
            raise ValidationError(errors)

    def _unsafe_new_email(self) -> dict:
        """A new or changed address may not hold look-alike characters (staff edit
        paths; the public form and the service check it too)."""
        from members.validators import validate_safe_email

        if self.pk is not None and not self._email_changed():
            return {}
        try:
            validate_safe_email(self.email)
        except ValidationError as error:
            return {"email": error.messages}
        return {}

    def _email_changed(self) -> bool:
        """True when the stored address differs from this one."""
        stored = (
            type(self)
            .objects.filter(pk=self.pk)
            .values_list("email", flat=True)
            .first()
        )
        return stored != self.email

    def _refilled_after_anonymisation(self) -> dict:
        """An anonymised participant stays anonymous: no path re-identifies them."""
        if self.pk is None or self.anonymised_at is None:
            return {}
        stored = (
            Registration.objects.filter(pk=self.pk).values(*ANONYMISED_FIELDS).first()
        )
        if stored is None:
            return {}
        return {
            name: ANONYMISED
            for name in ANONYMISED_FIELDS
            if (getattr(self, name) or "") != (stored[name] or "")
        }

    def _conference_or_none(self):
        try:
            return self.conference
        except models.ObjectDoesNotExist:
            return None

    def _conference_problems(self, conference) -> dict:
        problems = {}
        nights = conference.nights if conference.offers_accommodation else 0
        if self.accommodation_nights and self.accommodation_nights > nights:
            problems["accommodation_nights"] = ngettext(
                "At most %(count)d night can be booked for this conference.",
                "At most %(count)d nights can be booked for this conference.",
                nights,
            ) % {"count": nights}
        if self.meals and not conference.offers_meals:
            problems["meals"] = _("This conference does not offer meals.")
        if self.email and self.status != RegistrationStatus.CANCELLED:
            taken = (
                Registration.objects.active()
                .filter(conference_id=self.conference_id, email__iexact=self.email)
                .exclude(pk=self.pk)
            )
            if taken.exists():
                problems["email"] = EMAIL_TAKEN
        return problems

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def holds_place(self) -> bool:
        """True when the participant has a place (confirmed or pending approval)."""
        return self.status in HOLDING_STATUSES

    @property
    def owes_fee(self) -> bool:
        """True when the fee is owed: only a confirmed place is paid for.

        A participant on the waiting list has no place, and one awaiting staff
        approval (non-member centre) has none confirmed yet: neither owes anything.
        """
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def fee_owed(self) -> Decimal:
        """What the centre owes for this participant now."""
        return self.fee if self.owes_fee else NO_FEE

    @property
    def fee_if_confirmed(self) -> Decimal:
        """What a waiting or unconfirmed place will cost once it is confirmed;
        nothing once the conference is over (it will never be confirmed)."""
        if self.status not in (RegistrationStatus.WAITING, RegistrationStatus.PENDING):
            return NO_FEE
        conference = self._conference_or_none()
        if conference is not None and conference.is_past:
            return NO_FEE
        return self.fee

    @property
    def attended(self) -> bool:
        """True when checked in at the door."""
        return self.checked_in_at is not None


class WorkshopChoice(models.Model):
    """A participant's choice of one workshop, with its own place or waiting slot."""

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="workshop_choices",
    )
    session = models.ForeignKey(
        "conferences.Session",
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkshopChoiceStatus.choices
    )
    queued_at = models.DateTimeField(_("arrived at"))

    class Meta:
        verbose_name = _("workshop choice")
        verbose_name_plural = _("workshop choices")
        ordering = ["session", "queued_at", "pk"]
        indexes = [
            models.Index(
                fields=["session", "status", "queued_at"], name="workshop_queue_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                name="workshop_choice_once",
                violation_error_message=_(
                    "The participant has already chosen this workshop."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=WorkshopChoiceStatus.values),
                name="workshop_choice_status_valid",
                violation_error_message=_("Choose a valid status."),
            ),
        ]

    def __str__(self):
        return f"{self.registration.full_name}: {self.session.title}"

    def clean(self):
        """An active choice never overlaps in time another active choice of the
        same participant (the registration service checks the same rule)."""
        super().clean()
        if self.status == WorkshopChoiceStatus.CANCELLED:
            return
        try:
            session, registration = self.session, self.registration
        except models.ObjectDoesNotExist:
            return
        others = (
            WorkshopChoice.objects.filter(registration=registration)
            .exclude(status=WorkshopChoiceStatus.CANCELLED)
            .exclude(pk=self.pk)
            .exclude(session_id=session.pk)
            .select_related("session")
        )
        for other in others:
            if session.overlaps(other.session):
                raise ValidationError(
                    {"session": OVERLAPPING_WORKSHOPS % {
                        "name": registration.full_name,
                        "first": other.session.title,
                        "second": session.title,
                    }}
                )  # fmt: skip
