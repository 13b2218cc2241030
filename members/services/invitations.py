"""One-time invitations: a link that binds an account to a centre.

The rules (docs/rules.md, "Members", "Invitations"):
- An invitation never changes an existing account. For a new address the link
  offers the account form; an address that already has an account is joined only
  by that very account, logged in through allauth (so its second factor is asked),
  with no password form.
- An account of the association's staff (staff, superuser, admin access) is never
  joined to a centre through an invitation, by anybody; refused when the invitation
  is made and again when it is accepted.
- Addresses are compared in their canonical form (NFKC, case-folded) with each
  other and with the accounts' logins and verified addresses.
- One pending invitation per address (a partial unique constraint).
- A representative learns nothing about accounts outside their centre: for an
  address that cannot join (staff account, a person of another centre, a pending
  invitation of another centre, a disabled account) they see the same "sent" and
  the same pending row as for a fresh address; the person gets an e-mail that
  explains instead of the link. Association staff see the reason itself.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.mail import queue_email

from ..choices import CentreStatus, InvitationRefusal, Role
from ..exceptions import (
    AccountExists,
    AlreadyInCentre,
    CentreNotActive,
    InvitationClosed,
    InvitationInvalid,
    InvitationNotForThisAccount,
    InvitationPending,
    InvitationRefused,
    NotAllowed,
)
from ..models import Centre, Invitation, Membership, canonical_email, hash_token
from ..permissions import can_reach_admin, is_association_staff, is_representative_of
from ..validators import validate_safe_email
from .accounts import account_for_email, owns_email, unverified_claims
from .common import absolute_url, audit
from .notices import tell_joined

# A second identical request this soon after the first is a double submit.
DOUBLE_SUBMIT_SECONDS = 120


def _may_invite(user, centre: Centre, role: str) -> bool:
    """Association staff invite to any centre in any role; a representative
    invites staff of their own centre."""
    if user is None:
        return True  # the system itself (demo loader, management commands)
    if is_association_staff(user):
        return True
    return role == Role.STAFF and is_representative_of(user, centre)


def centre_has_left(centre: Centre) -> bool:
    """The centre is a former member: its representative invites nobody (the
    office still may, e.g. for a centre rejoining)."""
    return Centre.objects.filter(pk=centre.pk, status=CentreStatus.FORMER).exists()


def _speaks_for_centre(user) -> bool:
    """A representative (not the office, not the system) is inviting."""
    return user is not None and not is_association_staff(user)


def _account_refusal(account, centre: Centre) -> str:
    """Why this existing account cannot join this centre ('' when it can)."""
    if can_reach_admin(account):
        return InvitationRefusal.ADMIN_ACCOUNT
    if not account.is_active:
        return InvitationRefusal.INACTIVE
    membership = Membership.objects.filter(user=account).first()
    if membership is None:
        return ""
    if membership.centre_id == centre.pk:
        raise AlreadyInCentre(_("This person already belongs to this centre."))
    return InvitationRefusal.OTHER_CENTRE


def invitation_refusal(email: str, centre: Centre) -> str:
    """Why an invitation of this address to this centre would not be sent.

    Returns a `InvitationRefusal` value or ''. Raises AlreadyInCentre when the
    person is in this centre already and InvitationPending when this centre has
    invited the address already: the centre may know its own people.
    """
    account = account_for_email(email)
    if account is not None:
        refusal = _account_refusal(account, centre)
        if refusal:
            return refusal
    pending = (
        Invitation.objects.live()
        .filter(email=canonical_email(email), expires_at__gt=timezone.now())
        .first()
    )
    if pending is None:
        return ""
    if pending.centre_id == centre.pk:
        raise InvitationPending
    return InvitationRefusal.PENDING_ELSEWHERE


REFUSAL_MESSAGES = {
    InvitationRefusal.ADMIN_ACCOUNT: _(
        "This address belongs to an account of the association's staff, which "
        "cannot be joined to a centre. Invite another address."
    ),
    InvitationRefusal.INACTIVE: _(
        "This address belongs to a disabled account. Activate it first or invite "
        "another address."
    ),
    InvitationRefusal.OTHER_CENTRE: _(
        "This address belongs to a person of another centre. A person belongs to "
        "one centre: remove them from that centre first."
    ),
    InvitationRefusal.PENDING_ELSEWHERE: _(
        "This address already has a pending invitation of another centre. Withdraw "
        "it or wait until it expires."
    ),
}


def refusal_message(email: str, centre: Centre) -> str:
    """The explicit reason for association staff ('' when the address may be
    invited); used by the model's validation."""
    try:
        refusal = invitation_refusal(email, centre)
    except (AlreadyInCentre, InvitationPending) as error:
        return str(error.message)
    return str(REFUSAL_MESSAGES[refusal]) if refusal else ""


