"""The registrations export: neutralised formulas, typed cells, Polish order, fees."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conferences.services.registration import register_participants
from tests.factories.conferences import make_conference, participant

pytestmark = pytest.mark.django_db

ATTACKS = ['=HYPERLINK("http://zlo.example","Faktura")', "=1+2", "@SUM(A1:A3)"]


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def full_conference(home_page, centre, rep):
    """Three places, four people: Ćwik (the last) waits; the remarks are formulas."""
    conference = make_conference(capacity=3)
    people = [
        participant(1, last_name="Żak", first_name="Ewa", remarks=ATTACKS[0]),
        participant(2, last_name="Łoś", first_name="Jan", remarks=ATTACKS[1]),
        participant(3, last_name="Lis", first_name="Ola", remarks=ATTACKS[2]),
        participant(4, last_name="Ćwik", first_name="Ida", position="-1+1"),
    ]
    register_participants(
        conference=conference, centre=centre, user=rep, participants=people
    )
    return conference


def _csv(client, conference):
    response = client.get(f"/admin/konferencje/{conference.pk}/eksport.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _xlsx(client, conference):
    response = client.get(f"/admin/konferencje/{conference.pk}/eksport.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return response, sheet


def test_csv_export_neutralises_formulas_typed_by_a_centre(
    client, full_conference, staff_user
):
    client.force_login(staff_user)
    _response, rows = _csv(client, full_conference)
    remarks = rows[0].index("Uwagi")
    position = rows[0].index("Stanowisko")
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Żak"][remarks] == "'" + ATTACKS[0]
    assert by_name["Łoś"][remarks] == "'=1+2"
    assert by_name["Lis"][remarks] == "'@SUM(A1:A3)"
    assert by_name["Ćwik"][position] == "'-1+1"


def test_xlsx_export_writes_formulas_as_text_and_numbers_as_numbers(
    client, full_conference, staff_user
):
    client.force_login(staff_user)
    _response, sheet = _xlsx(client, full_conference)
    header = [c.value for c in sheet[1]]
    remarks = header.index("Uwagi") + 1
    cells = {row[1].value: row for row in sheet.iter_rows(min_row=2) if row[1].value}
    for name, text in zip(["Żak", "Łoś", "Lis"], ATTACKS, strict=True):
        cell = cells[name][remarks - 1]
        assert cell.value == text
        assert cell.data_type == "s"
    first = cells["Lis"]
    assert first[0].data_type == "n"  # ID
    fee = first[header.index("Cena miejsca (zł)")]
    assert fee.data_type == "n" and fee.value == 300
    registered = first[header.index("Data zgłoszenia")]
    assert registered.is_date
    assert sheet.freeze_panes == "A2"
    # 17 columns: without the needs (this staff user lacks the special category).
    assert sheet.auto_filter.ref == "A1:Q5"


def test_exports_sort_names_in_polish_order(client, full_conference, staff_user):
    client.force_login(staff_user)
    _response, rows = _csv(client, full_conference)
    assert [row[1] for row in rows[1:]] == ["Ćwik", "Lis", "Łoś", "Żak"]
    _response, sheet = _xlsx(client, full_conference)
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Ćwik", "Lis", "Łoś", "Żak"]


def test_exports_show_translated_statuses_and_no_fee_for_the_waiting(
    client, full_conference, staff_user
):
    client.force_login(staff_user)
    _response, rows = _csv(client, full_conference)
    status = rows[0].index("Status")
    owed = rows[0].index("Do zapłaty (zł)")
    price = rows[0].index("Cena miejsca (zł)")
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ćwik"][status] == "lista oczekujących"
    assert by_name["Łoś"][status] == "potwierdzone"
    assert {row[status] for row in rows[1:]} <= {"lista oczekujących", "potwierdzone"}
    assert by_name["Ćwik"][owed] == "0,00"
    assert by_name["Ćwik"][price] == "300,00"
    assert by_name["Łoś"][owed] == "300,00"
    _response, sheet = _xlsx(client, full_conference)
    header = [c.value for c in sheet[1]]
    values = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(values["Ćwik"][header.index("Do zapłaty (zł)")])) == 0


def test_export_downloads_have_an_rfc6266_filename(client, full_conference, staff_user):
    client.force_login(staff_user)
    response, _rows = _csv(client, full_conference)
    slug = full_conference.slug
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slug}-rejestracje.csv"; '
        f"filename*=UTF-8''{slug}-rejestracje.csv"
    )
    response, _sheet = _xlsx(client, full_conference)
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{slug}-rejestracje.xlsx"'
    )


def test_the_registrations_listing_export_goes_through_the_same_module(
    client, full_conference, staff_user
):
    client.force_login(staff_user)
    response = client.get("/admin/registrations/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["ID", "Konferencja", "Nazwisko"]
    remarks, status = header.index("Uwagi"), header.index("Status")
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Łoś"][remarks] == "'=1+2"
    assert by_name["Ćwik"][status] == "lista oczekujących"
    assert [row[2] for row in rows[1:]] == ["Ćwik", "Lis", "Łoś", "Żak"]
    response = client.get("/admin/registrations/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(
        row[header.index("Uwagi")]
        for row in sheet.iter_rows(min_row=2)
        if row[2].value == "Łoś"
    )
    assert cell.value == "=1+2" and cell.data_type == "s"
