"""Mass assignment: extra POST fields on every front-end form change nothing extra.

Each test posts a valid form plus the fields an attacker would try (`status`,
`centre`, `centre_id`, `is_staff`, `is_superuser`, `role`, `state`, and the model's
own protected fields), then checks that only what the form is for has changed.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from conferences.models import Registration
from consultations.models import Comment, Signature
from members.choices import ApplicationStatus, CentreStatus, Role
from members.models import Application, Centre, Invitation, Membership
from tests.factories.members import MunicipalityFactory, invitation


def hostile_fields(people, prefix: str = "") -> dict:
    """The extra fields, pointing at centre B and at privileged values."""
    other = people.centre_b.pk
    values = {
        "status": "accepted",
        "centre": other,
        "centre_id": other,
        "is_staff": "on",
        "is_superuser": "on",
        "role": Role.REPRESENTATIVE,
        "state": "sent",
        "user": people.rep_b.pk,
        "user_id": people.rep_b.pk,
        "author": people.rep_b.pk,
        "signed_by": people.rep_b.pk,
        "decided_by": people.admin.pk,
        "groups": 1,
        "is_active": "on",
        "fee": "0.00",
        "member_rate": "on",
        "hidden_at": "",
        "joined_on": "1999-01-01",
        "nip": "5252248481",
        "name": "Przejęty ośrodek",
        "municipality": people.centre_b.municipality_id,
        "kind": "MOPS",
        "eligibility_exception_reason": "bo tak",
    }
    return {f"{prefix}{name}": value for name, value in values.items()}


def privileges() -> dict:
    """Every account's privilege flags and groups."""
    return {
        user.pk: (
            user.is_staff,
            user.is_superuser,
            user.is_active,
            tuple(user.groups.values_list("pk", flat=True)),
        )
        for user in get_user_model().objects.prefetch_related("groups")
    }


def memberships() -> set:
    return set(Membership.objects.values_list("user_id", "centre_id", "role"))


def centre_state(centre) -> dict:
    centre.refresh_from_db()
    return {
        "name": centre.name,
        "kind": centre.kind,
        "municipality": centre.municipality_id,
        "status": centre.status,
        "joined_on": centre.joined_on,
        "nip": centre.nip,
        "eligibility_exception_reason": centre.eligibility_exception_reason,
    }


@pytest.fixture
def guard(people):
    """Snapshot privileges, memberships and both centres; check them afterwards."""
    before = (
        privileges(),
        memberships(),
        centre_state(people.centre_a),
        centre_state(people.centre_b),
    )

    def check(*, new_memberships=frozenset()):
        now = privileges()
        assert {pk: now.get(pk) for pk in before[0]} == before[0]
        for user in get_user_model().objects.exclude(pk__in=before[0]):
            assert not (user.is_staff or user.is_superuser), user
            assert not user.groups.exists(), user
        assert memberships() - before[1] <= set(new_memberships)
        assert centre_state(people.centre_a) == before[2]
        assert centre_state(people.centre_b) == before[3]

    return check


@pytest.mark.django_db
def test_membership_application(client, people, guard):
    gmina = MunicipalityFactory(teryt="1401011", name="Stara Błotnica")
    data = hostile_fields(people)
    data |= {
        "centre_name": "Gminny Ośrodek Pomocy Społecznej w Starej Błotnicy",
        "kind": "GOPS",
        "municipality": gmina.teryt,
        "street": "ul. Radomska 1",
        "postal_code": "26-806",
        "city": "Stara Błotnica",
        "centre_email": "gops@stara-blotnica.test",
        "director": "Jan Nowak",
        "first_name": "Jan",
        "last_name": "Nowak",
        "email": "jan.nowak@stara-blotnica.test",
        "privacy": "on",
    }
    response = client.post("/przystap/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get()
    assert application.status == ApplicationStatus.PENDING
    assert application.centre_id is None
    assert application.decided_by_id is None
    assert application.decided_at is None
    assert application.municipality_id == gmina.pk
    assert not Centre.objects.filter(municipality=gmina).exists()
    guard()


@pytest.mark.django_db
def test_centre_contacts_edit(client, people, guard):
    client.force_login(people.rep_a)
    data = {
        "director": "Halina Kowalska",
        "phone": "48 123 45 67",
        "email": "mgops@wysmierzyce.test",
        "website": "https://wysmierzyce.test",
        "street": "ul. Główna 2",
        "postal_code": "26-811",
        "city": "Wyśmierzyce",
        **hostile_fields(people),
    }
    response = client.post("/moj-osrodek/dane/", data)

    assert response.status_code == 302
    people.centre_a.refresh_from_db()
    assert people.centre_a.director == "Halina Kowalska"
    assert people.centre_a.status == CentreStatus.MEMBER
    guard()


@pytest.mark.django_db
def test_staff_invitation(client, people, guard):
    client.force_login(people.rep_a)
    data = {
        "email": "nowa.osoba@a.test",
        "first_name": "Nowa",
        "last_name": "Osoba",
        **hostile_fields(people),
    }
    response = client.post("/moj-osrodek/osoby/zapros/", data)

    assert response.status_code == 302
    created = Invitation.objects.get(email="nowa.osoba@a.test")
    assert created.centre_id == people.centre_a.pk
    assert created.role == Role.STAFF
    assert created.invited_by_id == people.rep_a.pk
    assert created.used_at is None
    guard()


@pytest.mark.django_db
def test_invitation_acceptance(client, people, guard):
    _invitation, token = invitation(people.centre_a, email="zaproszona@a.test")
    data = {
        "first_name": "Zofia",
        "last_name": "Zaproszona",
        "password1": "Bardzo-trudne-haslo-77",
        "password2": "Bardzo-trudne-haslo-77",
        "email": "admin@razem.test",
        **hostile_fields(people),
    }
    response = client.post(f"/konto/zaproszenie/{token}/", data)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="zaproszona@a.test")
    assert not (user.is_staff or user.is_superuser)
    assert user.membership.centre_id == people.centre_a.pk
    assert user.membership.role == Role.STAFF
    people.admin.refresh_from_db()
    assert people.admin.check_password("test-Password-2026")
    guard(new_memberships={(user.pk, people.centre_a.pk, Role.STAFF)})


