"""Look-alike addresses: a local part or domain with characters that pass for others
(a Cyrillic "а", full-width letters, invisible characters, mixed scripts) is refused
with one Polish message, by one validator, in every form and service that takes an
address; nothing is stored and nobody is e-mailed."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError

from members.choices import Role
from members.exceptions import InvitationRefused
from members.models import Application, Invitation, User
from members.services import create_invitation
from members.validators import validate_safe_email
from tests.factories.members import ApplicationFactory, CentreFactory, UserFactory

from .conftest import activate_totp
from .test_application_flow import gmina, valid_data  # noqa: F401
from .test_my_centre import contacts

LOCAL = "Przed „@” używaj tylko liter łacińskich bez znaków diakrytycznych"
DOMAIN = "Domena po „@” może zawierać tylko litery alfabetu łacińskiego"

UNSAFE = {
    "cyrillic a": ("j\u0430n@example.test", LOCAL),
    "full-width": ("\uff4a\uff41\uff4e@example.test", LOCAL),
    "zero-width space": ("ja\u200bn@example.test", LOCAL),
    "zero-width joiner": ("ja\u200dn@example.test", LOCAL),
    "polish letter before @": ("łukasz@example.test", LOCAL),
    "mixed-script domain": ("jan@ex\u0430mple.test", DOMAIN),
    "cyrillic domain": ("jan@\u0440\u0440.test", DOMAIN),
    "full-width domain": ("jan@\uff45\uff58\uff41mple.test", DOMAIN),
    "invisible in domain": ("jan@exa\u2060mple.test", DOMAIN),
    "combining mark": ("jan@la\u0328ka.pl", DOMAIN),
    # What a browser's e-mail field sends for a domain typed in Unicode (IDNA's
    # ASCII form): "mgops-wysmierzyc\u0435.test" with a Cyrillic "е", found in the
    # final browser trial; judged by what it decodes to.
    "punycode cyrillic domain": ("nowy@xn--mgops-wysmierzyc-ogn.test", DOMAIN),
    "punycode cyrillic domain, upper case": (
        "nowy@XN--MGOPS-WYSMIERZYC-OGN.test",
        DOMAIN,
    ),
    "punycode that does not decode": ("jan@xn--ab-\u0142.test", DOMAIN),
}
SAFE = [
    "jan@example.test",
    "Jan.Kowalski+ops@Example.TEST",
    "o'brien@łódź.pl",
    "o'brien@xn--d-uga0v4h.pl",  # łódź.pl as a browser sends it
]


def said(html: str, field: str) -> str:
    error = re.search(rf'id="id_{field}_error">(.*?)</ul>', html, re.S)
    return " ".join(error.group(1).split()) if error else ""


@pytest.mark.parametrize("address", SAFE)
def test_ordinary_addresses_pass(address):
    validate_safe_email(address)


def test_a_local_part_longer_than_64_characters_is_refused():
    """Found in the final browser trial: 70 characters before "@" were accepted
    (no mail server delivers them) and broke the registrations table."""
    validate_safe_email("a" * 64 + "@example.test")
    with pytest.raises(ValidationError):
        validate_safe_email("a" * 65 + "@example.test")


@pytest.mark.parametrize("case", UNSAFE)
def test_the_validator_refuses_look_alikes(case):
    address, words = UNSAFE[case]
    with pytest.raises(ValidationError) as refused:
        validate_safe_email(address)
    assert refused.value.code == "unsafe_email"


@pytest.mark.django_db
@pytest.mark.parametrize("case", UNSAFE)
def test_the_invite_form_refuses_beside_the_field(client, rep_a, case):
    address, words = UNSAFE[case]
    client.force_login(rep_a)
    response = client.post(
        "/moj-osrodek/osoby/zapros/",
        {"email": address, "first_name": "", "last_name": ""},
    )
    assert response.status_code == 200
    assert words in said(response.content.decode(), "email")
    assert not Invitation.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_a_look_alike_of_an_existing_account_makes_no_second_one(
    client, rep_a, centre_b
):
    UserFactory(email="jan@example.test")
    client.force_login(rep_a)
    client.post("/moj-osrodek/osoby/zapros/", {"email": "j\u0430n@example.test"})
    assert not Invitation.objects.exists()
    with pytest.raises(InvitationRefused):
        create_invitation(
            centre_b, email="j\u0430n@example.test", role=Role.STAFF, invited_by=None
        )
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["cyrillic a", "full-width", "zero-width space"])
def test_the_office_invitation_form_refuses_beside_the_field(client, case):
    from .test_admin_forms import field_errors

    address, words = UNSAFE[case]
    office = UserFactory(email="biuro@example.test", is_staff=True, is_superuser=True)
    activate_totp(office)
    client.force_login(office)
    centre = CentreFactory()
    response = client.post(
        "/admin/members/invitation/new/",
        {"centre": centre.pk, "email": address, "role": Role.STAFF},
    )
    assert words in field_errors(response)["email"]
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["email", "centre_email"])
@pytest.mark.parametrize("case", ["cyrillic a", "mixed-script domain"])
def test_the_application_form_refuses_beside_the_field(client, gmina, field, case):  # noqa: F811
    address, words = UNSAFE[case]
    response = client.post("/przystap/", valid_data(gmina, **{field: address}))
    assert response.status_code == 200
    assert words in said(response.content.decode(), field)
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["cyrillic a", "invisible in domain"])
def test_the_contacts_form_refuses_beside_the_field(client, centre_a, rep_a, case):
    address, words = UNSAFE[case]
    before = centre_a.email
    client.force_login(rep_a)
    response = client.post("/moj-osrodek/dane/", contacts(email=address))
    assert words in said(response.content.decode(), "email")
    centre_a.refresh_from_db()
    assert centre_a.email == before


@pytest.mark.django_db
def test_the_services_and_models_refuse_look_alikes_from_any_caller(rep_a, centre_a):
    from members.services import update_centre_contacts

    with pytest.raises(InvitationRefused):
        create_invitation(
            centre_a, email="ja\u200bn@example.test", role=Role.STAFF, invited_by=rep_a
        )
    with pytest.raises(ValidationError) as refused:
        update_centre_contacts(
            centre_a, user=rep_a, data={"email": "j\u0430n@example.test"}
        )
    assert "email" in refused.value.message_dict
    for instance, fields in [
        (User(email="j\u0430n@example.test"), {"email"}),
        (ApplicationFactory.build(email="j\u0430n@example.test"), {"email"}),
        (
            ApplicationFactory.build(centre_email="ops@ex\u0430mple.test"),
            {"centre_email"},
        ),
        (CentreFactory.build(email="ops@ex\u0430mple.test"), {"email"}),
        (
            Invitation(centre=centre_a, email="j\u0430n@example.test", role="staff"),
            {"email"},
        ),
    ]:
        with pytest.raises(ValidationError) as refused:
            instance.clean()
        assert set(refused.value.message_dict) == fields, instance
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["cyrillic a", "full-width", "zero-width joiner"])
def test_allauth_refuses_adding_a_look_alike_address(client, staff_a, case):
    address, words = UNSAFE[case]
    client.force_login(staff_a)
    response = client.post(
        "/konto/email/", {"action_add": "", "email": address}, follow=True
    )
    assert words in response.content.decode()
    assert (
        not EmailAddress.objects.filter(user=staff_a)
        .exclude(email=staff_a.email)
        .exists()
    )
    assert not mail.outbox


@pytest.mark.django_db
def test_allauth_keeps_an_added_address_in_its_canonical_form(client, staff_a):
    client.force_login(staff_a)
    client.post("/konto/email/", {"action_add": "", "email": "Druga@Example.TEST"})
    assert EmailAddress.objects.filter(
        user=staff_a, email="druga@example.test"
    ).exists()
