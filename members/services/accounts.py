"""Accounts by e-mail address: one place that says which account owns an address.

An address belongs to the account whose login (`User.email`) it is, or to the
account that has it as a verified allauth `EmailAddress`. Addresses are compared in
their canonical form (`members.models.canonical_email`: NFKC, case-folded), so
"Admin@Razem.test", "ADMIN@razem.test" and a full-width "ａｄｍｉｎ@razem.test" are
one address.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Q

from ..models import canonical_email

# Stored addresses outside printable ASCII: a case-insensitive query cannot match
# them to their canonical form, so they are compared in Python (there are few).
NOT_PLAIN_ASCII = r"[^ -~]"


def matching(queryset, field: str, key: str) -> list:
    """The rows of the queryset whose `field` is this canonical address."""
    candidates = queryset.filter(
        Q(**{f"{field}__iexact": key}) | Q(**{f"{field}__regex": NOT_PLAIN_ASCII})
    )
    return [row for row in candidates if canonical_email(_value(row, field)) == key]


def _value(row, dotted: str) -> str:
    for part in dotted.split("__"):
        row = getattr(row, part)
    return row


def accounts_with_email(address: str) -> list:
    """Every account that owns this address (normally none or one)."""
    key = canonical_email(address)
    if not key:
        return []
    User = get_user_model()
    found = {user.pk: user for user in matching(User.objects.all(), "email", key)}
    verified = EmailAddress.objects.filter(verified=True).select_related("user")
    for address_row in matching(verified, "email", key):
        found.setdefault(address_row.user_id, address_row.user)
    return sorted(found.values(), key=lambda user: user.pk)


def account_for_email(address: str):
    """The account that owns this address, or None."""
    accounts = accounts_with_email(address)
    return accounts[0] if accounts else None


def owns_email(user, address: str) -> bool:
    """True when this account owns the address."""
    return any(account.pk == user.pk for account in accounts_with_email(address))


def unverified_claims(address: str):
    """Other accounts' unverified rows for this address (a claim nobody proved)."""
    unverified = EmailAddress.objects.filter(verified=False)
    return matching(unverified, "email", canonical_email(address))
