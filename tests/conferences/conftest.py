"""Fixtures of the conference tests."""

import pytest

from tests.factories.conferences import make_conference
from tests.factories.members import CentreFactory, representative


@pytest.fixture
def conference(home_page):
    """An open conference with 10 places."""
    return make_conference()


@pytest.fixture
def centre(db):
    """A member centre in good standing."""
    return CentreFactory(
        name="Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach"
    )


@pytest.fixture
def rep(centre):
    """The centre's representative."""
    return representative(centre)


@pytest.fixture
def staff_user(db):
    """Association staff: admin access and the registration permissions."""
    from django.contrib.auth.models import Permission

    from tests.factories.members import UserFactory

    user = UserFactory(email="biuro@razem.test", is_staff=True)
    codenames = ["access_admin", "view_registration", "change_registration"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor(db, client, settings):
    """A superuser logged in to the page editor (staff MFA off for the test)."""
    from django.contrib.auth import get_user_model

    settings.RAZEM_STAFF_MFA_REQUIRED = False
    user = get_user_model().objects.create_superuser("red@razem.test", "x-Haslo-2026")
    client.force_login(user)
    return user
