"""One member (or suspended) centre per gmina, on every path that makes one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.choices import ApplicationStatus, CentreStatus
from members.exceptions import MunicipalityHasMember
from members.models import Application, Centre, Invitation
from members.services import accept_application
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    MunicipalityFactory,
)
from tests.members.test_application_flow import URL as APPLY_URL
from tests.members.test_application_flow import valid_data
from tests.members.test_centre_admin import centre_form_data

CENTRES = "/admin/members/centre/"
APPLICATIONS = "/admin/members/application/"


@pytest.fixture
def gmina(db):
    return MunicipalityFactory(
        teryt="1401063", name="Wyśmierzyce", kind="miejsko-wiejska", population=2642
    )


@pytest.fixture
def member(gmina):
    return CentreFactory(name="MGOPS w Wyśmierzycach", kind="MGOPS", municipality=gmina)


@pytest.mark.django_db
def test_the_database_holds_one_active_centre_per_gmina(member):
    CentreFactory(municipality=member.municipality, status=CentreStatus.FORMER)
    CentreFactory(municipality=member.municipality, status=CentreStatus.FORMER)
    CentreFactory(municipality=member.municipality, status=CentreStatus.APPLICANT)
    with pytest.raises(IntegrityError), transaction.atomic():
        CentreFactory(
            municipality=member.municipality, kind="CUS", status=CentreStatus.SUSPENDED
        )
    second = CentreFactory.build(municipality=member.municipality, kind="CUS")
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    [message] = error.value.message_dict["municipality"]
    assert "ma już ośrodek członkowski: MGOPS w Wyśmierzycach" in message
    assert "były członek" in message
    # The constraint's own message (for a writer without clean) is Polish too.
    [constraint] = Centre._meta.constraints
    with pytest.raises(ValidationError) as error:
        constraint.validate(Centre, second)
    assert "ma już ośrodek członkowski" in error.value.messages[0]


@pytest.mark.django_db
def test_the_admin_refuses_a_second_member_centre_beside_the_gmina(
    client, admin_user, member
):
    client.force_login(admin_user)
    other = CentreFactory(
        name="CUS Wyśmierzyce", kind="CUS", status=CentreStatus.FORMER,
        municipality=MunicipalityFactory(),
    )  # fmt: skip
    # Add: a second member in the gmina.
    data = centre_form_data(other, name="Nowy CUS", municipality=member.municipality_id)
    data["status"] = CentreStatus.MEMBER
    response = client.post(f"{CENTRES}new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ma już ośrodek członkowski: MGOPS w Wyśmierzycach" in html
    assert not Centre.objects.filter(name="Nowy CUS").exists()
    # Edit: a former centre moved into the gmina, or made a member there.
    data = centre_form_data(other, municipality=member.municipality_id)
    response = client.post(f"{CENTRES}edit/{other.pk}/", data)
    assert response.status_code == 302
    data["status"] = CentreStatus.SUSPENDED
    response = client.post(f"{CENTRES}edit/{other.pk}/", data)
    assert response.status_code == 200
    assert "ma już ośrodek członkowski" in response.content.decode()
    other.refresh_from_db()
    assert other.status == CentreStatus.FORMER
    # Once the first one has left, the other may become the member.
    Centre.objects.filter(pk=member.pk).update(status=CentreStatus.FORMER)
    assert client.post(f"{CENTRES}edit/{other.pk}/", data).status_code == 302


@pytest.mark.django_db
def test_accepting_for_a_gmina_with_a_member_is_refused_and_nothing_changes(
    client, admin_user, gmina
):
    application = ApplicationFactory(
        municipality=gmina, kind="CUS", centre_name="CUS Wyśmierzyce"
    )
    CentreFactory(name="MGOPS w Wyśmierzycach", kind="MGOPS", municipality=gmina)
    client.force_login(admin_user)
    response = client.post(f"{APPLICATIONS}accept/{application.pk}/", {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ma już ośrodek członkowski: MGOPS w Wyśmierzycach" in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert Centre.objects.filter(municipality=gmina).count() == 1
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_the_constraint_backs_the_acceptance_for_any_racing_writer(
    admin_user, gmina, monkeypatch
):
    import members.services.applications as service

    application = ApplicationFactory(municipality=gmina, kind="CUS")
    CentreFactory(kind="MGOPS", municipality=gmina)
    # As if the other member appeared after the check (no lock taken by it).
    monkeypatch.setattr(service, "_refuse_a_second_member", lambda centre: None)
    monkeypatch.setattr(Centre, "full_clean", lambda self, **kwargs: None)
    with pytest.raises(MunicipalityHasMember):
        accept_application(application, user=admin_user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert Centre.objects.filter(municipality=gmina).count() == 1


@pytest.mark.django_db
def test_the_public_form_refuses_a_gmina_with_a_member_of_another_kind(client, member):
    response = client.post(APPLY_URL, valid_data(member.municipality, kind="CUS"))
    assert response.status_code == 200
    assert "ma już ośrodek członkowski Stowarzyszenia" in response.content.decode()
    assert not Application.objects.exists()
    # A paper application in the admin is refused beside the gmina as well.
    paper = ApplicationFactory.build(municipality=member.municipality, kind="CUS")
    with pytest.raises(ValidationError) as error:
        paper.full_clean()
    assert "ma już ośrodek członkowski" in error.value.message_dict["municipality"][0]
