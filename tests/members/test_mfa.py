"""Two-factor authentication is mandatory for everyone who can reach the admin."""

import pytest
from django.urls import reverse

from members.middleware import needs_mfa_setup
from tests.factories.members import UserFactory, representative

from .conftest import activate_totp, editors_group


@pytest.fixture
def editor_without_totp(db):
    user = UserFactory(email="nowa-redakcja@example.test", is_staff=True)
    user.groups.add(editors_group())
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/members/centre/", "/django-admin/"]
)
def test_editor_without_totp_is_sent_to_totp_setup(client, editor_without_totp, path):
    client.force_login(editor_without_totp)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_superuser_without_totp_is_sent_to_totp_setup(client):
    admin = UserFactory(email="szef@example.test", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_totp_setup_page_is_reachable_and_in_the_site_layout(
    client, editor_without_totp, password
):
    response = client.post(
        reverse("account_login"),
        {"login": editor_without_totp.email, "password": password},
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before changing two-factor settings.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    reauth = client.get(response["Location"])
    assert 'class="skip-link"' in reauth.content.decode()
    client.post(reverse("account_reauthenticate"), {"password": password})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link"' in html
    assert "account-page" in html


@pytest.mark.django_db
def test_staff_with_totp_pass(client, editor, admin_user):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.force_login(admin_user)
    assert client.get("/admin/members/centre/").status_code == 200


@pytest.mark.django_db
def test_centre_people_are_not_asked_for_totp(client):
    user = representative()
    assert not needs_mfa_setup(user)
    client.force_login(user)
    assert client.get("/moj-osrodek/").status_code == 200


@pytest.mark.django_db
def test_needs_mfa_setup_turns_off_after_activation(editor_without_totp):
    assert needs_mfa_setup(editor_without_totp)
    activate_totp(editor_without_totp)
    assert not needs_mfa_setup(editor_without_totp)


@pytest.mark.django_db
def test_an_admin_path_under_a_url_prefix_still_needs_totp(client, editor_without_totp):
    client.force_login(editor_without_totp)
    response = client.get("/admin/", SCRIPT_NAME="/portal")
    assert response.status_code == 302
    assert response["Location"].endswith("/konto/2fa/totp/activate/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/czlonkowie/", "/moj-osrodek/", "/szukaj/"])
def test_staff_logged_in_by_password_alone_use_no_page_before_totp(
    client, editor_without_totp, password, path
):
    response = client.post(
        reverse("account_login"),
        {"login": editor_without_totp.email, "password": password},
    )
    assert response.status_code == 302
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth's own pages (the setup itself, logging out) stay open
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    activate_totp(editor_without_totp)
    assert client.get("/czlonkowie/").status_code == 200
    assert "razem_mfa_setup_required" not in client.session


@pytest.mark.django_db
def test_centre_people_logging_in_are_not_marked(client, password):
    user = representative()
    client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert "razem_mfa_setup_required" not in client.session
    assert client.get("/czlonkowie/").status_code == 200


@pytest.mark.django_db
def test_activating_totp_clears_the_mark(rf, editor_without_totp):
    from allauth.mfa.signals import authenticator_added
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.session = SessionStore()
    request.session["razem_mfa_setup_required"] = True
    authenticator = activate_totp(editor_without_totp)
    authenticator_added.send(
        sender=type(authenticator),
        request=request,
        user=editor_without_totp,
        authenticator=authenticator,
    )
    assert "razem_mfa_setup_required" not in request.session