def _close_lapsed(email: str) -> None:
    """Expired invitations of this address give up their pending place."""
    Invitation.objects.live().filter(
        email=email, expires_at__lte=timezone.now()
    ).update(closed_at=timezone.now())


def _repeated(email: str, centre: Centre, invited_by, role: str, refusal: str = ""):
    """The same centre's invitation of the same address made moments ago by the
    same person: a double submit, answered with the first one.

    Only a pending invitation answers it (not used, withdrawn or expired), and a
    refused one only while the same reason still holds (`refusal`): once the
    person left the other centre, a new invitation is sent.
    """
    if invited_by is None:
        return None
    return (
        Invitation.objects.outstanding()
        .filter(
            email=email,
            centre=centre,
            role=role,
            invited_by=invited_by,
            refusal=refusal,
            created_at__gte=timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS),
        )
        .first()
    )


def _refusal_or_raise(email: str, centre: Centre, invited_by) -> str:
    """The refusal a representative's invitation is stored with; association staff
    get the reason as an error instead."""
    refusal = invitation_refusal(email, centre)
    if refusal and not _speaks_for_centre(invited_by):
        raise InvitationRefused(REFUSAL_MESSAGES[refusal])
    return refusal


def _mail_context(invitation: Invitation, invited_by, link: str) -> dict:
    return {
        "centre_name": invitation.centre.name,
        "role": str(invitation.get_role_display()),
        "link": link,
        "expires_at": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d"),
        "invited_by": str(invited_by) if invited_by else "",
        "refusal": invitation.refusal,
    }


