"""Who may invite whom, one pending invitation per address, and what a
representative may learn: the "Mój ośrodek" invite form and the service."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.choices import InvitationRefusal, Role
from members.exceptions import (
    AlreadyInCentre,
    InvitationPending,
    InvitationRefused,
    NotAllowed,
)
from members.models import Invitation
from members.services import create_invitation
from tests.factories.members import UserFactory, invitation, representative

URL = "/moj-osrodek/osoby/zapros/"


def invite(client, email, **extra):
    return client.post(
        URL, {"email": email, "first_name": "", "last_name": "", **extra}, follow=True
    )


def visible_outcome(response):
    """What the representative sees: where they land, the message, the pending list
    (row ids and the CSRF token, which differ anyway, taken out)."""
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    html = re.sub(r"/zaproszenia/\d+/", "/zaproszenia/ID/", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    return response.redirect_chain, html


@pytest.fixture
def fresh_outcome(client, rep_a, django_capture_on_commit_callbacks):
    """What inviting a never-seen address looks like, for comparison."""
    client.force_login(rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, "swieza@example.test")
    chain, html = visible_outcome(response)
    Invitation.objects.all().delete()
    mail.outbox.clear()
    return chain, html.replace("swieza@example.test", "ADDRESS")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["other_centre", "staff", "superuser", "pending"])
def test_the_answer_for_an_address_that_cannot_join_looks_like_a_fresh_one(
    client,
    rep_a,
    rep_b,
    centre_b,
    fresh_outcome,
    kind,
    django_capture_on_commit_callbacks,
):
    address = {
        "other_centre": "rep-b@example.test",
        "staff": "redaktor@razem.test",
        "superuser": "szef@razem.test",
        "pending": "oczekuje@example.test",
    }[kind]
    if kind in ("staff", "superuser"):
        UserFactory(email=address, is_staff=True, is_superuser=kind == "superuser")
    if kind == "pending":
        invitation(centre_b, email=address)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, address.upper())
    chain, html = visible_outcome(response)
    assert (chain, html.replace(address, "ADDRESS")) == fresh_outcome
    refused = Invitation.objects.get(centre=rep_a.membership.centre)
    assert refused.refusal != ""
    assert not refused.is_usable
    [message] = mail.outbox
    assert message.to == [address]
    assert "/konto/zaproszenie/" not in message.body
    assert "nie został wysłany" in message.body


@pytest.mark.django_db
def test_a_representative_cannot_join_the_superuser_by_a_unicode_variant(
    client, rep_a, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, "ａｄｍｉｎ@Example.TEST")
    # Full-width letters are refused as typed (members.validators), for any
    # address alike, so the answer tells nothing about the account.
    assert "wygląda na zwykły" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not mail.outbox
    # A variant that reaches the service anyway folds to the same address.
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, "ADMIN@Example.TEST")
    refused = Invitation.objects.get()
    assert refused.email == "admin@example.test"
    assert refused.refusal == InvitationRefusal.ADMIN_ACCOUNT
    assert all("/konto/zaproszenie/" not in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_a_fresh_address_gets_the_link(
    client, rep_a, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, "Nowa@Example.test")
    assert "Zaproszenie wysłano na adres nowa@example.test." in (
        response.content.decode()
    )
    created = Invitation.objects.get()
    assert created.is_usable and created.refusal == ""
    [message] = mail.outbox
    assert "/konto/zaproszenie/" in message.body


@pytest.mark.django_db
def test_the_same_centre_inviting_an_address_again_is_told_beside_the_field(
    client, rep_a, centre_a
):
    first, _token = invitation(centre_a, email="ewa@example.test")
    first.created_at = timezone.now() - timedelta(hours=1)
    first.save()
    client.force_login(rep_a)
    html = invite(client, "EWA@example.test").content.decode()
    assert "Ten adres został już zaproszony" in html
    assert 'id="id_email_error"' in html
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_a_person_of_the_own_centre_is_told_beside_the_field(client, rep_a, staff_a):
    client.force_login(rep_a)
    html = invite(client, "Staff-A@example.test").content.decode()
    assert "Ta osoba należy już do tego ośrodka." in html
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_double_submit_sends_one_invitation(
    client, rep_a, django_capture_on_commit_callbacks
):
    client.force_login(rep_a)
    with django_capture_on_commit_callbacks(execute=True):
        first = invite(client, "nowa@example.test")
        second = invite(client, "nowa@example.test")
    assert first.redirect_chain == second.redirect_chain
    assert "Zaproszenie wysłano" in second.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_expired_invitation_frees_the_address(rep_a, centre_a, centre_b):
    old, _token = invitation(
        centre_b, email="ewa@example.test", expires_at=timezone.now()
    )
    created, token = create_invitation(
        centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=rep_a
    )
    assert token is not None and created.is_usable
    old.refresh_from_db()
    assert old.closed_at is not None


@pytest.mark.django_db
def test_a_second_centre_cannot_take_over_a_pending_invitation(
    rep_a, centre_a, centre_b
):
    pending, _token = invitation(centre_b, email="ewa@example.test")
    created, token = create_invitation(
        centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=rep_a
    )
    assert token is None
    assert created.refusal == InvitationRefusal.PENDING_ELSEWHERE
    pending.refresh_from_db()
    assert pending.is_usable


@pytest.mark.django_db
def test_the_refused_row_is_withdrawn_like_any_other(client, rep_a, rep_b):
    client.force_login(rep_a)
    invite(client, "rep-b@example.test")
    refused = Invitation.objects.get()
    response = client.post(f"/moj-osrodek/zaproszenia/{refused.pk}/wycofaj/")
    assert response.status_code == 302
    refused.refresh_from_db()
    assert refused.closed_at is not None


@pytest.mark.django_db
def test_inviting_is_rate_limited_per_representative_wherever_they_connect(
    client, rep_a
):
    client.force_login(rep_a)
    for number in range(20):
        invite(client, f"osoba{number}@example.test", REMOTE_ADDR=f"10.0.0.{number}")
    response = client.post(
        URL, {"email": "jeszcze@example.test"}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 200
    assert (
        "Wysłano wiele zaproszeń w krótkim czasie. Spróbuj ponownie za 60 minut."
        in response.content.decode()
    )
    assert Invitation.objects.count() == 20


@pytest.mark.django_db
def test_the_invite_form_limits_its_inputs(client, rep_a):
    client.force_login(rep_a)
    response = client.post(
        URL, {"email": "a" * 300 + "@example.test", "first_name": "x" * 151}
    )
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not Invitation.objects.exists()


# The service: who may invite whom ---------------------------------------------------


@pytest.mark.django_db
def test_staff_of_a_centre_cannot_invite(staff_a, centre_a):
    with pytest.raises(NotAllowed):
        create_invitation(
            centre_a, email="x@example.test", role=Role.STAFF, invited_by=staff_a
        )


@pytest.mark.django_db
def test_a_representative_cannot_invite_a_representative(rep_a, centre_a):
    with pytest.raises(NotAllowed):
        create_invitation(
            centre_a,
            email="x@example.test",
            role=Role.REPRESENTATIVE,
            invited_by=rep_a,
        )


@pytest.mark.django_db
def test_a_representative_cannot_invite_to_another_centre(rep_a, centre_b):
    with pytest.raises(NotAllowed):
        create_invitation(
            centre_b, email="x@example.test", role=Role.STAFF, invited_by=rep_a
        )


@pytest.mark.django_db
def test_the_office_is_told_the_reason(admin_user, centre_a, centre_b, rep_b):
    with pytest.raises(InvitationRefused, match="innego ośrodka"):
        create_invitation(
            centre_a, email="REP-B@example.test", role=Role.STAFF, invited_by=admin_user
        )
    invitation(centre_b, email="ewa@example.test")
    with pytest.raises(InvitationRefused, match="oczekujące zaproszenie"):
        create_invitation(
            centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=admin_user
        )
    with pytest.raises(InvitationPending):
        create_invitation(
            centre_b, email="ewa@example.test", role=Role.STAFF, invited_by=admin_user
        )
    with pytest.raises(AlreadyInCentre):
        create_invitation(
            centre_b, email="rep-b@example.test", role=Role.STAFF, invited_by=admin_user
        )
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_the_office_may_invite_a_representative_to_any_centre(admin_user, centre_b):
    created, token = create_invitation(
        centre_b,
        email="nowy@example.test",
        role=Role.REPRESENTATIVE,
        invited_by=admin_user,
    )
    assert token and created.role == Role.REPRESENTATIVE


@pytest.mark.django_db
def test_a_person_removed_from_a_centre_may_be_invited_again(rep_a, centre_a):
    person = representative(email="byla@example.test")
    person.membership.delete()
    created, token = create_invitation(
        centre_a, email="byla@example.test", role=Role.STAFF, invited_by=rep_a
    )
    assert token is not None


@pytest.mark.django_db
def test_withdrawn_invitations_are_deleted_90_days_after_withdrawal(rep_a, centre_a):
    from members.services.invitations import cancel_invitation
    from members.services.retention import delete_stale_invitations

    created, _token = invitation(centre_a)
    cancel_invitation(created, user=rep_a)
    Invitation.objects.filter(pk=created.pk).update(
        closed_at=timezone.now() - timedelta(days=91),
        expires_at=timezone.now() + timedelta(days=30),
    )
    assert delete_stale_invitations() == 1
    assert not Invitation.objects.exists()
