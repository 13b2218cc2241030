"""The portal's one export module: a table of typed columns written as XLSX or CSV.

Feature apps describe what they export (`Column`: header, value, type) and hand
the rows over; this module knows no feature app. Whatever a centre typed is written
so that it cannot attack the person who opens the file:

- text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
  `@`, a tab or a carriage return, also after leading spaces) is written as text:
  in CSV prefixed with an apostrophe, in XLSX as a string cell, never a formula;
- numbers and dates are typed cells (dates and times in local time, Europe/Warsaw,
  with a number format), so nobody has to parse them back from text;
- CSV is UTF-8 with a BOM and `;` between fields, as Polish Excel expects;
- XLSX has a frozen, filterable header row and column widths, and is written in
  openpyxl's write-only mode, so a 5,000-row export stays small in memory.

Rows sorted by a name use `polish_sort_key` (Ć after C, Ł after L, Ż last), the
same on SQLite and PostgreSQL. Downloads carry an RFC 6266 `Content-Disposition`
with an ASCII fallback name.
"""

import csv
import datetime
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

TEXT = "text"
INTEGER = "integer"
DECIMAL = "decimal"
DATE = "date"
DATETIME = "datetime"
KINDS = (TEXT, INTEGER, DECIMAL, DATE, DATETIME)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS = {
    INTEGER: "0",
    DECIMAL: "#,##0.00",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}
# Widths (in characters) when a column does not say.
DEFAULT_WIDTHS = {TEXT: 24, INTEGER: 8, DECIMAL: 12, DATE: 12, DATETIME: 17}


@dataclass(frozen=True)
class Column:
    """One column: its header, how to read the value from a row, and its type.

    `value(row)` returns a str (or None) for TEXT, an int for INTEGER, a Decimal or
    number for DECIMAL, a date for DATE and an aware datetime for DATETIME.
    """

    header: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.header}: unknown column kind {self.kind!r}")

    @property
    def excel_width(self) -> int:
        """The column's width in characters."""
        return self.width or DEFAULT_WIDTHS[self.kind]


@dataclass
class Table:
    """What one export holds: a sheet title, the columns and the rows (any objects)."""

    title: str
    columns: list[Column]
    rows: Iterable[Any] = field(default_factory=list)

    def values(self) -> Iterator[list]:
        """Each row as its typed values, column by column."""
        for row in self.rows:
            yield [column.value(row) for column in self.columns]


# Polish collation: the alphabet's own order, case ignored first, then the text
# itself to keep the order stable. Letters outside it fall back to their base letter.
POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: rank for rank, letter in enumerate(POLISH_ALPHABET)}


def _letter_rank(char: str) -> tuple[int, int]:
    if char in _RANK:
        return (1, _RANK[char])
    if char.isdigit():
        return (0, int(char) if char.isascii() else ord(char))
    base = unicodedata.normalize("NFD", char)[0]
    if base in _RANK:
        return (1, _RANK[base])
    return (2, ord(char))


def polish_sort_key(text: str | None) -> tuple:
    """A sort key that orders text as a Polish dictionary does.

    Ć follows C, Ł follows L, Ż comes last; case and punctuation matter only when
    the letters are equal. The same result on every database.
    """
    text = text or ""
    letters = tuple(_letter_rank(char) for char in text.casefold() if char.isalnum())
    return (letters, text.casefold(), text)


def sorted_polish(rows: Iterable[Any], *keys: Callable[[Any], str]) -> list:
    """The rows sorted by the given text keys (e.g. last name, then first name)."""
    return sorted(rows, key=lambda row: tuple(polish_sort_key(k(row)) for k in keys))


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula."""
    if not text:
        return False
    if text[0] in ("\t", "\r"):
        return True
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Text that cannot run as a formula in CSV: an apostrophe before a risky start."""
    return "'" + text if is_formula_like(text) else text


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, microsecond=0)


def _csv_value(kind: str, value) -> str:
    if value is None or value == "":
        return ""
    if kind == TEXT:
        return neutralise(str(value))
    if kind == INTEGER:
        return str(int(value))
    if kind == DECIMAL:
        return f"{Decimal(value):.2f}".replace(".", ",")
    if kind == DATE:
        return value.strftime("%Y-%m-%d")
    return _local_naive(value).strftime("%Y-%m-%d %H:%M")


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(table: Table) -> Iterator[str]:
    """The table as CSV text: BOM, header, one line per row (UTF-8, `;`)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield BOM
    yield writer.writerow([neutralise(c.header) for c in table.columns])
    kinds = [c.kind for c in table.columns]
    for values in table.values():
        yield writer.writerow(
            [_csv_value(kind, value) for kind, value in zip(kinds, values, strict=True)]
        )


def _xlsx_cell(sheet, kind: str, value):
    from openpyxl.cell import WriteOnlyCell

    if value is None or value == "":
        return None
    if kind == TEXT:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.data_type = "s"  # a string, even when it starts with "="
        return cell
    if kind == DATETIME:
        value = _local_naive(value)
    elif kind == DECIMAL:
        value = Decimal(value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = NUMBER_FORMATS[kind]
    return cell


def _header_cell(sheet, text: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=str(text))
    cell.data_type = "s"
    cell.font = Font(bold=True)
    return cell


def xlsx_file(table: Table):
    """A temporary file holding the workbook, positioned at its start.

    Write-only: rows go to disk as they are produced. The header row is frozen
    and carries an autofilter over every row written.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(table.title))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.excel_width
    sheet.append([_header_cell(sheet, c.header) for c in table.columns])
    kinds = [c.kind for c in table.columns]
    count = 1
    for values in table.values():
        sheet.append(
            [
                _xlsx_cell(sheet, kind, value)
                for kind, value in zip(kinds, values, strict=True)
            ]
        )
        count += 1
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{count}"
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in sheet names and more than 31 of them.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "Eksport"


def ascii_filename(filename: str) -> str:
    """An ASCII stand-in for a file name ("Łódź rejestracje.csv" -> "lodz-rejestracje.csv")."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    stem = unicodedata.normalize("NFKD", stem.replace("ł", "l").replace("Ł", "L"))
    stem = slugify(stem.encode("ascii", "ignore").decode("ascii")) or "eksport"
    extension = slugify(extension)
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename: str) -> str:
    """An RFC 6266 attachment header: an ASCII name, then the UTF-8 one."""
    fallback = ascii_filename(filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def csv_response(table: Table, filename: str) -> StreamingHttpResponse:
    """A streamed CSV download of the table."""
    response = StreamingHttpResponse(csv_lines(table), content_type=CSV_MIMETYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def xlsx_response(table: Table, filename: str) -> FileResponse:
    """An XLSX download of the table, sent from a temporary file."""
    response = FileResponse(xlsx_file(table), content_type=XLSX_MIMETYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response
