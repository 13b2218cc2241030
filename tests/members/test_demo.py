"""The members demo: real gminy, the documented logins, idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model

from members import demo
from members.choices import ApplicationStatus, CentreStatus, Role
from members.models import Application, Centre, Membership, Municipality
from members.services import check_eligibility
from members.validators import nip_is_valid
from razem.demo import DEMO_PASSWORD


@pytest.mark.django_db
def test_demo_loads_centres_logins_and_applications_and_is_idempotent():
    out = io.StringIO()
    demo.load(out)
    counts = (
        Centre.objects.count(),
        Membership.objects.count(),
        Application.objects.count(),
    )
    demo.load(out)
    assert (
        Centre.objects.count(),
        Membership.objects.count(),
        Application.objects.count(),
    ) == counts

    members = Centre.objects.filter(status=CentreStatus.MEMBER).select_related(
        "municipality"
    )
    assert members.count() >= 25
    assert len({c.municipality.voivodeship for c in members}) >= 10
    assert Municipality.objects.count() == 2479
    for centre in members:
        assert check_eligibility(centre.municipality).eligible, centre
        assert nip_is_valid(centre.nip)
        assert centre.dues.exists()
    names = {c.municipality.teryt: c.kind for c in members}
    assert names["1401063"] == "MGOPS"
    assert names["2611011"] == "CUS"
    assert names["1012011"] == "MOPS"

    User = get_user_model()
    for email, teryt, role in [
        ("kierownik@mgops-wysmierzyce.test", "1401063", Role.REPRESENTATIVE),
        ("pracownik@mgops-wysmierzyce.test", "1401063", Role.STAFF),
        ("kierownik@cus-starachowice.test", "2611011", Role.REPRESENTATIVE),
    ]:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.membership.centre.municipality.teryt == teryt
        assert user.membership.role == role
        assert user.emailaddress_set.get().verified

    assert Application.objects.filter(status=ApplicationStatus.PENDING).count() == 1
    leszno = Application.objects.get(status=ApplicationStatus.REJECTED)
    assert leszno.municipality.teryt == "3063011"
    assert leszno.kind == "MOPR"
    assert "58 766" in leszno.decision_reason
    assert not check_eligibility(leszno.municipality).eligible


@pytest.mark.django_db
def test_demo_centres_dues_and_applications_pass_their_model_validation():
    from members.models import Dues, Invitation

    demo.load(io.StringIO())
    for centre in Centre.objects.all():
        centre.full_clean()
    for dues in Dues.objects.all():
        dues.full_clean()
    for application in Application.objects.all():
        application.full_clean()
    # the demo invites nobody: accounts are made by ensure_user, never by a link
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_the_demo_loader_leaves_a_joined_account_alone():
    from django.contrib.auth import get_user_model

    demo.load(io.StringIO())
    user = get_user_model().objects.get(email="pracownik@mgops-wysmierzyce.test")
    centre = user.membership.centre
    demo.load(io.StringIO())
    user.refresh_from_db()
    assert user.membership.centre == centre
    assert Membership.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_demo_logins_are_canonical_and_no_staff_account_belongs_to_a_centre():
    from razem import demo as house_demo

    house_demo.load(io.StringIO())
    demo.load(io.StringIO())
    from members.models import canonical_email

    User = get_user_model()
    for user in User.objects.all():
        assert user.email == canonical_email(user.email)
    assert User.objects.filter(is_staff=True).exists()
    assert not Membership.objects.filter(user__is_staff=True).exists()
    assert not Membership.objects.filter(user__is_superuser=True).exists()


@pytest.mark.django_db
def test_the_large_association_generator_makes_centres_that_pass_their_validators():
    from django.core.management import call_command

    from tests.factories.members import MunicipalityFactory

    for _n in range(3):
        MunicipalityFactory()
    call_command("generate_large_association", "--scale", "0.002", stdout=io.StringIO())
    centres = Centre.objects.filter(email__endswith="large.razem.test")
    assert centres.count() == 5
    for centre in centres:
        centre.full_clean()
