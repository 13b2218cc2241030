"""Factories for people, municipalities and centres."""

from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from members.choices import CentreKind, CentreStatus, Role
from members.models import (
    Application,
    Centre,
    Dues,
    Invitation,
    Membership,
    Municipality,
    hash_token,
)

TEST_PASSWORD = "test-Password-2026"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail and the test password."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@example.test")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Kowalska-{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A small gmina (eligible by default)."""

    class Meta:
        model = Municipality
        django_get_or_create = ("teryt",)

    teryt = factory.Sequence(lambda n: f"{1400000 + n:07d}")
    name = factory.Sequence(lambda n: f"Gmina Testowa {n}")
    kind = "wiejska"
    powiat = "białobrzeski"
    voivodeship = "mazowieckie"
    population = 4321
    population_year = 2025


class CentreFactory(factory.django.DjangoModelFactory):
    """A member centre in good standing."""

    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"Gminny Ośrodek Pomocy Społecznej nr {n}")
    kind = CentreKind.GOPS
    municipality = factory.SubFactory(MunicipalityFactory)
    street = "ul. Szkolna 1"
    postal_code = "26-811"
    city = "Wyśmierzyce"
    email = factory.Sequence(lambda n: f"sekretariat{n}@osrodek.example.pl")
    director = "Joanna Wójcik"
    status = CentreStatus.MEMBER


class MembershipFactory(factory.django.DjangoModelFactory):
    """A person's place in a centre (representative by default)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    role = Role.REPRESENTATIVE


def representative(centre=None, **user_fields):
    """A centre's representative (a new member centre when none is given)."""
    centre = centre or CentreFactory()
    return MembershipFactory(
        centre=centre, role=Role.REPRESENTATIVE, user=UserFactory(**user_fields)
    ).user


def centre_staff(centre=None, **user_fields):
    """A staff member of a centre."""
    centre = centre or CentreFactory()
    return MembershipFactory(
        centre=centre, role=Role.STAFF, user=UserFactory(**user_fields)
    ).user


class DuesFactory(factory.django.DjangoModelFactory):
    """A year's dues of a centre (unpaid unless paid_on is given)."""

    class Meta:
        model = Dues

    centre = factory.SubFactory(CentreFactory)
    year = 2026
    amount = Decimal("500.00")
    paid_on = None


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A pending membership application of an eligible gmina."""

    class Meta:
        model = Application

    centre_name = factory.Sequence(lambda n: f"Gminny Ośrodek Pomocy Społecznej {n}")
    kind = CentreKind.GOPS
    municipality = factory.SubFactory(MunicipalityFactory)
    street = "ul. Szkolna 1"
    postal_code = "26-811"
    city = "Wyśmierzyce"
    centre_email = "gops@example.test"
    director = "Jan Kowalski"
    first_name = "Jan"
    last_name = "Kowalski"
    email = factory.Sequence(lambda n: f"wnioskodawca{n}@example.test")
    privacy_accepted_at = factory.LazyFunction(timezone.now)


def invitation(
    centre=None, *, email="zaproszony@example.test", role=Role.STAFF, **extra
):
    """An invitation and its raw token: (invitation, token)."""
    centre = centre or CentreFactory()
    token = Invitation.new_token()
    created = Invitation.objects.create(
        centre=centre, email=email, role=role, token_hash=hash_token(token), **extra
    )
    return created, token
