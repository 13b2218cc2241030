"""Fixtures of the members tests: two centres, their people, association staff."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories.members import (
    CentreFactory,
    MunicipalityFactory,
    UserFactory,
    centre_staff,
    representative,
)


def activate_totp(user):
    """Give the person an active TOTP authenticator (as after allauth's setup)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret())


def editors_group():
    """Wagtail's "Editors" group with admin access.

    Created by a Wagtail data migration, so a transactional test (browser tests
    flush the database) may have removed it: make it again when missing.
    """
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


@pytest.fixture
def centre_a(db):
    """Member centre A (MGOPS in a small gmina)."""
    return CentreFactory(
        name="MGOPS Alfa",
        kind="MGOPS",
        municipality=MunicipalityFactory(name="Alfowo", voivodeship="mazowieckie"),
    )


@pytest.fixture
def centre_b(db):
    """Member centre B in another voivodeship."""
    return CentreFactory(
        name="CUS Beta",
        kind="CUS",
        municipality=MunicipalityFactory(name="Betowo", voivodeship="świętokrzyskie"),
    )


@pytest.fixture
def rep_a(centre_a):
    """Representative of centre A."""
    return representative(centre_a, email="rep-a@example.test")


@pytest.fixture
def staff_a(centre_a):
    """Staff member of centre A."""
    return centre_staff(centre_a, email="staff-a@example.test")


@pytest.fixture
def rep_b(centre_b):
    """Representative of centre B."""
    return representative(centre_b, email="rep-b@example.test")


@pytest.fixture
def editor(db):
    """An association editor (Wagtail "Editors" group), two-factor active."""
    user = UserFactory(email="redakcja@example.test", is_staff=True)
    user.groups.add(editors_group())
    activate_totp(user)
    return user


@pytest.fixture
def admin_user(db):
    """An association administrator (superuser), two-factor active."""
    user = UserFactory(email="admin@example.test", is_staff=True, is_superuser=True)
    activate_totp(user)
    return user
