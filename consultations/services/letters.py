"""The letter: HTML rendered to PDF with the letterhead, body and co-signers' annex.

The letter gets its own reference number (RAZEM/<year>/<n>) when signing closes,
under a lock on the year's counter and inside the closing transaction, so numbers
have no gaps. The text it was generated from is stored beside it (`frozen_content`).
"""

import hashlib
import io
import secrets
from collections import Counter
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from razem.exports import sorted_polish
from razem.models import AssociationSettings
from razem.pdf import html_to_pdf

from ..choices import OpinionState
from ..exceptions import TransitionRefused
from ..models import LetterCounter, OpinionPage, Signature
from .locking import atomic_or_try_again, lock_opinion


def signatories(opinion: OpinionPage):
    """Active co-signatures with centre and gmina (the query; its order is the
    database's, see `ordered_signatories` for the order people read)."""
    return (
        Signature.objects.active()
        .filter(opinion=opinion)
        .select_related("centre__municipality", "signed_by")
        .order_by("centre__municipality__voivodeship", "centre__name", "centre_id")
    )


def ordered_signatories(opinion: OpinionPage) -> list:
    """The co-signatures as every list shows them (page, annex, e-mail, console):
    by voivodeship and centre name in Polish order (Ć after C, Ł after L, Ż last),
    each with `municipality_label`, the gmina with its kind (in the active language).
    """
    signatures = sorted_polish(
        signatories(opinion),
        lambda s: s.centre.municipality.voivodeship,
        lambda s: s.centre.name,
    )
    labels = municipality_labels(signatures)
    for signature in signatures:
        signature.municipality_label = labels[signature.pk]
    return signatures


class LazySignatories:
    """`ordered_signatories`, computed only when a template reads it (the page's
    list sits in a fragment cache: a hit costs no query)."""

    def __init__(self, opinion: OpinionPage):
        self._opinion = opinion
        self._rows = None

    def _get(self) -> list:
        if self._rows is None:
            self._rows = ordered_signatories(self._opinion)
        return self._rows

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())

    def __bool__(self):
        return bool(self._get())

    def __getitem__(self, index):
        return self._get()[index]


def municipality_labels(signatures) -> dict[int, str]:
    """The gmina as the lists name it, by signature: its kind always, its powiat
    where two listed gminy share both name and kind."""
    municipalities = [s.centre.municipality for s in signatures]
    clashes = Counter((m.name, m.kind) for m in municipalities)
    labels = {}
    for signature, municipality in zip(signatures, municipalities, strict=True):
        values = {
            "name": municipality.name,
            "kind": municipality.get_kind_display(),
            "powiat": municipality.powiat,
        }
        if clashes[(municipality.name, municipality.kind)] > 1:
            label = gettext("%(name)s (gmina %(kind)s, powiat %(powiat)s)") % values
        else:
            label = gettext("%(name)s (gmina %(kind)s)") % values
        labels[signature.pk] = label
    return labels


class _TopLevelBlocks(HTMLParser):
    """Finds where the last top-level element of a rich-text body starts."""

    VOID = {"br", "hr", "img", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.last_start = None

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.last_start = self.getpos()
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)


def split_last_block(html: str) -> tuple[str, str]:
    """(everything before the last paragraph, the last paragraph) of a body."""
    parser = _TopLevelBlocks()
    parser.feed(html)
    parser.close()
    if parser.last_start is None:
        return "", html
    line, column = parser.last_start
    lines = html.splitlines(keepends=True)
    offset = sum(len(text) for text in lines[: line - 1]) + column
    return html[:offset], html[offset:]


def _association(opinion: OpinionPage) -> AssociationSettings:
    site = opinion.get_site() or Site.objects.filter(is_default_site=True).first()
    return AssociationSettings.for_site(site)


def render_letter_html(opinion: OpinionPage) -> str:
    """The letter as an HTML document for the PDF renderer (always in Polish)."""
    body_head, last_paragraph = split_last_block(expand_db_html(str(opinion.body)))
    with translation.override("pl"):
        signatures = ordered_signatories(opinion)
        return render_to_string(
            "consultations/letter.html",
            {
                "opinion": opinion,
                "association": _association(opinion),
                "letter_date": opinion.letter_date or timezone.localdate(),
                "letter_number": opinion.letter_number,
                "body_head": mark_safe(body_head),  # noqa: S308 (editor's rich text)
                "last_paragraph": mark_safe(last_paragraph),  # noqa: S308
                "signatures": signatures,
                "signature_count": len(signatures),
            },
        )


def build_letter_pdf(opinion: OpinionPage) -> bytes:
    """Render the letter with its annex to PDF bytes."""
    return html_to_pdf(render_letter_html(opinion))


def assign_number(opinion: OpinionPage) -> None:
    """Give the letter the next number of its year (kept when generated again).

    Needs the caller's transaction: the year's counter row stays locked until it
    ends, so concurrent closings queue and a failed one gives its number back.
    """
    if opinion.letter_sequence is not None:
        return
    year = (opinion.letter_date or timezone.localdate()).year
    LetterCounter.objects.get_or_create(year=year)
    counter = LetterCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    opinion.letter_year, opinion.letter_sequence = year, counter.last


def store_letter(opinion: OpinionPage) -> None:
    """Generate the PDF, store it on the opinion (not saved yet) with its SHA-256,
    and the snapshot of the text it was generated from."""
    pdf = build_letter_pdf(opinion)
    name = f"pismo-{opinion.pk}-{secrets.token_hex(6)}.pdf"
    opinion.letter_pdf.save(name, ContentFile(pdf), save=False)
    opinion.letter_sha256 = hashlib.sha256(pdf).hexdigest()
    opinion.letter_generated_at = timezone.now()
    opinion.frozen_content = opinion.letter_snapshot()


LETTER_FIELDS_SAVED = [
    "letter_pdf",
    "letter_sha256",
    "letter_generated_at",
    "frozen_content",
    "letter_year",
    "letter_sequence",
]


def regenerate_letter(opinion: OpinionPage, user) -> OpinionPage:
    """Generate the letter again before it is sent (after the association's details
    changed); the text, frozen at closing, and the number stay the same."""
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
        assign_number(opinion)
        store_letter(opinion)
        opinion.save(update_fields=LETTER_FIELDS_SAVED, clean=False)
        log(
            instance=opinion,
            action="consultations.letter",
            user=user,
            data={"old_sha256": old_hash, "sha256": opinion.letter_sha256},
        )
    return opinion


def render_errata_html(opinion: OpinionPage, errata) -> str:
    """The errata pages that follow the letter in its pack (always in Polish)."""
    with translation.override("pl"):
        return render_to_string(
            "consultations/pdf/errata.html",
            {
                "opinion": opinion,
                "association": _association(opinion),
                "errata": errata,
            },
        )


def letter_pack(opinion: OpinionPage) -> bytes:
    """The stored letter, byte for byte its pages, followed by its dated errata."""
    from pypdf import PdfReader, PdfWriter

    errata = list(opinion.errata.order_by("dated", "pk"))
    with opinion.letter_pdf.open("rb") as stored:
        letter = stored.read()
    if not errata:
        return letter
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(letter)))
    writer.append(
        PdfReader(io.BytesIO(html_to_pdf(render_errata_html(opinion, errata))))
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
