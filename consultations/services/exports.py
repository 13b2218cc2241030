"""Signatories of an opinion as CSV (UTF-8 with BOM, for Excel) and XLSX."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import OpinionPage
from .letters import signatories


def signatory_rows(opinion: OpinionPage) -> list[list[str]]:
    """A header and one row per active co-signature."""
    rows = [
        [
            _("No."),
            _("Centre"),
            _("Municipality"),
            _("TERYT code"),
            _("Voivodeship"),
            _("Signed by"),
            _("Signed at"),
        ]
    ]
    for number, signature in enumerate(signatories(opinion), start=1):
        centre = signature.centre
        signer = signature.signed_by
        rows.append(
            [
                str(number),
                centre.name,
                centre.municipality.name,
                centre.municipality.teryt,
                centre.municipality.voivodeship,
                (signer.get_full_name() or signer.email) if signer else "",
                timezone.localtime(signature.signed_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in text cells."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def signatories_csv(opinion: OpinionPage) -> bytes:
    """The signatories as CSV with a UTF-8 BOM so that Excel reads Polish letters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in signatory_rows(opinion):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def signatories_xlsx(opinion: OpinionPage) -> bytes:
    """The signatories as an Excel workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Co-signatories")[:31]
    for row in signatory_rows(opinion):
        sheet.append([_safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