def registration_data(people, prefix="form-0-") -> dict:
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "30",
        f"{prefix}first_name": "Zażółć",
        f"{prefix}last_name": "Gęślą",
        f"{prefix}email": "uczestnik@a.test",
        f"{prefix}position": "pracownik socjalny",
        f"{prefix}accommodation_nights": "0",
    }
    data.update(hostile_fields(people))
    data.update(hostile_fields(people, prefix=prefix))
    data.update(
        {f"{prefix}status": "confirmed", f"{prefix}checked_in_at": "2026-01-01"}
    )
    # The form's own fields keep their honest values.
    data[f"{prefix}email"] = "uczestnik@a.test"
    return data


@pytest.mark.django_db
def test_conference_registration(client, pages, people, guard):
    client.force_login(people.staff_a)
    url = f"/moj-osrodek/konferencje/{pages.conference.pk}/zapisz/"
    response = client.post(url, registration_data(people))

    assert response.status_code == 302, re.findall(
        r'class="[^"]*error[^"]*"[^>]*>(.*?)<', response.content.decode(), re.S
    )
    registration = Registration.objects.get()
    assert registration.centre_id == people.centre_a.pk
    assert registration.registered_by_id == people.staff_a.pk
    assert registration.conference_id == pages.conference.pk
    assert registration.checked_in_at is None
    assert registration.member_rate is True
    assert registration.fee == pages.conference.member_fee
    guard()


@pytest.mark.django_db
def test_comment(client, pages, people, guard):
    client.force_login(people.staff_a)
    data = {
        "body": "Popieramy stanowisko.",
        "opinion": pages.draft_opinion.pk,
        "hidden_reason": "",
        "created_at": "2001-01-01 00:00",
        **hostile_fields(people),
    }
    response = client.post(f"/opinie/{pages.opinion.pk}/komentarze/", data)

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.opinion_id == pages.opinion.pk
    assert comment.author_id == people.staff_a.pk
    assert comment.centre_id == people.centre_a.pk
    assert comment.hidden_at is None
    assert comment.created_at.year >= 2026
    guard()


@pytest.mark.django_db
def test_co_signature(client, pages, people, guard):
    client.force_login(people.rep_a)
    data = {
        "version": pages.opinion.state_version,
        "opinion": pages.draft_opinion.pk,
        **hostile_fields(people),
    }
    response = client.post(f"/opinie/{pages.opinion.pk}/podpis/", data)

    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.centre_id == people.centre_a.pk
    assert signature.signed_by_id == people.rep_a.pk
    assert signature.opinion_id == pages.opinion.pk
    assert signature.withdrawn_at is None
    pages.opinion.refresh_from_db()
    assert pages.opinion.state == "open"
    guard()


@pytest.mark.django_db
def test_a_staff_member_cannot_sign_for_another_centre(client, pages, people, guard):
    client.force_login(people.staff_a)
    data = {"version": pages.opinion.state_version, **hostile_fields(people)}
    client.post(f"/opinie/{pages.opinion.pk}/podpis/", data)
    assert not Signature.objects.exists()
    guard()


@pytest.mark.django_db
def test_withdrawal_cannot_touch_another_centres_signature(
    client, pages, people, guard
):
    from consultations import services

    theirs = services.sign_opinion(
        pages.opinion, people.rep_b, expected_version=pages.opinion.state_version
    )
    pages.opinion.refresh_from_db()
    client.force_login(people.rep_a)
    data = {
        "version": pages.opinion.state_version,
        "signature": theirs.pk,
        **hostile_fields(people),
    }
    client.post(f"/opinie/{pages.opinion.pk}/wycofanie/", data)
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None
    guard()


@pytest.mark.django_db
def test_contact_form(client, pages, people, guard):
    from wagtail.contrib.forms.models import FormSubmission

    fields = {f.clean_name: f for f in pages.contact.form_fields.all()}
    data = dict.fromkeys(fields, "Dzień dobry")
    for name, field in fields.items():
        if field.field_type == "email":
            data[name] = "pytanie@example.test"
        if field.field_type == "checkbox":
            data[name] = "on"
    data.update(hostile_fields(people))
    response = client.post(pages.contact.url, data)

    assert response.status_code == 200
    submission = FormSubmission.objects.get()
    # The form's own fields and its honeypot (left empty); nothing posted beside them.
    allowed = set(fields) | {"website_url"}
    assert set(submission.form_data) <= allowed, set(submission.form_data) - allowed
    assert not submission.form_data.get("website_url")
    guard()
