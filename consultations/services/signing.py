"""Co-signing: a member centre's representative signs for the centre, or withdraws."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from members.permissions import membership_of

from ..exceptions import AlreadySigned, NotAllowed, SigningRefused, StaleForm
from ..models import OpinionPage, Signature
from ..permissions import person_signing_refusal, state_signing_refusal
from .locking import atomic_or_try_again, lock_opinion


def _signing_centre(user, *, withdrawing: bool = False):
    """The centre the person may sign for, or a refusal saying why not."""
    refusal = person_signing_refusal(user, withdrawing=withdrawing)
    if refusal:
        raise NotAllowed(refusal)
    return membership_of(user).centre


def _check_signing_open(opinion: OpinionPage) -> None:
    refusal = state_signing_refusal(opinion)
    if refusal:
        raise SigningRefused(refusal)


def _check_version(opinion: OpinionPage, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != opinion.state_version:
        raise StaleForm(
            _(
                "The page was out of date: the opinion has changed since you opened "
                "it. Nothing was changed; please check it and try again."
            )
        )


def _active_signature(opinion: OpinionPage, centre):
    return Signature.objects.active().filter(opinion=opinion, centre=centre).first()


def sign_opinion(
    opinion: OpinionPage, user, *, expected_version: int | None = None
) -> Signature:
    """Co-sign the opinion for the person's centre; once per centre and opinion.

    Refused for anyone but the representative of a member centre in good standing,
    outside the signing period, for a stale form, and when the centre has signed.
    """
    centre = _signing_centre(user)
    already = AlreadySigned(
        _("Your centre has already co-signed this opinion. Nothing was changed.")
    )
    try:
        with atomic_or_try_again():
            opinion = lock_opinion(opinion.pk)
            _check_signing_open(opinion)
            _check_version(opinion, expected_version)
            if _active_signature(opinion, centre) is not None:
                raise already
            signature = Signature.objects.create(
                opinion=opinion, centre=centre, signed_by=user
            )
            log(
                instance=opinion,
                action="consultations.sign",
                user=user,
                data={"centre_id": centre.pk, "centre": centre.name},
            )
            transaction.on_commit(_invalidate)
    except IntegrityError as error:
        # Only the partial unique index can fail here: another request won the race.
        raise already from error
    return signature


def withdraw_signature(
    opinion: OpinionPage,
    user,
    *,
    signature_id: int | None = None,
    expected_version: int | None = None,
) -> Signature:
    """Withdraw the centre's co-signature while signing is open; it stays on record."""
    centre = _signing_centre(user, withdrawing=True)
    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        _check_signing_open(opinion)
        _check_version(opinion, expected_version)
        signature = _active_signature(opinion, centre)
        if signature is None:
            raise SigningRefused(
                _("Your centre has not co-signed this opinion. Nothing was changed.")
            )
        if signature_id is not None and signature.pk != signature_id:
            raise StaleForm(
                _(
                    "The page was out of date: your centre's signature has changed. "
                    "Nothing was changed; please check and try again."
                )
            )
        signature.withdrawn_at = timezone.now()
        signature.withdrawn_by = user
        signature.save(update_fields=["withdrawn_at", "withdrawn_by"])
        log(
            instance=opinion,
            action="consultations.withdraw",
            user=user,
            data={"centre_id": centre.pk, "centre": centre.name},
        )
        transaction.on_commit(_invalidate)
    return signature


def _invalidate() -> None:
    from razem.cache import invalidate_pages

    invalidate_pages()
