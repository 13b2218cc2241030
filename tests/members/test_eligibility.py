"""Eligibility: at most RAZEM_MAX_POPULATION residents (the limit itself is fine)."""

import pytest
from django.core.exceptions import ValidationError

from members.choices import CentreStatus
from members.exceptions import EligibilityReasonRequired
from members.services import admit_centre, check_eligibility
from tests.factories.members import CentreFactory, MunicipalityFactory


@pytest.mark.django_db
def test_exactly_50000_residents_is_eligible():
    verdict = check_eligibility(MunicipalityFactory(population=50_000))
    assert verdict.eligible
    assert "50\xa0000" in verdict.message or "50 000" in verdict.message


@pytest.mark.django_db
def test_50001_residents_is_not_eligible_and_says_why():
    verdict = check_eligibility(MunicipalityFactory(name="Duże", population=50_001))
    assert not verdict.eligible
    assert verdict.population == 50_001
    assert verdict.limit == 50_000
    assert "Duże" in verdict.message


@pytest.mark.django_db
def test_limit_is_read_from_settings_at_call_time(settings):
    municipality = MunicipalityFactory(population=60_000)
    assert not check_eligibility(municipality).eligible
    settings.RAZEM_MAX_POPULATION = 60_000
    assert check_eligibility(municipality).eligible
    assert municipality.is_eligible
    settings.RAZEM_MAX_POPULATION = 59_999
    assert not check_eligibility(municipality).eligible


@pytest.mark.django_db
def test_admitting_an_ineligible_centre_needs_a_reason(admin_user):
    centre = CentreFactory(
        status=CentreStatus.APPLICANT,
        municipality=MunicipalityFactory(population=58_766),
    )
    with pytest.raises(EligibilityReasonRequired):
        admit_centre(centre, user=admin_user, exception_reason="   ")
    centre.refresh_from_db()
    assert centre.status == CentreStatus.APPLICANT

    admit_centre(centre, user=admin_user, exception_reason="Uchwała zarządu nr 3/2026")
    centre.refresh_from_db()
    assert centre.status == CentreStatus.MEMBER
    assert centre.eligibility_exception_reason == "Uchwała zarządu nr 3/2026"
    assert centre.joined_on is not None


@pytest.mark.django_db
def test_admitting_an_eligible_centre_needs_no_reason(admin_user):
    centre = CentreFactory(status=CentreStatus.APPLICANT)
    admit_centre(centre, user=admin_user)
    centre.refresh_from_db()
    assert centre.status == CentreStatus.MEMBER
    assert centre.eligibility_exception_reason == ""


@pytest.mark.django_db
def test_model_validation_refuses_ineligible_member_without_reason():
    centre = CentreFactory.build(
        municipality=MunicipalityFactory(population=50_001),
        status=CentreStatus.MEMBER,
    )
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "eligibility_exception_reason" in error.value.message_dict
    centre.eligibility_exception_reason = "Decyzja walnego zebrania"
    centre.full_clean()
