"""Invitation links: a new address creates its account; an existing account logs in
(with its second factor) and only then joins; an invitation never changes an
existing account."""

import re
import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.choices import Role
from members.exceptions import (
    AccountExists,
    InvitationInvalid,
    InvitationNotForThisAccount,
    InvitationRefused,
)
from members.models import Invitation, Membership, canonical_email
from members.services import (
    accept_application,
    accept_invitation,
    create_invitation,
    join_with_invitation,
)
from tests.factories.members import (
    TEST_PASSWORD,
    ApplicationFactory,
    CentreFactory,
    UserFactory,
    invitation,
    representative,
)

NEW_PASSWORD = "Bardzo-Dobre-Haslo-2026"


def form(**overrides):
    data = {
        "first_name": "Ewa",
        "last_name": "Nowacka",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


def link(token):
    return f"/konto/zaproszenie/{token}/"


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def account(db):
    """A person with an account but no centre (e.g. removed from a former one)."""
    return UserFactory(email="ewa@example.test", first_name="Ewa", last_name="Stara")


# New addresses: the account form -------------------------------------------------


@pytest.mark.django_db
def test_page_shows_the_centre_and_fixed_email(client):
    centre = CentreFactory(name="GOPS Zaproszeniowo")
    _invitation, token = invitation(centre, email="ewa@example.test")
    response = client.get(link(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert "GOPS Zaproszeniowo" in html
    assert 'value="ewa@example.test" readonly' in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_accepting_creates_user_bound_to_centre_and_logs_in(client):
    centre = CentreFactory()
    created, token = invitation(centre, email="ewa@example.test", role=Role.STAFF)
    response = client.post(link(token), form())
    assert response.status_code == 302
    assert response["Location"] == "/moj-osrodek/"
    user = get_user_model().objects.get(email="ewa@example.test")
    assert user.check_password(NEW_PASSWORD)
    assert user.get_full_name() == "Ewa Nowacka"
    assert user.membership.centre == centre
    assert user.membership.role == Role.STAFF
    assert EmailAddress.objects.get(user=user).verified
    created.refresh_from_db()
    assert created.used_at is not None
    assert client.get("/moj-osrodek/").context["centre"] == centre


@pytest.mark.django_db
def test_a_used_token_is_refused_and_nothing_changes(client):
    _created, token = invitation(email="ewa@example.test")
    client.post(link(token), form())
    client.logout()
    response = client.post(
        link(token), form(password1="Inne-Haslo-2026x", password2="Inne-Haslo-2026x")
    )
    assert response.status_code == 404
    assert "Ten link z zaproszeniem jest nieważny" in response.content.decode()
    user = get_user_model().objects.get(email="ewa@example.test")
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_a_double_submit_of_the_account_form_makes_one_account(client):
    created, token = invitation(email="ewa@example.test")
    assert client.post(link(token), form()).status_code == 302
    again = client.post(link(token), form(), follow=True)
    assert again.redirect_chain[0][0] == "/moj-osrodek/"
    assert "Należysz już do ośrodka" in again.content.decode()
    assert get_user_model().objects.filter(email="ewa@example.test").count() == 1
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_token_is_refused(client):
    _created, token = invitation(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link(token))
    assert response.status_code == 404
    assert "nieważny" in response.content.decode()
    response = client.post(link(token), form())
    assert response.status_code == 404
    assert not get_user_model().objects.exists()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_withdrawn_token_is_refused(client, rep_a, centre_a):
    from members.services.invitations import cancel_invitation

    created, token = invitation(centre_a)
    cancel_invitation(created, user=rep_a)
    assert client.post(link(token), form()).status_code == 404
    assert not Membership.objects.filter(centre=centre_a, role=Role.STAFF).exists()


@pytest.mark.django_db
def test_an_unknown_token_is_refused(client):
    response = client.get("/konto/zaproszenie/nie-ma-takiego/")
    assert response.status_code == 404
    assert "nieważny" in response.content.decode()


@pytest.mark.django_db
def test_weak_or_different_passwords_are_refused_beside_the_field(client):
    created, token = invitation()
    html = client.post(link(token), form(password1="12345", password2="12345"))
    assert "field--error" in html.content.decode()
    html = client.post(link(token), form(password2="Inne-Haslo-2026x"))
    assert "Hasła się różnią." in html.content.decode()
    created.refresh_from_db()
    assert created.used_at is None
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_an_overlong_password_is_refused_before_hashing(client):
    created, token = invitation()
    long = "x" * 5000
    response = client.post(link(token), form(password1=long, password2=long))
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_service_refuses_unknown_token(db):
    with pytest.raises(InvitationInvalid):
        accept_invitation("x", first_name="A", last_name="B", password=NEW_PASSWORD)


# Existing accounts: log in, then join; the account never changes ---------------------


@pytest.mark.django_db
def test_existing_account_is_asked_to_log_in_and_no_password_form_is_shown(
    client, account
):
    _created, token = invitation(email="ewa@example.test")
    html = client.get(link(token)).content.decode()
    assert "Zaloguj się, aby dołączyć" in html
    assert f"/konto/login/?next=/konto/zaproszenie/{token}/" in html
    assert 'name="password1"' not in html


@pytest.mark.django_db
def test_posting_a_password_for_an_existing_account_changes_nothing(client, account):
    created, token = invitation(email="ewa@example.test")
    response = client.post(link(token), form(first_name="Mallory"))
    assert response.status_code == 200
    account.refresh_from_db()
    assert account.check_password(TEST_PASSWORD)
    assert not account.check_password(NEW_PASSWORD)
    assert account.first_name == "Ewa"
    assert "_auth_user_id" not in client.session
    created.refresh_from_db()
    assert created.used_at is None
    assert not Membership.objects.exists()


def test_the_service_never_sets_an_existing_accounts_password(account):
    _created, token = invitation(email="EWA@Example.Test")
    with pytest.raises(AccountExists):
        accept_invitation(token, first_name="M", last_name="X", password=NEW_PASSWORD)
    account.refresh_from_db()
    assert account.check_password(TEST_PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "invited",
    [
        "EWA@EXAMPLE.TEST",
        "Ewa@Example.test",
        "ｅｗａ@ｅｘａｍｐｌｅ.test",
        " ewa@example.test ",
    ],
)
def test_case_and_unicode_variants_of_an_address_are_the_same_account(
    client, account, invited
):
    _created, token = invitation(email=invited)
    response = client.post(link(token), form())
    assert response.status_code == 200
    assert "Zaloguj się, aby dołączyć" in response.content.decode()
    account.refresh_from_db()
    assert account.check_password(TEST_PASSWORD)
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_a_verified_second_address_counts_as_the_account(client, account):
    EmailAddress.objects.create(
        user=account, email="ewa.praca@example.test", verified=True
    )
    _created, token = invitation(email="Ewa.Praca@example.test")
    assert "Zaloguj się, aby dołączyć" in client.get(link(token)).content.decode()


@pytest.mark.django_db
def test_an_unverified_claim_of_another_account_does_not_block_the_owner(client):
    squatter = UserFactory(email="squatter@example.test")
    EmailAddress.objects.create(user=squatter, email="ewa@example.test")
    _created, token = invitation(email="ewa@example.test")
    assert client.post(link(token), form()).status_code == 302
    ewa = get_user_model().objects.get(email="ewa@example.test")
    assert EmailAddress.objects.get(email="ewa@example.test").user == ewa


@pytest.mark.django_db
def test_the_logged_in_owner_joins_with_one_click_and_keeps_the_account(
    client, account
):
    centre = CentreFactory(name="GOPS Dołączenie")
    created, token = invitation(centre, email="ewa@example.test")
    client.force_login(account)
    html = client.get(link(token)).content.decode()
    assert "Dołącz do ośrodka" in html
    assert 'name="password1"' not in html
    response = client.post(link(token), form(first_name="Zmieniona"))
    assert response.status_code == 302
    assert response["Location"] == "/moj-osrodek/"
    account.refresh_from_db()
    assert account.membership.centre == centre
    assert account.first_name == "Ewa"
    assert account.check_password(TEST_PASSWORD)
    created.refresh_from_db()
    assert created.used_at is not None
    # a second click (double submit, back button) leads to the centre again
    assert client.post(link(token))["Location"] == "/moj-osrodek/"
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_an_existing_account_with_totp_must_pass_its_second_factor(client, account):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(account, secret)
    centre = CentreFactory()
    _created, token = invitation(centre, email="ewa@example.test")
    response = client.post(
        "/konto/login/",
        {"login": "ewa@example.test", "password": TEST_PASSWORD, "next": link(token)},
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/authenticate/"
    # the password alone does not log in, so the link still only asks to log in
    assert "_auth_user_id" not in client.session
    assert client.post(link(token)).status_code == 200
    assert not Membership.objects.exists()
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert response["Location"] == link(token)
    assert client.post(link(token))["Location"] == "/moj-osrodek/"
    assert Membership.objects.get(user=account).centre == centre


@pytest.mark.django_db
def test_an_existing_account_without_totp_logs_in_with_its_password(client, account):
    _created, token = invitation(email="ewa@example.test")
    response = client.post(
        "/konto/login/",
        {"login": "ewa@example.test", "password": TEST_PASSWORD, "next": link(token)},
    )
    assert response["Location"] == link(token)
    assert client.post(link(token))["Location"] == "/moj-osrodek/"


@pytest.mark.django_db
def test_logged_in_as_another_account_the_link_explains_and_switches_nobody(
    client, rep_b
):
    _created, token = invitation(email="nowa@example.test")
    client.force_login(rep_b)
    response = client.get(link(token))
    html = response.content.decode()
    assert "Jesteś zalogowany(-a) jako rep-b@example.test" in html
    assert 'name="password1"' not in html
    response = client.post(link(token), form())
    assert int(client.session["_auth_user_id"]) == rep_b.pk
    assert not get_user_model().objects.filter(email="nowa@example.test").exists()
    assert 'action="/konto/logout/"' in response.content.decode()


def test_service_refuses_joining_as_another_account(rep_b):
    _created, token = invitation(email="nowa@example.test")
    with pytest.raises(InvitationNotForThisAccount):
        join_with_invitation(token, user=rep_b)


@pytest.mark.django_db
def test_person_of_another_centre_cannot_use_an_invitation(client):
    other = representative(email="zajety@example.test")
    created, token = invitation(email="zajety@example.test")
    client.force_login(other)
    response = client.post(link(token))
    assert response.status_code == 403
    assert "należy już do ośrodka" in response.content.decode()
    assert other.membership.centre != created.centre
    created.refresh_from_db()
    assert created.used_at is None


# Staff and superusers are never joined to a centre ----------------------------------


@pytest.fixture(params=["staff", "superuser"])
def admin_account(request, db):
    return UserFactory(
        email="szef@razem.test",
        is_staff=True,
        is_superuser=request.param == "superuser",
    )


@pytest.mark.django_db
def test_a_staff_account_is_refused_at_acceptance(client, admin_account):
    created, token = invitation(email="SZEF@razem.test")
    response = client.get(link(token))
    assert response.status_code == 403
    assert "konto pracownika Stowarzyszenia" in response.content.decode()
    response = client.post(link(token), form())
    admin_account.refresh_from_db()
    assert admin_account.check_password(TEST_PASSWORD)
    client.force_login(admin_account)
    assert client.post(link(token)).status_code == 403
    assert not Membership.objects.exists()
    with pytest.raises(InvitationRefused):
        join_with_invitation(token, user=admin_account)


@pytest.mark.django_db
def test_a_staff_account_is_refused_when_the_office_invites(admin_account, admin_user):
    with pytest.raises(InvitationRefused):
        create_invitation(
            CentreFactory(),
            email="Szef@Razem.test",
            role=Role.STAFF,
            invited_by=admin_user,
        )
    assert not Invitation.objects.exists()


# Rate limit -------------------------------------------------------------------


@pytest.mark.django_db
def test_posting_to_invitation_links_is_rate_limited_per_client(client):
    _created, token = invitation()
    for _ in range(10):
        client.post(link(token), form(password1="12345", password2="12345"))
    response = client.post(link(token), form())
    html = response.content.decode()
    assert "Spróbuj ponownie za 15 minut" in html
    assert not get_user_model().objects.exists()
    other = client.post(link(token), form(), REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302


# The database and the model --------------------------------------------------------


@pytest.mark.django_db
def test_the_database_holds_one_pending_invitation_per_address():
    invitation(email="ewa@example.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        invitation(email="ewa@example.test")


@pytest.mark.django_db
def test_model_validation_refuses_a_second_pending_invitation_beside_the_field():
    from django.core.exceptions import ValidationError

    first, _token = invitation(email="ewa@example.test")
    second = Invitation(
        centre=CentreFactory(), email="EWA@example.test", role=Role.STAFF
    )
    with pytest.raises(ValidationError) as caught:
        second.full_clean(exclude=["token_hash"])
    assert "email" in caught.value.message_dict
    assert second.email == "ewa@example.test"


def test_canonical_email_folds_case_and_unicode_forms():
    assert canonical_email(" Admin@Razem.TEST ") == "admin@razem.test"
    assert canonical_email("ａｄｍｉｎ@ｒａｚｅｍ.test") == "admin@razem.test"
    assert canonical_email("STRASSE@x.de") == canonical_email("straße@x.de")


# Application acceptance ------------------------------------------------------------


@pytest.mark.django_db
def test_end_to_end_from_acceptance_to_account(
    client, admin_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(email="szefowa@gops.test", first_name="Halina")
    with django_capture_on_commit_callbacks(execute=True):
        centre, _invitation = accept_application(application, user=admin_user)
    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/konto/zaproszenie/[^/\s]+/)", body).group(1)
    page = client.get(path).content.decode()
    assert 'value="Halina"' in page
    response = client.post(path, form(first_name="Halina"))
    assert response.status_code == 302
    user = get_user_model().objects.get(email="szefowa@gops.test")
    assert user.membership.centre == centre
    assert user.membership.role == Role.REPRESENTATIVE
    assert Invitation.objects.get().used_at is not None


@pytest.mark.django_db
def test_an_applicant_with_an_account_logs_in_and_joins_as_representative(
    client, admin_user, account, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(email="Ewa@Example.test")
    with django_capture_on_commit_callbacks(execute=True):
        centre, _invitation = accept_application(application, user=admin_user)
    path = re.search(r"(/konto/zaproszenie/[^/\s]+/)", mail.outbox[-1].body).group(1)
    assert "Zaloguj się, aby dołączyć" in client.post(path, form()).content.decode()
    account.refresh_from_db()
    assert account.check_password(TEST_PASSWORD)
    client.force_login(account)
    assert client.post(path)["Location"] == "/moj-osrodek/"
    account.refresh_from_db()
    assert account.membership.centre == centre
    assert account.membership.role == Role.REPRESENTATIVE


@pytest.mark.django_db
def test_a_used_link_opened_by_another_person_of_the_centre_says_it_is_used(
    client, centre_a, rep_a
):
    created, token = invitation(centre_a, email="ewa@example.test")
    client.post(link(token), form())
    client.force_login(rep_a)
    response = client.get(link(token))
    assert response.status_code == 404
    assert "nieważny" in response.content.decode()
