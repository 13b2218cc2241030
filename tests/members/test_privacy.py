"""RODO: download one's data, delete one's account (anonymising what must stay)."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import ModelLogEntry

from members.choices import Role
from members.exceptions import LastRepresentative
from members.models import Application, Membership
from members.services import delete_account, export_personal_data
from tests.factories.members import (
    TEST_PASSWORD,
    ApplicationFactory,
    centre_staff,
    representative,
)

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
def test_the_only_representative_is_not_deleted_without_a_choice(
    client, rep_a, staff_a, password
):
    with pytest.raises(LastRepresentative):
        delete_account(rep_a)
    client.force_login(rep_a)
    html = client.get("/moj-osrodek/usun-konto/").content.decode()
    assert "Jesteś jedynym przedstawicielem" in html
    assert 'name="way"' in html and 'name="successor"' in html
    response = client.post("/moj-osrodek/usun-konto/", {"password": password})
    assert "Wybierz, co stanie się z funkcją." in response.content.decode()
    response = client.post(
        "/moj-osrodek/usun-konto/", {"password": password, "way": "hand_over"}
    )
    assert "Wybierz nowego przedstawiciela." in response.content.decode()
    rep_a.refresh_from_db()
    assert rep_a.is_active


@pytest.mark.django_db
def test_the_only_representative_hands_the_role_over_and_leaves(
    client, rep_a, staff_a, password
):
    client.force_login(rep_a)
    response = client.post(
        "/moj-osrodek/usun-konto/",
        {
            "password": password,
            "way": "hand_over",
            "successor": staff_a.membership.pk,
        },
    )
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert not rep_a.is_active
    assert Membership.objects.get(user=staff_a).role == Role.REPRESENTATIVE
    assert not Membership.objects.filter(user=rep_a).exists()


@pytest.mark.django_db
def test_the_successor_must_be_of_the_same_centre(client, rep_a, staff_a, rep_b):
    client.force_login(rep_a)
    response = client.post(
        "/moj-osrodek/usun-konto/",
        {
            "password": TEST_PASSWORD,
            "way": "hand_over",
            "successor": rep_b.membership.pk,
        },
    )
    assert response.status_code == 200
    assert "Wybierz osobę ze swojego ośrodka." in response.content.decode()
    assert Membership.objects.get(user=rep_b).centre != rep_a.membership.centre
    rep_a.refresh_from_db()
    assert rep_a.is_active


@pytest.mark.django_db
def test_the_only_representative_may_leave_the_centre_without_one(
    client, rep_a, staff_a, password, settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    centre = rep_a.membership.centre
    client.force_login(rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/moj-osrodek/usun-konto/", {"password": password, "way": "leave"}
        )
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert not rep_a.is_active
    assert not centre.memberships.filter(role=Role.REPRESENTATIVE).exists()
    [message] = [m for m in mail.outbox if m.to == ["biuro@razem.test"]]
    assert centre.name in message.subject
    assert f"/admin/members/centre/representative/{centre.pk}/" in message.body
    assert ModelLogEntry.objects.filter(
        object_id=str(centre.pk), action="members.centre_without_representative"
    ).exists()
    client.force_login(staff_a)
    assert (
        "nie ma obecnie przedstawiciela" in client.get("/moj-osrodek/").content.decode()
    )


@pytest.mark.django_db
def test_alone_in_the_centre_the_representative_may_only_leave_it_without_one(
    client, rep_a, password
):
    client.force_login(rep_a)
    html = client.get("/moj-osrodek/usun-konto/").content.decode()
    assert 'value="leave"' in html and 'value="hand_over"' not in html
    assert 'name="successor"' not in html
    client.post("/moj-osrodek/usun-konto/", {"password": password, "way": "leave"})
    rep_a.refresh_from_db()
    assert not rep_a.is_active


@pytest.mark.django_db
def test_the_office_finds_the_centre_and_appoints_a_representative(
    client, rep_a, staff_a, admin_user
):
    centre = rep_a.membership.centre
    delete_account(rep_a, leave_without_representative=True)
    client.force_login(admin_user)
    listing = client.get(
        "/admin/members/centre/", {"without_representative": "true"}
    ).content.decode()
    assert f"/admin/members/centre/edit/{centre.pk}/" in listing
    url = f"/admin/members/centre/representative/{centre.pk}/"
    page = client.get(url).content.decode()
    assert "nie ma przedstawiciela" in page
    assert staff_a.email in page
    response = client.post(url, {"membership": staff_a.membership.pk})
    assert response.status_code == 302
    assert Membership.objects.get(user=staff_a).role == Role.REPRESENTATIVE
    assert ModelLogEntry.objects.filter(
        object_id=str(centre.pk), action="members.representative_appoint"
    ).exists()
    listing = client.get(
        "/admin/members/centre/", {"without_representative": "true"}
    ).content.decode()
    assert f"/admin/members/centre/edit/{centre.pk}/" not in listing


@pytest.mark.django_db
def test_the_appointment_form_refuses_bad_values(client, rep_a, rep_b, admin_user):
    centre = rep_a.membership.centre
    client.force_login(admin_user)
    url = f"/admin/members/centre/representative/{centre.pk}/"
    assert "Wybierz osobę." in client.post(url, {}).content.decode()
    html = client.post(url, {"membership": rep_b.membership.pk}).content.decode()
    assert "Wybierz osobę z tego ośrodka." in html
    assert Membership.objects.get(user=rep_b).centre != centre


@pytest.mark.django_db
def test_only_association_staff_appoint(rep_a, staff_a):
    from members.exceptions import NotAllowed
    from members.services.centres import appoint_representative

    with pytest.raises(NotAllowed):
        appoint_representative(staff_a.membership, user=rep_a)


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


@pytest.mark.django_db
def test_the_centre_listing_leads_to_the_appointment(client, centre_a, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/members/centre/").content.decode()
    assert f"/admin/members/centre/representative/{centre_a.pk}/" in html
