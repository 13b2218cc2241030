"""RODO: download one's data, delete one's account (anonymising what must stay)."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from members.exceptions import LastRepresentative
from members.models import Application, Membership
from members.services import delete_account, export_personal_data
from tests.factories.members import ApplicationFactory, centre_staff, representative

from .conftest import activate_totp


@pytest.mark.django_db
def test_export_downloads_json_with_the_persons_data(client, rep_a):
    ApplicationFactory(email=rep_a.email, message="Prosimy o przyjęcie")
    client.force_login(rep_a)
    response = client.get("/moj-osrodek/moje-dane/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "rep-a@example.test"
    assert data["membership"]["centre"] == "MGOPS Alfa"
    assert data["membership"]["role"] == "representative"
    assert data["applications"][0]["message"] == "Prosimy o przyjęcie"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_export_contains_nothing_of_other_people(rep_a, staff_a, rep_b):
    text = json.dumps(export_personal_data(staff_a))
    assert "rep-a@example.test" not in text
    assert "rep-b@example.test" not in text


@pytest.mark.django_db
def test_delete_needs_the_password(client, staff_a):
    client.force_login(staff_a)
    response = client.post("/moj-osrodek/usun-konto/", {"password": "zle-haslo"})
    assert response.status_code == 200
    assert "Hasło jest nieprawidłowe." in response.content.decode()
    staff_a.refresh_from_db()
    assert staff_a.is_active


@pytest.mark.django_db
def test_delete_anonymises_the_person_and_logs_out(client, staff_a, password):
    ApplicationFactory(email=staff_a.email, first_name="Anna", phone="600 100 200")
    activate_totp(staff_a)
    centre = staff_a.membership.centre
    client.force_login(staff_a)
    response = client.post("/moj-osrodek/usun-konto/", {"password": password})
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=staff_a.pk)
    assert user.email.endswith("@anonymised.invalid")
    assert (user.first_name, user.last_name) == ("", "")
    assert not user.is_active
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    application = Application.objects.get()
    assert "staff-a@example.test" not in (application.email, application.first_name)
    assert application.phone == ""
    assert ModelLogEntry.objects.filter(
        object_id=str(centre.pk), action="members.person_delete_account"
    ).exists()
    assert client.get("/moj-osrodek/").status_code == 302  # logged out


@pytest.mark.django_db
def test_the_last_representative_must_hand_over_first(client, rep_a, staff_a, password):
    with pytest.raises(LastRepresentative):
        delete_account(rep_a)
    client.force_login(rep_a)
    html = client.get("/moj-osrodek/usun-konto/").content.decode()
    assert "najpierw przekaż tę funkcję" in html
    client.post("/moj-osrodek/usun-konto/", {"password": password})
    rep_a.refresh_from_db()
    assert rep_a.is_active


@pytest.mark.django_db
def test_a_representative_with_a_second_one_may_delete(centre_a, rep_a):
    representative(centre_a)
    delete_account(rep_a)
    rep_a.refresh_from_db()
    assert not rep_a.is_active


@pytest.mark.django_db
def test_deleted_person_cannot_log_in(client, password):
    user = centre_staff(email="odchodzi@example.test")
    delete_account(user)
    response = client.post(
        "/konto/login/", {"login": "odchodzi@example.test", "password": password}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_privacy_policy_section_is_available_to_include():
    from django.template.loader import render_to_string

    html = render_to_string("members/includes/privacy_policy_members.html")
    assert "pięć lat" in html
    assert "14 dniach" in html
