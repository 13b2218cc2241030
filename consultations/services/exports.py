"""Signatories of an opinion as CSV and XLSX, through `razem.exports`.

One row per active co-signature, by voivodeship and centre name in Polish order;
the number as a number, the moment of signing as a local date-time cell; the TERYT
code stays text (its leading zeros matter).
"""

from django.utils.translation import gettext as _

from razem import exports
from razem.exports import DATETIME, INTEGER, Column, Table

from ..models import OpinionPage
from .letters import signatories


def _signer(signature) -> str:
    signer = signature.signed_by
    return (signer.get_full_name() or signer.email) if signer else ""


def signatories_table(opinion: OpinionPage) -> Table:
    """The co-signatures as an export table, numbered in their Polish order."""
    rows = exports.sorted_polish(
        signatories(opinion),
        lambda s: s.centre.municipality.voivodeship,
        lambda s: s.centre.name,
    )
    numbered = list(enumerate(rows, start=1))
    columns = [
        Column(_("No."), lambda item: item[0], INTEGER, width=6),
        Column(_("Centre"), lambda item: item[1].centre.name, width=48),
        Column(_("Municipality"), lambda item: item[1].centre.municipality.name),
        Column(
            _("TERYT code"), lambda item: item[1].centre.municipality.teryt, width=12
        ),
        Column(_("Voivodeship"), lambda item: item[1].centre.municipality.voivodeship),
        Column(_("Signed by"), lambda item: _signer(item[1])),
        Column(_("Signed at"), lambda item: item[1].signed_at, DATETIME),
    ]
    return Table(title=_("Co-signatories"), columns=columns, rows=numbered)


def signatories_csv(opinion: OpinionPage) -> bytes:
    """The signatories as CSV bytes (UTF-8 with BOM, `;`), for the console's download."""
    return "".join(exports.csv_lines(signatories_table(opinion))).encode("utf-8")


def signatories_xlsx(opinion: OpinionPage) -> bytes:
    """The signatories as the bytes of an XLSX workbook."""
    with exports.xlsx_file(signatories_table(opinion)) as handle:
        return handle.read()
