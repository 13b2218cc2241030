"""Enumerations of the members app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MunicipalityKind(models.TextChoices):
    """Kind of gmina, from the last digit of its TERYT code."""

    URBAN = "miejska", _("urban")
    RURAL = "wiejska", _("rural")
    URBAN_RURAL = "miejsko-wiejska", _("urban-rural")


class CentreKind(models.TextChoices):
    """Kind of social-assistance centre."""

    OPS = "OPS", _("OPS (social assistance centre)")
    GOPS = "GOPS", _("GOPS (municipal social assistance centre)")
    MOPS = "MOPS", _("MOPS (town social assistance centre)")
    MGOPS = "MGOPS", _("MGOPS (town and municipal social assistance centre)")
    MOPR = "MOPR", _("MOPR (town family assistance centre)")
    CUS = "CUS", _("CUS (social services centre)")
    OTHER = "other", pgettext_lazy("centre kind", "other")


class CentreStatus(models.TextChoices):
    """Membership status of a centre."""

    APPLICANT = "applicant", _("applicant")
    MEMBER = "member", _("member")
    SUSPENDED = "suspended", _("suspended")
    FORMER = "former", _("former member")


class Role(models.TextChoices):
    """A person's role in their centre."""

    REPRESENTATIVE = "representative", _("representative")
    STAFF = "staff", pgettext_lazy("centre role", "staff")


VOIVODESHIPS = [
    "dolnośląskie",
    "kujawsko-pomorskie",
    "lubelskie",
    "lubuskie",
    "łódzkie",
    "małopolskie",
    "mazowieckie",
    "opolskie",
    "podkarpackie",
    "podlaskie",
    "pomorskie",
    "śląskie",
    "świętokrzyskie",
    "warmińsko-mazurskie",
    "wielkopolskie",
    "zachodniopomorskie",
]


class ApplicationStatus(models.TextChoices):
    """Where a membership application stands."""

    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class InvitationRefusal(models.TextChoices):
    """Why an invitation asked for by a representative was not sent."""

    ADMIN_ACCOUNT = "admin_account", _("an account of the association's staff")
    OTHER_CENTRE = "other_centre", _("a person of another centre")
    PENDING_ELSEWHERE = "pending", _("pending invitation of another centre")
    INACTIVE = "inactive", _("a disabled account")
