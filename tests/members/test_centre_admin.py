"""The centres admin: filters, CSV/XLSX export, dues inline, eligibility rule."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from members.choices import CentreStatus
from members.models import Centre
from tests.factories.members import CentreFactory, DuesFactory, MunicipalityFactory

ADMIN = "/admin/members/centre/"


def centre_form_data(centre, **overrides):
    """A complete, valid admin form for this centre, with no dues rows."""
    data = {
        "name": centre.name,
        "kind": centre.kind,
        "municipality": centre.municipality_id,
        "status": centre.status,
        "street": centre.street,
        "postal_code": centre.postal_code,
        "city": centre.city,
        "email": centre.email,
        "director": centre.director,
        "eligibility_exception_reason": "",
        "dues-TOTAL_FORMS": "0",
        "dues-INITIAL_FORMS": "0",
        "dues-MIN_NUM_FORMS": "0",
        "dues-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def centres(db):
    year = timezone.localdate().year
    paid = CentreFactory(
        name="Ośrodek Opłacony",
        municipality=MunicipalityFactory(voivodeship="mazowieckie"),
    )
    DuesFactory(centre=paid, year=year, paid_on=timezone.localdate())
    unpaid = CentreFactory(
        name="Ośrodek Zalegający",
        municipality=MunicipalityFactory(voivodeship="łódzkie"),
    )
    DuesFactory(centre=unpaid, year=year, paid_on=None)
    return paid, unpaid


@pytest.mark.django_db
def test_filter_dues_unpaid_for_the_current_year(client, admin_user, centres):
    client.force_login(admin_user)
    html = client.get(ADMIN, {"dues_unpaid": "true"}).content.decode()
    assert "Ośrodek Zalegający" in html
    assert "Ośrodek Opłacony" not in html
    html = client.get(ADMIN, {"dues_unpaid": "false"}).content.decode()
    assert "Ośrodek Opłacony" in html
    assert "Ośrodek Zalegający" not in html


@pytest.mark.django_db
def test_filter_by_voivodeship_and_search(client, admin_user, centres):
    client.force_login(admin_user)
    html = client.get(ADMIN, {"municipality__voivodeship": "łódzkie"}).content.decode()
    assert "Ośrodek Zalegający" in html
    assert "Ośrodek Opłacony" not in html
    html = client.get(ADMIN, {"q": "Opłacony"}).content.decode()
    assert "Ośrodek Opłacony" in html
    assert "Ośrodek Zalegający" not in html


@pytest.mark.django_db
def test_csv_and_xlsx_export(client, admin_user, centres):
    client.force_login(admin_user)
    csv = client.get(ADMIN, {"export": "csv"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode("utf-8")
    assert "Ośrodek Opłacony" in text and "Ośrodek Zalegający" in text
    xlsx = client.get(ADMIN, {"export": "xlsx"})
    assert xlsx.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    names = [row[0] for row in workbook.active.iter_rows(values_only=True)]
    assert "Ośrodek Zalegający" in names


@pytest.mark.django_db
def test_admin_edit_refuses_ineligible_member_without_reason(client, admin_user):
    centre = CentreFactory(
        status=CentreStatus.APPLICANT,
        municipality=MunicipalityFactory(population=60_000),
    )
    client.force_login(admin_user)
    data = centre_form_data(centre, status=CentreStatus.MEMBER)
    response = client.post(f"{ADMIN}edit/{centre.pk}/", data)
    assert response.status_code == 200
    centre.refresh_from_db()
    assert centre.status == CentreStatus.APPLICANT
    data["eligibility_exception_reason"] = "Decyzja zarządu z 12 marca 2026 r."
    response = client.post(f"{ADMIN}edit/{centre.pk}/", data)
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.status == CentreStatus.MEMBER


@pytest.mark.django_db
def test_dues_are_edited_inline_and_unique_per_year(client, admin_user):
    centre = CentreFactory()
    client.force_login(admin_user)
    data = centre_form_data(centre)
    data.update({
        "dues-TOTAL_FORMS": "1",
        "dues-0-year": "2026",
        "dues-0-amount": "500.00",
        "dues-0-paid_on": "2026-03-15",
        "dues-0-id": "",
        "dues-0-ORDER": "0",
        "dues-0-DELETE": "",
    })  # fmt: skip
    response = client.post(f"{ADMIN}edit/{centre.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Centre.objects.get(pk=centre.pk).dues.get().year == 2026


@pytest.mark.django_db
def test_municipality_admin_lists_and_filters(client, admin_user):
    MunicipalityFactory(name="Wyśmierzyce", voivodeship="mazowieckie")
    MunicipalityFactory(name="Radomsko", voivodeship="łódzkie")
    client.force_login(admin_user)
    html = client.get(
        "/admin/members/municipality/", {"voivodeship": "łódzkie"}
    ).content.decode()
    assert "Radomsko" in html
    assert "Wyśmierzyce" not in html


@pytest.mark.django_db
def test_a_centre_with_records_is_not_deleted_but_explained(
    client, admin_user, home_page
):
    from conferences.services.registration import register_participants
    from tests.factories.conferences import make_conference, participant
    from tests.factories.members import representative

    centre = CentreFactory(name="Ośrodek z historią")
    register_participants(
        conference=make_conference(), centre=centre, user=representative(centre),
        participants=[participant(1)],
    )  # fmt: skip
    client.force_login(admin_user)
    response = client.post(f"{ADMIN}delete/{centre.pk}/", follow=True)
    assert response.status_code == 200
    assert Centre.objects.filter(pk=centre.pk).exists()
    assert "nie można usunąć" in response.content.decode().lower()
    empty = CentreFactory(name="Ośrodek bez historii")
    client.post(f"{ADMIN}delete/{empty.pk}/")
    assert not Centre.objects.filter(pk=empty.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("record", ["dues", "membership"])
def test_a_centre_with_dues_or_people_is_not_deleted_but_explained(
    client, admin_user, record
):
    centre = CentreFactory(name="Ośrodek ze składkami")
    if record == "dues":
        DuesFactory(centre=centre, year=2025)
    else:
        from tests.factories.members import centre_staff

        centre_staff(centre)
    client.force_login(admin_user)
    edit = client.get(f"{ADMIN}edit/{centre.pk}/").content.decode()
    assert f"{ADMIN}delete/{centre.pk}/" not in edit
    # The confirmation is never shown: the office is told why and what to do.
    response = client.get(f"{ADMIN}delete/{centre.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"{ADMIN}edit/{centre.pk}/"
    html = response.content.decode()
    assert "nie można usunąć" in html and "były członek" in html
    assert ("składki" if record == "dues" else "osoby ośrodka") in html
    response = client.post(f"{ADMIN}delete/{centre.pk}/", follow=True)
    assert "nie można usunąć" in response.content.decode()
    assert Centre.objects.get(pk=centre.pk).dues.count() == (record == "dues")


@pytest.mark.django_db
def test_every_relation_keeps_a_centre_with_records_and_no_bulk_delete(
    client, admin_user, home_page
):
    from django.db.models import ProtectedError

    from tests.factories.consultations import SignatureFactory, opinion_page

    centre = CentreFactory()
    SignatureFactory(centre=centre, opinion=opinion_page(home_page))
    assert centre.records_kept() == ["współpodpisy"]
    with pytest.raises(ProtectedError):
        centre.delete()
    with_dues = CentreFactory()
    DuesFactory(centre=with_dues)
    with pytest.raises(ProtectedError):
        Centre.objects.filter(pk=with_dues.pk).delete()
    empty = CentreFactory()
    assert empty.records_kept() == []
    client.force_login(admin_user)
    edit = client.get(f"{ADMIN}edit/{empty.pk}/").content.decode()
    assert f"{ADMIN}delete/{empty.pk}/" in edit
    # The centres' listing has no bulk actions (a ModelViewSet has none).
    response = client.get(
        f"/admin/bulk/members/centre/delete/?id={centre.pk}&id={with_dues.pk}"
    )
    assert response.status_code == 404
    assert Centre.objects.filter(pk__in=[centre.pk, with_dues.pk]).count() == 2