def _save(invitation: Invitation, invited_by) -> None:
    """Insert; a simultaneous invitation of the same address (the constraint)
    becomes a refusal for a representative and an error for the office.

    The one-pending-per-address constraint is left to the database: checked in
    `full_clean` it saw a racing invitation committed meanwhile and raised a
    ValidationError instead of the refusal (found on PostgreSQL under a race).
    """
    invitation.full_clean(exclude=["token_hash"], validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:
        if invitation.refusal or not _speaks_for_centre(invited_by):
            raise InvitationPending from error
        invitation.refusal = InvitationRefusal.PENDING_ELSEWHERE
        invitation.save()


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
    """Invite an address to a centre; returns (invitation, token or None).

    The link is e-mailed (the token is returned only then). For a representative,
    an address that cannot join their centre gets an explanation instead of the link
    and the invitation is stored as refused (token None). Raises NotAllowed (no
    right to invite), AlreadyInCentre and InvitationPending (this centre's own
    person or invitation), and, for association staff, InvitationRefused.
    """
    try:
        validate_safe_email(email)
    except ValidationError as error:
        raise InvitationRefused(error.messages[0]) from error
    email = canonical_email(email)
    if not _may_invite(invited_by, centre, role):
        raise NotAllowed
    if _speaks_for_centre(invited_by) and centre_has_left(centre):
        raise CentreNotActive
    with transaction.atomic():
        repeated = _repeated(email, centre, invited_by, role)
        if repeated is not None:
            return repeated, None
        _close_lapsed(email)
        refusal = _refusal_or_raise(email, centre, invited_by)
        repeated = refusal and _repeated(email, centre, invited_by, role, refusal)
        if repeated:
            return repeated, None
        token = Invitation.new_token()
        invitation = Invitation(
            centre=centre,
            email=email,
            role=role,
            first_name=first_name,
            last_name=last_name,
            token_hash=hash_token(token),
            invited_by=invited_by,
            application=application,
            refusal=refusal,
        )
        _save(invitation, invited_by)
        audit(
            centre,
            "members.invitation_create",
            invited_by,
            email=email,
            role=role,
            refusal=invitation.refusal,
        )
        if invitation.refusal:
            queue_email(
                [email],
                "members/email/invitation_refused",
                _mail_context(invitation, invited_by, ""),
            )
            return invitation, None
        link = absolute_url(reverse("members:invitation", args=[token]), base_url)
        queue_email(
            [email], email_template, _mail_context(invitation, invited_by, link)
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


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation of this token in any state (used, expired), or None."""
    return (
        Invitation.objects.select_related("centre")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )


def _closed_message(invitation: Invitation) -> str:
    """What happened to an invitation that can no longer be withdrawn ('' when it
    still can)."""
    if invitation.used_at is not None:
        return _("This invitation has already been used: the person has joined.")
    if invitation.closed_at is not None and invitation.closed_at < (
        invitation.expires_at
    ):
        return _("This invitation has already been withdrawn.")
    if invitation.closed_at is not None or invitation.expires_at <= timezone.now():
        return _("This invitation has already expired.")
    return ""


def cancel_invitation(invitation: Invitation, *, user) -> None:
    """Withdraw an outstanding invitation (the representative or the office).

    The row is locked and read again: one withdrawn, used or expired meanwhile (a
    stale tab, a double submit) raises InvitationClosed saying which.
    """
    if not _may_invite(user, invitation.centre, invitation.role):
        raise NotAllowed
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("centre")
            .get(pk=invitation.pk)
        )
        closed = _closed_message(invitation)
        if closed:
            raise InvitationClosed(closed)
        invitation.closed_at = timezone.now()
        invitation.save(update_fields=["closed_at"])
        audit(
            invitation.centre, "members.invitation_cancel", user, email=invitation.email
        )


def _lock_usable(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("centre")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        raise InvitationInvalid
    return invitation


def account_refusal_at_acceptance(invitation: Invitation, account) -> None:
    """Refuse an existing account that may not join (checked again at acceptance:
    it may have become staff or joined another centre since the invitation)."""
    if can_reach_admin(account):
        raise InvitationRefused(
            _(
                "Your account is an account of the association's staff, and such "
                "accounts are not joined to a centre. Ask the centre to invite "
                "another address."
            )
        )
    if not account.is_active:
        raise InvitationRefused(REFUSAL_MESSAGES[InvitationRefusal.INACTIVE])
    if Membership.objects.filter(user=account).exists():
        raise AlreadyInCentre(
            _(
                "Your account already belongs to a centre, and a person belongs to "
                "one centre only. Ask the association's office if you are moving "
                "to another centre."
            )
        )


def _use(invitation: Invitation, user) -> Membership:
    membership = Membership.objects.create(
        user=user, centre=invitation.centre, role=invitation.role
    )
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    audit(
        invitation.centre,
        "members.invitation_accept",
        user,
        email=invitation.email,
        role=membership.role,
    )
    tell_joined(membership)
    return membership


def accept_invitation(token: str, *, first_name: str, last_name: str, password: str):
    """Create the account of an invited person whose address has none; it joins
    the centre. Returns the new user.

    The address is the invitation's and counts as verified: the link proves it.
    Raises InvitationInvalid (unknown, used, withdrawn or expired token) and
    AccountExists when an account owns the address: an invitation never sets the
    password of an existing account (`join_with_invitation` joins it instead).
    """
    User = get_user_model()
    with transaction.atomic():
        invitation = _lock_usable(token)
        if account_for_email(invitation.email) is not None:
            raise AccountExists
        user = User(email=invitation.email, first_name=first_name, last_name=last_name)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:
            raise AccountExists from error
        for claim in unverified_claims(invitation.email):
            claim.delete()  # somebody else's unproven claim on this address
        EmailAddress.objects.create(
            user=user, email=invitation.email, verified=True, primary=True
        )
        _use(invitation, user)
    return user


def join_with_invitation(token: str, *, user) -> Membership:
    """The logged-in owner of the invited address joins the centre.

    Nothing of the account changes; only the membership is created. Raises
    InvitationInvalid, InvitationNotForThisAccount (logged in as somebody else),
    InvitationRefused (an account of the association's staff, a disabled one) and
    AlreadyInCentre.
    """
    with transaction.atomic():
        invitation = _lock_usable(token)
        if not owns_email(user, invitation.email):
            raise InvitationNotForThisAccount
        account_refusal_at_acceptance(invitation, user)
        return _use(invitation, user)
