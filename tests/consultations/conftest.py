"""Fixtures of the consultations tests: the opinion index, centres and people."""

import pytest
from django.contrib.auth.models import Group

from members.choices import CentreStatus
from tests.factories.consultations import opinion_index, opinion_page
from tests.factories.members import (
    CentreFactory,
    MunicipalityFactory,
    UserFactory,
    centre_staff,
    representative,
)


@pytest.fixture(autouse=True)
def _admin_without_mfa(settings):
    """Admin views are tested without the TOTP step (tested by the members app)."""
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def index(home_page):
    """The opinion index at /opinie/."""
    return opinion_index(home_page)


@pytest.fixture
def make_opinion(index):
    """Create an opinion page under the index: make_opinion(state=..., ...)."""

    def _make(**kwargs):
        return opinion_page(index, **kwargs)

    return _make


@pytest.fixture
def centre_a(db):
    """Member centre A, with Polish letters in its names."""
    return CentreFactory(
        name="Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        municipality=MunicipalityFactory(
            teryt="1401063", name="Wyśmierzyce", voivodeship="mazowieckie"
        ),
    )


@pytest.fixture
def centre_b(db):
    """Member centre B."""
    return CentreFactory(
        name="Centrum Usług Społecznych w Starachowicach",
        municipality=MunicipalityFactory(
            teryt="2611011", name="Starachowice", voivodeship="świętokrzyskie"
        ),
    )


@pytest.fixture
def rep_a(centre_a):
    """The representative of centre A."""
    return representative(centre_a, email="kierownik@a.test")


@pytest.fixture
def rep_b(centre_b):
    """The representative of centre B."""
    return representative(centre_b, email="kierownik@b.test")


@pytest.fixture
def staff_a(centre_a):
    """A staff member (not the representative) of centre A."""
    return centre_staff(centre_a, email="pracownik@a.test")


@pytest.fixture
def suspended_rep(db):
    """The representative of a suspended centre."""
    return representative(CentreFactory(status=CentreStatus.SUSPENDED))


@pytest.fixture
def applicant_rep(db):
    """The representative of an applicant centre (not yet a member)."""
    return representative(CentreFactory(status=CentreStatus.APPLICANT))


@pytest.fixture
def outsider(db):
    """A logged-in person without a centre."""
    return UserFactory(email="osoba@zewnatrz.test")


@pytest.fixture
def editor(db):
    """An editor of the association: reaches the admin, cannot publish pages."""
    user = UserFactory(email="redakcja@razem.test", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    """A staff member who may publish pages, and so manage opinions."""
    user = UserFactory(email="moderacja@razem.test", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def admin_user(db):
    """The superuser."""
    return UserFactory(email="admin@razem.test", is_staff=True, is_superuser=True)
