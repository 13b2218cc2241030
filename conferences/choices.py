"""Enumerations of the conferences app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SessionKind(models.TextChoices):
    """Kind of programme item."""

    LECTURE = "lecture", _("lecture")
    WORKSHOP = "workshop", _("workshop")
    DEBATE = "debate", _("debate")
    BREAK = "break", pgettext_lazy("programme item", "break")


class RegistrationStatus(models.TextChoices):
    """Where a participant stands.

    `pending` and `confirmed` hold a place; `pending` waits for staff approval
    (participants of non-member centres); `waiting` is on the waiting list.
    """

    PENDING = "pending", _("awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "confirmed")
    WAITING = "waiting", _("waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")


HOLDING_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
ACTIVE_STATUSES = (*HOLDING_STATUSES, RegistrationStatus.WAITING)


class WorkshopChoiceStatus(models.TextChoices):
    """A participant's place in one workshop."""

    CONFIRMED = "confirmed", pgettext_lazy("workshop place", "confirmed")
    WAITING = "waiting", _("waiting list")
    CANCELLED = "cancelled", pgettext_lazy("workshop place", "cancelled")


ACTIVE_WORKSHOP_STATUSES = (
    WorkshopChoiceStatus.CONFIRMED,
    WorkshopChoiceStatus.WAITING,
)
