"""What the office should know about an applicant's address before accepting.

The public form never tells an applicant whether their address has an account
(its answer and e-mail are the same for every address). The office sees it beside
the application: what acceptance will do with that account, or why it will be
refused. Acceptance itself never changes an existing account: the invitation asks
the person to log in to it (see `create_invitation` and `join_with_invitation`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Invitation, Membership, canonical_email
from ..permissions import can_reach_admin
from .accounts import account_for_email


@dataclass(frozen=True)
class AccountNote:
    """The note for the office: `blocks` when accepting will be refused."""

    blocks: bool
    message: str


def applicant_account_note(application) -> AccountNote | None:
    """The note about the applicant's address, or None when no account has it."""
    account = account_for_email(application.email)
    if account is None:
        return _pending_elsewhere_note(application)
    values = {"account": account.get_full_name() or account.email}
    if can_reach_admin(account):
        return AccountNote(
            True,
            _(
                "The applicant's address belongs to an account of the association's "
                "staff (%(account)s), which is never joined to a centre: accepting "
                "will be refused. Ask the applicant for another address and correct "
                "the application first."
            )
            % values,
        )
    if not account.is_active:
        return AccountNote(
            True,
            _(
                "The applicant's address belongs to a disabled account "
                "(%(account)s): accepting will be refused. Activate the account or "
                "correct the address in the application first."
            )
            % values,
        )
    membership = (
        Membership.objects.filter(user=account).select_related("centre").first()
    )
    if membership is not None:
        values["centre"] = membership.centre.name
        return AccountNote(
            True,
            _(
                "The applicant's address belongs to %(account)s, a person of "
                "%(centre)s: accepting will be refused, as a person belongs to one "
                "centre. Ask the applicant for another address, or the person to "
                "leave that centre first."
            )
            % values,
        )
    return _pending_elsewhere_note(application) or AccountNote(
        False,
        _(
            "An account with the applicant's address already exists (%(account)s). "
            "On acceptance the invitation asks the person to log in to it (with its "
            "second factor) and join the centre as its representative; the account "
            "itself (password, name, address) is not changed. The applicant has not "
            "been told that the account exists."
        )
        % values,
    )


def _pending_elsewhere_note(application) -> AccountNote | None:
    pending = (
        Invitation.objects.usable()
        .filter(email=canonical_email(application.email))
        .select_related("centre")
        .first()
    )
    if pending is None:
        return None
    return AccountNote(
        True,
        _(
            "The applicant's address has a pending invitation to %(centre)s: "
            "accepting will be refused until it is withdrawn or has expired."
        )
        % {"centre": pending.centre.name},
    )
