"""The letter: HTML rendered to PDF with the letterhead, body and co-signers' annex."""

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Site

from razem.models import AssociationSettings
from razem.pdf import html_to_pdf

from ..choices import OpinionState
from ..exceptions import TransitionRefused
from ..models import OpinionPage, Signature
from .locking import atomic_or_try_again, lock_opinion


def signatories(opinion: OpinionPage):
    """Active co-signatures with centre and gmina, ordered by voivodeship and name."""
    return (
        Signature.objects.active()
        .filter(opinion=opinion)
        .select_related("centre__municipality", "signed_by")
        .order_by("centre__municipality__voivodeship", "centre__name", "centre_id")
    )


def _association(opinion: OpinionPage) -> AssociationSettings:
    site = opinion.get_site() or Site.objects.filter(is_default_site=True).first()
    return AssociationSettings.for_site(site)


def render_letter_html(opinion: OpinionPage) -> str:
    """The letter as an HTML document for the PDF renderer (always in Polish)."""
    signatures = list(signatories(opinion))
    with translation.override("pl"):
        return render_to_string(
            "consultations/letter.html",
            {
                "opinion": opinion,
                "association": _association(opinion),
                "letter_date": opinion.letter_date or timezone.localdate(),
                "signatures": signatures,
                "signature_count": len(signatures),
            },
        )


def build_letter_pdf(opinion: OpinionPage) -> bytes:
    """Render the letter with its annex to PDF bytes."""
    return html_to_pdf(render_letter_html(opinion))


def store_letter(opinion: OpinionPage) -> None:
    """Generate the PDF, store it on the opinion (not saved yet) with its SHA-256."""
    pdf = build_letter_pdf(opinion)
    name = f"pismo-{opinion.pk}-{secrets.token_hex(6)}.pdf"
    opinion.letter_pdf.save(name, ContentFile(pdf), save=False)
    opinion.letter_sha256 = hashlib.sha256(pdf).hexdigest()
    opinion.letter_generated_at = timezone.now()


def regenerate_letter(opinion: OpinionPage, user) -> OpinionPage:
    """Generate the letter again (after a correction); only before it is sent."""
    from .transitions import check_manager

    with atomic_or_try_again():
        opinion = lock_opinion(opinion.pk)
        check_manager(user, opinion)
        if opinion.state != OpinionState.CLOSED:
            raise TransitionRefused(
                _(
                    "The letter can be generated again only after closing and before sending."
                )
            )
        old_hash = opinion.letter_sha256
        store_letter(opinion)
        opinion.save(
            update_fields=["letter_pdf", "letter_sha256", "letter_generated_at"],
            clean=False,
        )
        log(
            instance=opinion,
            action="consultations.letter",
            user=user,
            data={"old_sha256": old_hash, "sha256": opinion.letter_sha256},
        )
    return opinion
