"""RODO: a person's data export and account deletion.

Other apps contribute through two Wagtail hooks:
- `razem_personal_data`: fn(user) -> dict | None, merged into the export under its keys;
- `razem_anonymise_user`: fn(user) -> None, called inside the deletion transaction to
  anonymise what that app must keep (e.g. conference participants, signatures).
"""

from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from ..choices import Role
from ..exceptions import LastRepresentative
from ..models import Application, Invitation, Membership
from .common import audit, invalidate_public_pages

ANONYMISED = "—"


def _iso(value):
    return value.isoformat() if value else None


def _membership_data(user) -> dict | None:
    membership = Membership.objects.select_related("centre__municipality").filter(
        user=user
    )
    membership = membership.first()
    if membership is None:
        return None
    return {
        "centre": membership.centre.name,
        "municipality": membership.centre.municipality.name,
        "role": membership.role,
        "position": membership.position,
        "since": _iso(membership.created_at),
    }


def _applications_data(user) -> list[dict]:
    return [
        {
            "centre_name": a.centre_name,
            "first_name": a.first_name,
            "last_name": a.last_name,
            "email": a.email,
            "phone": a.phone,
            "position": a.position,
            "message": a.message,
            "status": a.status,
            "submitted_at": _iso(a.created_at),
        }
        for a in Application.objects.filter(email__iexact=user.email)
    ]


def export_personal_data(user) -> dict:
    """Everything the portal holds about this person, as JSON-ready data."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    data = {
        "exported_at": _iso(timezone.now()),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "two_factor": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "membership": _membership_data(user),
        "applications": _applications_data(user),
        "invitations_received": [
            {"centre": i.centre.name, "role": i.role, "created_at": _iso(i.created_at)}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "centre"
            )
        ],
    }
    for fn in hooks.get_hooks("razem_personal_data"):
        extra = fn(user)
        if extra:
            data.update(extra)
    return data


def ensure_may_delete(user) -> None:
    """The last representative of a centre must hand the role over first."""
    membership = Membership.objects.filter(user=user).first()
    if membership is None or membership.role != Role.REPRESENTATIVE:
        return
    others = Membership.objects.filter(
        centre_id=membership.centre_id, role=Role.REPRESENTATIVE
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise LastRepresentative


def delete_account(user) -> None:
    """Delete a person's account; records the association keeps lose the name.

    The account row stays only as an anonymous, inactive shell so that records of
    other apps (signatures on behalf of a centre, audit entries) keep a valid
    reference without naming anybody. Applications sent by this person are
    anonymised; the centre membership, e-mail addresses, two-factor keys and
    invitations to this address are deleted. Raises LastRepresentative.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.sessions.models import Session

    with transaction.atomic():
        ensure_may_delete(user)
        email = user.email
        membership = (
            Membership.objects.select_related("centre").filter(user=user).first()
        )
        if membership is not None:
            audit(
                membership.centre,
                "members.person_delete_account",
                None,
                role=membership.role,
            )
            membership.delete()
        for fn in hooks.get_hooks("razem_anonymise_user"):
            fn(user)
        Application.objects.filter(email__iexact=email).update(
            first_name=ANONYMISED,
            last_name=ANONYMISED,
            email=f"usunieto-{user.pk}@anonymised.invalid",
            phone="",
            position="",
            message="",
        )
        Invitation.objects.filter(email__iexact=email).delete()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.email = f"usunieto-{user.pk}@anonymised.invalid"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        _delete_sessions(Session, user.pk)
        invalidate_public_pages()


def _delete_sessions(session_model, user_id) -> None:
    """Log the person out everywhere, through the session engine so that a cached
    copy (`cached_db` sessions) goes with the database row."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in session_model.objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store().delete(session.session_key)
