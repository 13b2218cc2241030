"""E-mails to the people of a centre when their place in it changes.

Sent by the services that make the change, inside their transaction (the e-mail is
queued with the work and never goes out for work rolled back): a person removed
from the centre, a person who became its representative (handed the role or
appointed by the office), a person whose invitation was accepted (joined), and
the centre's representatives when somebody joins.
"""

from django.urls import reverse

from razem.mail import queue_email

from ..choices import Role
from .common import absolute_url


def _context(membership, by=None) -> dict:
    return {
        "person": str(membership.user),
        "email": membership.user.email,
        "centre_name": membership.centre.name,
        "role": str(membership.get_role_display()),
        "by": str(by) if by is not None else "",
        "link": absolute_url(reverse("members:my_centre")),
    }


def tell_removed(membership, *, by) -> None:
    """The person removed from the centre learns it (their account stays)."""
    queue_email(
        [membership.user.email],
        "members/email/person_removed",
        _context(membership, by),
    )


def tell_new_representative(membership, *, by) -> None:
    """The person who became the centre's representative learns it."""
    queue_email(
        [membership.user.email],
        "members/email/representative_now",
        _context(membership, by),
    )


def tell_joined(membership) -> None:
    """The invited person learns they belong to the centre now; the centre's
    other representatives learn who joined."""
    context = _context(membership)
    queue_email([membership.user.email], "members/email/joined", context)
    representatives = [
        other.user.email
        for other in membership.centre.memberships.filter(
            role=Role.REPRESENTATIVE
        ).select_related("user")
        if other.pk != membership.pk and other.user.is_active
    ]
    if representatives:
        queue_email(representatives, "members/email/person_joined", context)
