"""Enumerations of the consultations app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OpinionKind(models.TextChoices):
    """What the association sends: a position, an opinion or a motion."""

    POSITION = "stanowisko", _("position (stanowisko)")
    OPINION = "opinia", _("opinion (opinia)")
    MOTION = "wniosek", _("motion (wniosek)")


class OpinionState(models.TextChoices):
    """Where an opinion is in its life; changed only by the transition services."""

    DRAFT = "draft", pgettext_lazy("opinion state", "draft")
    OPEN = "open", _("open for signatures")
    CLOSED = "closed", pgettext_lazy("opinion state", "signing closed")
    SENT = "sent", pgettext_lazy("opinion state", "sent")
    ANSWERED = "answered", pgettext_lazy("opinion state", "answered")


# States the public may see (the opinion page and the index).
PUBLIC_STATES = (
    OpinionState.OPEN,
    OpinionState.CLOSED,
    OpinionState.SENT,
    OpinionState.ANSWERED,
)
# States in which members may discuss the text (an open one only before its deadline).
DISCUSSION_STATES = (OpinionState.DRAFT, OpinionState.OPEN)
# States from closing on: the letter exists and the text it was generated from is fixed.
FROZEN_STATES = (OpinionState.CLOSED, OpinionState.SENT, OpinionState.ANSWERED)
# States in which the letter has reached its addressee: errata may be added.
DELIVERED_STATES = (OpinionState.SENT, OpinionState.ANSWERED)


class SendChannel(models.TextChoices):
    """How a letter was delivered to its addressee."""

    EPUAP = "epuap", _("ePUAP")
    EMAIL = "email", _("e-mail")
    POST = "post", _("registered post")
    HAND = "hand", _("delivered by hand")


class DraftLawStage(models.TextChoices):
    """Stage of a draft law in the legislative process."""

    PREPARATION = "preparation", _("preparation")
    CONSULTATION = "consultation", _("public consultation")
    GOVERNMENT = "government", _("adopted by the government")
    PARLIAMENT = "parliament", _("in parliament")
    ADOPTED = "adopted", _("adopted")
    ABANDONED = "abandoned", _("abandoned")
