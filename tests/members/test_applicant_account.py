"""An applicant whose address already has an account: the public answer does not
tell, the office is told what acceptance will do, and acceptance changes nothing
in that account."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from members.choices import ApplicationStatus
from members.models import Membership, User
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    MunicipalityFactory,
    UserFactory,
    representative,
)
from tests.members.conftest import activate_totp
from tests.members.test_application_flow import URL, valid_data

ADMIN = "/admin/members/application/"


def _applicant_mail(address):
    [message] = [m for m in mail.outbox if m.to == [address]]
    # The submission time is the only line that may differ between two sends.
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "", message.body)


@pytest.mark.django_db
@override_settings(RAZEM_STAFF_EMAIL="biuro@razem.test")
def test_the_public_answer_is_the_same_whether_or_not_the_address_has_an_account(
    client, django_capture_on_commit_callbacks
):
    first = MunicipalityFactory(name="Bliźniacza", teryt="1401011")
    second = MunicipalityFactory(name="Bliźniacza", teryt="1401021")
    representative(CentreFactory(), email="ma-konto@example.test")
    answers = []
    for gmina, address in (
        (first, "nowy@example.test"),
        (second, "ma-konto@example.test"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, valid_data(gmina, email=address), follow=True)
        answers.append(response.content.decode())
    assert answers[0] == answers[1]
    page = answers[0]
    assert "zaloguj się" in page.lower() and "biuro@razem.test" in page
    assert "konto już istnieje" not in page.lower()
    fresh, existing = (
        _applicant_mail("nowy@example.test"),
        _applicant_mail("ma-konto@example.test"),
    )
    assert fresh.replace("1401011", "1401021") == existing
    assert "zalogujesz się" in fresh
    assert "biuro@razem.test" in fresh


def _note(client, application):
    html = client.get(f"{ADMIN}inspect/{application.pk}/").content.decode()
    accept = client.get(f"{ADMIN}accept/{application.pk}/").content.decode()
    found = re.findall(
        r'<p class="help-block (help-\w+)">([^<]*konto[^<]*|[^<]*adres[^<]*)</p>', html
    )
    found_accept = re.findall(
        r'<p class="help-block (help-\w+)">([^<]*konto[^<]*|[^<]*adres[^<]*)</p>',
        accept,
    )
    assert found == found_accept
    return found


@pytest.mark.django_db
def test_the_office_sees_what_acceptance_does_with_an_existing_account(
    client, admin_user
):
    client.force_login(admin_user)
    assert _note(client, ApplicationFactory(email="nowy@example.test")) == []
    UserFactory(email="bez-osrodka@example.test", first_name="Ewa", last_name="Lis")
    [(level, text)] = _note(
        client, ApplicationFactory(email="Bez-Osrodka@example.test")
    )
    assert level == "help-info"
    assert "Ewa Lis" in text and "zalogowała się" in text and "nie zmienia się" in text
    representative(CentreFactory(name="GOPS Inny"), email="inny@example.test")
    [(level, text)] = _note(client, ApplicationFactory(email="inny@example.test"))
    assert level == "help-critical" and "GOPS Inny" in text
    assert "odmówi przyjęcia" in text
    staff = UserFactory(email="pracownik@razem.test", is_staff=True)
    activate_totp(staff)
    [(level, text)] = _note(client, ApplicationFactory(email="pracownik@razem.test"))
    assert level == "help-critical" and "konta pracownika Stowarzyszenia" in text


@pytest.mark.django_db
def test_accepting_never_changes_the_existing_account(
    client, admin_user, django_capture_on_commit_callbacks
):
    account = UserFactory(email="ewa@example.test", first_name="Ewa", last_name="Lis")
    activate_totp(account)
    before = User.objects.filter(pk=account.pk).values().get()
    application = ApplicationFactory(
        email="ewa@example.test", first_name="Inna", last_name="Osoba"
    )
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}accept/{application.pk}/", {})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert User.objects.filter(pk=account.pk).values().get() == before
    assert not Membership.objects.filter(user=account).exists()
    assert account.authenticator_set.count() == 1
    [message] = [m for m in mail.outbox if m.to == ["ewa@example.test"]]
    assert "zalogujesz się" in message.body or "zaloguj" in message.body.lower()
