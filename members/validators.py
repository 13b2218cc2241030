"""Validators of the members app: Polish identifiers, safe e-mail addresses."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
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


# The part before "@": the dot-atom of RFC 5322 in ASCII only, so no letter can
# stand for another (a Cyrillic "а", a full-width "ａ", an invisible character).
SAFE_LOCAL_PART = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"
)
ASCII_DOMAIN = re.compile(r"^[A-Za-z0-9.-]+$")
MAX_LOCAL_PART = 64
LONG_LOCAL_PART = _(
    "The part of the address before the “@” may have at most 64 characters."
)

UNSAFE_LOCAL_PART = _(
    "The address contains a character that only looks like an ordinary one (for "
    "example a Cyrillic or full-width letter, or an invisible character). Before "
    "the “@” use only Latin letters without diacritics, digits and . _ - +; type "
    "the address again by hand."
)
UNSAFE_DOMAIN = _(
    "The domain after the “@” may contain only Latin letters (Polish ones too), "
    "digits, dots and hyphens; this one contains another character (for example "
    "a Cyrillic or full-width letter, or an invisible character)."
)


def _latin_letter(char: str) -> bool:
    """A letter of the Latin script ("a", "ą", "ł", "ö"), composed, not a
    compatibility form (full-width letters are refused)."""
    return (
        unicodedata.category(char).startswith("L")
        and unicodedata.name(char, "").startswith("LATIN ")
        and unicodedata.normalize("NFKC", char) == char
    )


def _decoded_domain(domain: str) -> str | None:
    """The domain as people read it: each "xn--" label (IDNA's ASCII form, which a
    browser's e-mail field sends for a domain typed in Unicode) decoded from
    punycode; None for a label that does not decode."""
    labels = []
    for label in domain.split("."):
        if label[:4].lower() == "xn--":
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                return None
        labels.append(label)
    return ".".join(labels)


def _safe_domain(domain: str) -> bool:
    decoded = _decoded_domain(domain)
    if decoded is None:
        return False
    if decoded != domain:
        # "xn--mgops-wysmierzyc-…" may hide a Cyrillic "е": judge what it decodes to.
        return _safe_domain(decoded) if "xn--" not in decoded.lower() else False
    if ASCII_DOMAIN.match(domain):
        return True
    if unicodedata.normalize("NFC", domain) != domain:
        return False  # combining marks: the same-looking letter exists composed
    return all(
        char in ".-" or (char.isascii() and char.isalnum()) or _latin_letter(char)
        for char in domain
    )


def validate_safe_email(value: str) -> None:
    """Refuse an e-mail address written with characters that may pass for others.

    The local part (before "@") must be plain ASCII (RFC 5322's dot-atom); the
    domain may be an internationalised one in the Latin script only (so
    "łódź.pl" is accepted, a domain with a Cyrillic, Greek or full-width letter, a
    combining mark or an invisible character is not). Upper case is fine: it is
    folded. Applied to the address as typed, by every form and service that takes
    one (invitations, the application, the centre's contacts, allauth's forms).
    The format itself is `EmailValidator`'s concern.
    """
    value = (value or "").strip()
    local, at, domain = value.rpartition("@")
    if not value or not at:
        return
    if not SAFE_LOCAL_PART.match(local):
        raise ValidationError(UNSAFE_LOCAL_PART, code="unsafe_email")
    if len(local) > MAX_LOCAL_PART:  # RFC 5321: no mail server delivers it
        raise ValidationError(LONG_LOCAL_PART, code="invalid")
    if not _safe_domain(domain):
        raise ValidationError(UNSAFE_DOMAIN, code="unsafe_email")


class SafeEmailValidator(EmailValidator):
    """Django's format check preceded by `validate_safe_email`, so a look-alike
    address is told why (not only "enter a valid address")."""

    def __call__(self, value):
        validate_safe_email(value)
        super().__call__(value)


def guard_email_fields(form) -> None:
    """Give every e-mail field of a built form the safe-address check first."""
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.EmailField):
            field.validators = [
                SafeEmailValidator() if isinstance(v, EmailValidator) else v
                for v in field.validators
            ]
