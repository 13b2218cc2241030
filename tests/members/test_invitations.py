"""Invitations: a one-time link creates an account bound to the centre."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from members.choices import Role
from members.exceptions import AlreadyInCentre, InvitationInvalid
from members.models import Invitation, Membership
from members.services import accept_application, accept_invitation
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
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


@pytest.mark.django_db
def test_page_shows_the_centre_and_fixed_email(client):
    centre = CentreFactory(name="GOPS Zaproszeniowo")
    _invitation, token = invitation(centre, email="ewa@example.test")
    response = client.get(f"/konto/zaproszenie/{token}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "GOPS Zaproszeniowo" in html
    assert 'value="ewa@example.test" readonly' in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_accepting_creates_user_bound_to_centre_and_logs_in(client):
    centre = CentreFactory()
    created, token = invitation(centre, email="ewa@example.test", role=Role.STAFF)
    response = client.post(f"/konto/zaproszenie/{token}/", form())
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
    client.post(f"/konto/zaproszenie/{token}/", form())
    client.logout()
    response = client.post(
        f"/konto/zaproszenie/{token}/",
        form(password1="Inne-Haslo-2026x", password2="Inne-Haslo-2026x"),
    )
    assert response.status_code == 404
    assert "Ten link z zaproszeniem jest nieważny" in response.content.decode()
    assert (
        get_user_model()
        .objects.get(email="ewa@example.test")
        .check_password(NEW_PASSWORD)
    )


@pytest.mark.django_db
def test_an_expired_token_is_refused(client):
    _created, token = invitation(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(f"/konto/zaproszenie/{token}/")
    assert response.status_code == 404
    assert "nieważny" in response.content.decode()
    response = client.post(f"/konto/zaproszenie/{token}/", form())
    assert response.status_code == 404
    assert not get_user_model().objects.exists()
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_an_unknown_token_is_refused(client):
    response = client.get("/konto/zaproszenie/nie-ma-takiego/")
    assert response.status_code == 404
    assert "nieważny" in response.content.decode()


@pytest.mark.django_db
def test_weak_or_different_passwords_are_refused_beside_the_field(client):
    created, token = invitation()
    html = client.post(
        f"/konto/zaproszenie/{token}/", form(password1="12345", password2="12345")
    ).content.decode()
    assert "field--error" in html
    html = client.post(
        f"/konto/zaproszenie/{token}/", form(password2="Inne-Haslo-2026x")
    ).content.decode()
    assert "Hasła się różnią." in html
    created.refresh_from_db()
    assert created.used_at is None
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_person_of_another_centre_cannot_use_an_invitation():
    other = representative(email="zajety@example.test")
    _created, token = invitation(email="zajety@example.test")
    with pytest.raises(AlreadyInCentre):
        accept_invitation(token, first_name="A", last_name="B", password=NEW_PASSWORD)
    assert other.membership.centre != _created.centre


def test_service_refuses_unknown_token(db):
    with pytest.raises(InvitationInvalid):
        accept_invitation("x", first_name="A", last_name="B", password=NEW_PASSWORD)


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
