"""RODO: a person's data export and account deletion.

The export is built by `razem.privacy.collect_personal_data` from the sources every
app registers with the `razem_personal_data_sources` hook; the members app's own
sources (account, e-mail addresses, two-factor methods, membership, applications,
invitations received and sent) are the functions below, registered in
`members/wagtail_hooks.py`.

Deletion: other apps anonymise what they must keep through the `razem_anonymise_user`
hook (fn(user) -> None, called inside the deletion transaction).

A centre's only representative may end their account too: by handing the role to
another person of the centre in the same step, or by leaving the centre without a
representative, which tells the association's office (who appoints a new one).
"""

from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from razem.mail import queue_email
from razem.privacy import collect_personal_data, iso

from ..choices import Role
from ..exceptions import LastRepresentative
from ..models import Application, Invitation, Membership, canonical_email
from .accounts import matching
from .centres import hand_over_representative
from .common import absolute_url, audit, invalidate_public_pages

ANONYMISED = "—"


def _iso(value):
    return iso(value)


def _addresses(user) -> set[str]:
    """The person's addresses (login and verified ones), canonical."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=user, verified=True)
    return {canonical_email(user.email)} | {
        canonical_email(address) for address in verified.values_list("email", flat=True)
    }


def account_data(user) -> dict:
    """The account itself."""
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_staff": user.is_staff,
    }


def email_addresses_data(user) -> list[dict]:
    """allauth's e-mail addresses of the account."""
    from allauth.account.models import EmailAddress

    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def two_factor_data(user) -> list[dict]:
    """The two-factor methods in use (never their secrets)."""
    from allauth.mfa.models import Authenticator

    return [
        {
            "type": a.type,
            "label": str(Authenticator.Type(a.type).label),
            "created_at": _iso(a.created_at),
            "last_used_at": _iso(a.last_used_at),
        }
        for a in Authenticator.objects.filter(user=user).order_by("pk")
    ]


def membership_data(user) -> dict | None:
    """The person's place in a centre."""
    membership = (
        Membership.objects.select_related("centre__municipality")
        .filter(user=user)
        .first()
    )
    if membership is None:
        return None
    return {
        "centre": membership.centre.name,
        "municipality": membership.centre.municipality.name,
        "role": membership.role,
        "role_label": str(membership.get_role_display()),
        "position": membership.position,
        "since": _iso(membership.created_at),
    }


def _applications_of(addresses: set[str]) -> list[Application]:
    """Applications sent with any of these (canonical) addresses."""
    found = {}
    for address in addresses:
        for application in matching(Application.objects.all(), "email", address):
            found[application.pk] = application
    return [found[pk] for pk in sorted(found)]


def applications_data(user) -> list[dict]:
    """Membership applications sent with one of the person's addresses."""
    addresses = _addresses(user)
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
            "status_label": str(a.get_status_display()),
            "submitted_at": _iso(a.created_at),
        }
        for a in _applications_of(addresses)
    ]


def applications_decided_data(user) -> list[dict]:
    """Applications the person decided on as association staff."""
    return [
        {
            "centre_name": a.centre_name,
            "status": a.status,
            "status_label": str(a.get_status_display()),
            "decided_at": _iso(a.decided_at),
            "reason": a.decision_reason,
        }
        for a in Application.objects.filter(decided_by=user).order_by("pk")
    ]


def _invitation_row(invitation: Invitation) -> dict:
    return {
        "centre": invitation.centre.name,
        "email": invitation.email,
        "role": invitation.role,
        "role_label": str(invitation.get_role_display()),
        "created_at": _iso(invitation.created_at),
        "expires_at": _iso(invitation.expires_at),
        "used_at": _iso(invitation.used_at),
    }


def invitations_received_data(user) -> list[dict]:
    """Invitations sent to one of the person's addresses (link sent)."""
    received = Invitation.objects.filter(email__in=_addresses(user), refusal="")
    return [_invitation_row(i) for i in received.select_related("centre")]


