"""The signatories export through razem.exports: formulas as text, typed cells,
Polish order of voivodeships and centres."""

import csv
import io

import pytest
from openpyxl import load_workbook

from consultations import services
from consultations.choices import OpinionState
from tests.factories.members import CentreFactory, MunicipalityFactory, representative

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


def _centre(name, voivodeship="łódzkie"):
    return CentreFactory(
        name=name, municipality=MunicipalityFactory(voivodeship=voivodeship)
    )


@pytest.fixture
def opinion(make_opinion):
    """Signed by centres whose names need Polish order, one of them a formula."""
    opinion = make_opinion(state=OpinionState.OPEN)
    for centre in (
        _centre("Żyrardów OPS"),
        _centre("Łask OPS"),
        _centre("Lubartów OPS", voivodeship="lubelskie"),
        _centre("Ćmielów OPS"),
        _centre('=HYPERLINK("http://zlo.example","x")'),
        _centre("@SUM(A1:A2)"),
    ):
        services.sign_opinion(opinion, representative(centre))
    return opinion


def test_signatories_csv_neutralises_formulas_in_centre_names(
    client, opinion, admin_user
):
    client.force_login(admin_user)
    body = client.get(f"/admin/opinie/{opinion.pk}/podpisy.csv").content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://zlo.example","x")' in names
    assert "'@SUM(A1:A2)" in names


def test_signatories_xlsx_has_text_names_numbers_and_dates(client, opinion, admin_user):
    client.force_login(admin_user)
    content = client.get(f"/admin/opinie/{opinion.pk}/podpisy.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=2))
    names = {row[1].value: row[1] for row in rows}
    formula = names['=HYPERLINK("http://zlo.example","x")']
    assert formula.data_type == "s"
    assert [row[0].value for row in rows] == list(range(1, 7))
    assert {row[0].data_type for row in rows} == {"n"}
    assert all(row[6].is_date for row in rows)
    assert sheet.freeze_panes == "A2"


def test_signatories_are_in_polish_order_by_voivodeship_then_name(
    client, opinion, admin_user
):
    client.force_login(admin_user)
    body = client.get(f"/admin/opinie/{opinion.pk}/podpisy.csv").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    # lubelskie before łódzkie; within łódzkie by letters, punctuation ignored
    assert names == [
        "Lubartów OPS",
        "Ćmielów OPS",
        '\'=HYPERLINK("http://zlo.example","x")',
        "Łask OPS",
        "'@SUM(A1:A2)",
        "Żyrardów OPS",
    ]
