"""One-time invitations: a link that creates an account bound to a centre."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from razem.mail import queue_email

from ..choices import Role
from ..exceptions import AlreadyInCentre, InvitationInvalid, NotAllowed
from ..models import Centre, Invitation, Membership, hash_token
from ..permissions import is_representative_of
from .common import absolute_url, audit


def _may_invite(user, centre: Centre, role: str) -> bool:
    """Association staff invite anyone; a representative invites staff of their centre."""
    if user is None:
        return True  # the system itself (demo loader, management commands)
    if user.is_superuser or user.has_perm("members.change_application"):
        return True
    return role == Role.STAFF and is_representative_of(user, centre)


def create_invitation(
    centre: Centre,
    *,
    email: str,
    role: str,
    invited_by=None,
    first_name: str = "",
    last_name: str = "",
    application=None,
    base_url: str | None = None,
    email_template: str = "members/email/invitation",
):
    """Create an invitation, e-mail its link and return (invitation, token).

    Refuses a person who already belongs to a centre (AlreadyInCentre) and an inviter
    without the right (NotAllowed).
    """
    email = email.strip().lower()
    if not _may_invite(invited_by, centre, role):
        raise NotAllowed
    if Membership.objects.filter(user__email__iexact=email).exists():
        raise AlreadyInCentre
    token = Invitation.new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            centre=centre,
            email=email,
            role=role,
            first_name=first_name,
            last_name=last_name,
            token_hash=hash_token(token),
            invited_by=invited_by,
            application=application,
        )
        audit(centre, "members.invitation_create", invited_by, email=email, role=role)
        link = absolute_url(reverse("members:invitation", args=[token]), base_url)
        queue_email(
            [email],
            email_template,
            {
                "centre_name": centre.name,
                "role": str(invitation.get_role_display()),
                "link": link,
                "expires_at": timezone.localtime(invitation.expires_at).strftime(
                    "%Y-%m-%d"
                ),
                "invited_by": str(invited_by) if invited_by else "",
            },
        )
    return invitation, token


def find_invitation(token: str) -> Invitation:
    """The usable invitation for this token, or InvitationInvalid."""
    invitation = (
        Invitation.objects.usable()
        .select_related("centre__municipality")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid
    return invitation


def cancel_invitation(invitation: Invitation, *, user) -> None:
    """Withdraw an unused invitation (the representative or association staff)."""
    if not _may_invite(user, invitation.centre, invitation.role):
        raise NotAllowed
    with transaction.atomic():
        invitation.expires_at = timezone.now()
        invitation.save(update_fields=["expires_at"])
        audit(
            invitation.centre, "members.invitation_cancel", user, email=invitation.email
        )


def accept_invitation(token: str, *, first_name: str, last_name: str, password: str):
    """Create (or complete) the account of the invited person, bound to the centre.

    The e-mail address is the invitation's and counts as verified: the link proves it.
    Marks the invitation used. Returns the user. Raises InvitationInvalid for an
    unknown, used or expired token and AlreadyInCentre when the address belongs to a
    person of a centre already; nothing changes then.
    """
    User = get_user_model()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=hash_token(token or ""))
            .first()
        )
        if invitation is None or not invitation.is_usable:
            raise InvitationInvalid
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is not None and Membership.objects.filter(user=user).exists():
            raise AlreadyInCentre
        if user is None:
            user = User(email=invitation.email)
        user.first_name, user.last_name = first_name, last_name
        user.set_password(password)
        user.save()
        EmailAddress.objects.filter(user=user).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user,
            email=invitation.email,
            defaults={"verified": True, "primary": True},
        )
        membership = Membership.objects.create(
            user=user, centre=invitation.centre, role=invitation.role
        )
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        audit(
            invitation.centre,
            "members.invitation_accept",
            user,
            email=user.email,
            role=membership.role,
        )
    return user
