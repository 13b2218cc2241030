"""The reason for admitting a centre over the population limit: required (at least
20 characters) only over the limit, refused or ignored within it, on every path."""

import pytest
from django.core.exceptions import ValidationError

from members.choices import ApplicationStatus, CentreStatus
from members.exceptions import EligibilityReasonRequired
from members.models import Centre
from members.services import admit_centre
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    MunicipalityFactory,
)
from tests.members.test_admin_forms import CENTRES, centre_data, field_errors

APPLICATIONS = "/admin/members/application/"
REASON = "Uchwała zarządu nr 4/2026 z 12 marca"
SHORT = "Decyzja zarządu"  # 15 characters


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_the_acceptance_asks_for_no_reason_within_the_limit_and_ignores_one(
    staff_client,
):
    application = ApplicationFactory(municipality=MunicipalityFactory(population=7000))
    page = staff_client.get(f"{APPLICATIONS}accept/{application.pk}/")
    assert 'name="exception_reason"' not in page.content.decode()
    response = staff_client.post(
        f"{APPLICATIONS}accept/{application.pk}/", {"exception_reason": REASON}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decision_reason == ""
    assert application.centre.eligibility_exception_reason == ""


@pytest.mark.django_db
def test_the_acceptance_over_the_limit_needs_a_reason_of_20_characters(staff_client):
    application = ApplicationFactory(
        municipality=MunicipalityFactory(population=58_766)
    )
    url = f"{APPLICATIONS}accept/{application.pk}/"
    assert 'name="exception_reason"' in staff_client.get(url).content.decode()
    for typed in ("", "   ", SHORT, f"  {SHORT}     "):
        response = staff_client.post(url, {"exception_reason": typed})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="id_exception_reason_error"' in html
        if typed.strip():
            assert "co najmniej 20 znaków (teraz 15)" in html
        application.refresh_from_db()
        assert application.status == ApplicationStatus.PENDING
        assert not Centre.objects.exists()
    assert staff_client.post(url, {"exception_reason": REASON}).status_code == 302
    application.refresh_from_db()
    assert application.decision_reason == REASON
    assert application.centre.eligibility_exception_reason == REASON


@pytest.mark.django_db
def test_the_admission_service_holds_the_same_rule(admin_user):
    big = CentreFactory(
        status=CentreStatus.APPLICANT,
        municipality=MunicipalityFactory(population=60_000),
    )
    with pytest.raises(EligibilityReasonRequired) as error:
        admit_centre(big, user=admin_user, exception_reason=SHORT)
    assert "co najmniej 20 znaków" in str(error.value.message)
    big.refresh_from_db()
    assert big.status == CentreStatus.APPLICANT
    small = CentreFactory(status=CentreStatus.APPLICANT)
    admit_centre(small, user=admin_user, exception_reason=REASON)
    small.refresh_from_db()
    assert small.status == CentreStatus.MEMBER
    assert small.eligibility_exception_reason == ""


@pytest.mark.django_db
def test_the_centre_admin_says_it_beside_the_field(staff_client):
    # Over the limit: too short.
    data = centre_data(
        MunicipalityFactory(population=80_000), eligibility_exception_reason=SHORT
    )
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert "co najmniej 20 znaków" in errors["eligibility_exception_reason"]
    # Within the limit: none is needed.
    data = centre_data(MunicipalityFactory(), eligibility_exception_reason=REASON)
    errors = field_errors(staff_client.post(f"{CENTRES}new/", data))
    assert "nie jest potrzebne" in errors["eligibility_exception_reason"]
    assert not Centre.objects.exists()
    # A reason kept from before a census (the gmina now within the limit) stays
    # and does not block editing the centre.
    kept = CentreFactory(eligibility_exception_reason="x")
    data = centre_data(
        kept.municipality, name="Nowa nazwa", eligibility_exception_reason="x"
    )
    assert staff_client.post(f"{CENTRES}edit/{kept.pk}/", data).status_code == 302
    kept.refresh_from_db()
    assert kept.name == "Nowa nazwa" and kept.eligibility_exception_reason == "x"


@pytest.mark.django_db
def test_the_model_holds_the_rule_for_every_writer():
    centre = CentreFactory.build(
        municipality=MunicipalityFactory(population=50_001),
        eligibility_exception_reason=SHORT,
    )
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert (
        "co najmniej 20" in error.value.message_dict["eligibility_exception_reason"][0]
    )
    centre.eligibility_exception_reason = REASON
    centre.full_clean()
    within = CentreFactory.build(
        municipality=MunicipalityFactory(), eligibility_exception_reason=REASON
    )
    with pytest.raises(ValidationError):
        within.full_clean()