def invitations_sent_data(user) -> list[dict]:
    """Invitations the person made (as a representative or for the office)."""
    sent = Invitation.objects.filter(invited_by=user).select_related("centre")
    return [_invitation_row(i) for i in sent.order_by("pk")]


def export_personal_data(user) -> dict:
    """Everything the portal holds about this person, as JSON-ready data, from
    every registered personal-data source."""
    return {"exported_at": _iso(timezone.now()), **collect_personal_data(user)}


def _only_representative(user) -> Membership | None:
    """The person's membership when they are their centre's only representative."""
    membership = Membership.objects.select_related("centre").filter(user=user).first()
    if membership is None or membership.role != Role.REPRESENTATIVE:
        return None
    others = Membership.objects.filter(
        centre_id=membership.centre_id, role=Role.REPRESENTATIVE
    ).exclude(pk=membership.pk)
    return None if others.exists() else membership


def ensure_may_delete(user) -> None:
    """The only representative of a centre chooses a way out first (hand over the
    role, or leave the centre without one): LastRepresentative otherwise."""
    if _only_representative(user) is not None:
        raise LastRepresentative


def _tell_the_office(membership: Membership) -> None:
    """The centre is left without a representative: the office appoints one."""
    centre = membership.centre
    audit(centre, "members.centre_without_representative", None)
    queue_email(
        [settings.RAZEM_STAFF_EMAIL],
        "members/email/representative_left",
        {
            "centre_name": centre.name,
            "admin_url": absolute_url(
                reverse("members_centre:representative", args=[centre.pk])
            ),
            "people": centre.memberships.exclude(pk=membership.pk).count(),
        },
    )


def hand_over_and_delete(user, successor: Membership) -> None:
    """The only representative hands the role to another person of the centre and
    deletes their account, in one step."""
    with transaction.atomic():
        hand_over_representative(successor, user=user)
        delete_account(user)


def delete_account(user, *, leave_without_representative: bool = False) -> None:
    """Delete a person's account; records the association keeps lose the name.

    The account row stays only as an anonymous, inactive shell so that records of
    other apps (signatures on behalf of a centre, audit entries) keep a valid
    reference without naming anybody. Applications sent by this person are
    anonymised; the centre membership, e-mail addresses, two-factor keys, admin
    preferences and subscriptions, and invitations to this address are deleted.

    The only representative of a centre raises LastRepresentative unless
    `leave_without_representative` is given: the centre then has no
    representative until the office appoints one, and the office is told.
    """
    with transaction.atomic():
        only = _only_representative(user)
        if only is not None and not leave_without_representative:
            raise LastRepresentative
        if only is not None:
            _tell_the_office(only)
        _forget(user)


def _forget(user) -> None:
    addresses = _addresses(user)
    membership = Membership.objects.select_related("centre").filter(user=user).first()
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
    Application.objects.filter(
        pk__in=[a.pk for a in _applications_of(addresses)]
    ).update(
        first_name=ANONYMISED,
        last_name=ANONYMISED,
        email=f"usunieto-{user.pk}@anonymised.invalid",
        phone="",
        position="",
        message="",
    )
    Invitation.objects.filter(email__in=addresses).delete()
    _delete_account_records(user)
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
    _delete_sessions(user.pk)
    invalidate_public_pages()


def _delete_account_records(user) -> None:
    """Rows that exist only for the account's own use."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.admin.models import EditingSession
    from wagtail.models import PageSubscription
    from wagtail.users.models import UserProfile

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()
    PageSubscription.objects.filter(user=user).delete()
    EditingSession.objects.filter(user=user).delete()


def _delete_sessions(user_id) -> None:
    """Log the person out everywhere, through the session engine so that a cached
    copy (`cached_db` sessions) goes with the database row."""
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store().delete(session.session_key)
