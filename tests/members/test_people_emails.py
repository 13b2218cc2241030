"""E-mails on people changes: a person removed from a centre, made its
representative (handed the role, appointed by the office) or whose invitation was
accepted is told by e-mail, and the representatives learn who joined; queued
inside the change's transaction, so a change rolled back e-mails nobody."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from members.choices import Role
from members.exceptions import LastRepresentative
from members.services import accept_invitation, join_with_invitation, remove_person
from members.services.centres import appoint_representative
from tests.factories.members import UserFactory, invitation

PASSWORD = "Bardzo-Dobre-Haslo-2026"


def sent_to(address):
    return [m for m in mail.outbox if address in m.to]


@pytest.mark.django_db
def test_a_removed_person_is_told(
    client, rep_a, staff_a, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    url = reverse("members:remove_person", args=[staff_a.membership.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    [message] = sent_to(staff_a.email)
    assert message.subject == "Nie należysz już do ośrodka MGOPS Alfa"
    assert "usuwa Cię z ośrodka MGOPS Alfa" in message.body
    assert "Twoje konto pozostaje" in message.body


@pytest.mark.django_db
def test_the_new_representative_is_told_when_handed_the_role(
    client, rep_a, staff_a, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    url = reverse("members:hand_over", args=[staff_a.membership.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    [message] = sent_to(staff_a.email)
    assert message.subject == "Jesteś teraz przedstawicielem ośrodka MGOPS Alfa"
    assert "/moj-osrodek/" in message.body


@pytest.mark.django_db
def test_the_appointed_representative_is_told(
    staff_a, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appoint_representative(staff_a.membership, user=admin_user)
    [message] = sent_to(staff_a.email)
    assert "Jesteś teraz przedstawicielem ośrodka MGOPS Alfa" in message.body


@pytest.mark.django_db
def test_a_new_account_joining_and_its_representative_are_told(
    rep_a, centre_a, django_capture_on_commit_callbacks
):
    _created, token = invitation(centre_a, email="nowa@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        accept_invitation(
            token, first_name="Nowa", last_name="Osoba", password=PASSWORD
        )
    [welcome] = sent_to("nowa@example.test")
    assert welcome.subject == "Należysz teraz do ośrodka MGOPS Alfa"
    [notice] = sent_to(rep_a.email)
    assert notice.subject == "Nowa Osoba dołącza do ośrodka MGOPS Alfa"
    assert "nowa@example.test" in notice.body


@pytest.mark.django_db
def test_an_existing_account_joining_and_its_representative_are_told(
    rep_a, centre_a, django_capture_on_commit_callbacks
):
    person = UserFactory(email="ewa@example.test", first_name="Ewa", last_name="K")
    _created, token = invitation(centre_a, email="ewa@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        join_with_invitation(token, user=person)
    assert len(sent_to("ewa@example.test")) == 1
    assert len(sent_to(rep_a.email)) == 1


@pytest.mark.django_db
def test_a_change_rolled_back_or_refused_emails_nobody(
    rep_a, staff_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            remove_person(staff_a.membership, user=rep_a)
            raise RuntimeError
        with pytest.raises(LastRepresentative):
            remove_person(rep_a.membership, user=rep_a)
    assert not mail.outbox
    assert staff_a.membership.role == Role.STAFF
