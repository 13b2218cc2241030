"""Validators of Polish identifiers used by the members app."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def nip_is_valid(value: str) -> bool:
    """True for a 10-digit NIP whose last digit is its weighted checksum (mod 11)."""
    digits = (value or "").replace("-", "").replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    checksum = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=False)) % 11
    return checksum != 10 and checksum == int(digits[9])


def validate_nip(value: str) -> None:
    """Reject a NIP of the wrong length or with a wrong check digit."""
    if value and not nip_is_valid(value):
        raise ValidationError(
            _("Enter a valid NIP: ten digits with a correct check digit."),
            code="invalid_nip",
        )
