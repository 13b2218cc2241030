"""A centre's join date ("member since") is never in the future, on every path."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.choices import CentreStatus
from members.models import Centre
from members.services import accept_application
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    MunicipalityFactory,
)
from tests.members.test_admin_forms import CENTRES, centre_data, field_errors

MESSAGE = "Data przystąpienia nie może być z przyszłości."


@pytest.mark.django_db
def test_the_model_refuses_a_join_date_in_the_future():
    centre = CentreFactory.build(
        municipality=MunicipalityFactory(),
        joined_on=timezone.localdate() + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert error.value.message_dict["joined_on"] == [MESSAGE]
    centre.joined_on = timezone.localdate()
    centre.full_clean()


@pytest.mark.django_db
def test_the_admin_refuses_a_join_date_in_the_future_beside_the_field(
    admin_client_totp,
):
    client = admin_client_totp
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    # Add.
    data = centre_data(MunicipalityFactory(), joined_on=tomorrow)
    assert field_errors(client.post(f"{CENTRES}new/", data))["joined_on"] == MESSAGE
    assert not Centre.objects.filter(name="GOPS Testowo").exists()
    # Edit.
    centre = CentreFactory(joined_on=timezone.localdate() - timedelta(days=400))
    data = centre_data(centre.municipality, name=centre.name, joined_on=tomorrow)
    errors = field_errors(client.post(f"{CENTRES}edit/{centre.pk}/", data))
    assert errors["joined_on"] == MESSAGE
    centre.refresh_from_db()
    assert centre.joined_on == timezone.localdate() - timedelta(days=400)
    # Today is fine.
    data["joined_on"] = timezone.localdate().isoformat()
    assert client.post(f"{CENTRES}edit/{centre.pk}/", data).status_code == 302


@pytest.mark.django_db
def test_acceptance_dates_the_admission_today(admin_user):
    application = ApplicationFactory()
    centre, _invitation = accept_application(application, user=admin_user)
    assert centre.joined_on == timezone.localdate()
    assert centre.status == CentreStatus.MEMBER


@pytest.fixture
def admin_client_totp(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_a_stored_future_date_does_not_block_the_contacts_form(client, centre_a, rep_a):
    """A date written before this rule by another writer is not refused again in a
    form that has no such field (Mój ośrodek's contacts)."""
    from tests.members.test_my_centre import contacts

    later = timezone.localdate() + timedelta(days=30)
    Centre.objects.filter(pk=centre_a.pk).update(joined_on=later)
    client.force_login(rep_a)
    response = client.post("/moj-osrodek/dane/", contacts())
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert centre_a.director == "Nowa Kierowniczka" and centre_a.joined_on == later
