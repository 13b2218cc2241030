"""Only a pending invitation blocks a new one: refused, withdrawn, used and expired
invitations of an address never count as "already invited" (docs/rules.md,
"Members", "Invitations", one pending invitation per address)."""

import pytest
from django.core import mail
from django.utils import timezone

from members.choices import InvitationRefusal, Role
from members.models import Invitation
from members.services import create_invitation
from members.services.centres import remove_person
from members.services.invitations import refusal_message
from tests.factories.members import CentreFactory, invitation, representative

INVITATIONS = "/admin/members/invitation/"


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_a_refused_invitation_does_not_answer_a_new_one_once_the_reason_is_gone(
    rep_a, centre_a, centre_b, django_capture_on_commit_callbacks
):
    other = representative(centre_b, email="ewa@example.test")
    representative(centre_b, email="druga@example.test")
    refused, token = create_invitation(
        centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=rep_a
    )
    assert token is None and refused.refusal == InvitationRefusal.OTHER_CENTRE
    remove_person(
        other.membership, user=centre_b.memberships.exclude(user=other).get().user
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        created, token = create_invitation(
            centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=rep_a
        )
    assert token is not None
    assert created.pk != refused.pk and created.is_usable
    [message] = mail.outbox
    assert "/konto/zaproszenie/" in message.body


@pytest.mark.django_db
def test_a_double_submit_for_a_refused_address_is_still_one_row(
    rep_a, centre_a, centre_b
):
    representative(centre_b, email="ewa@example.test")
    first, _token = create_invitation(
        centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=rep_a
    )
    second, _token = create_invitation(
        centre_a, email="ewa@example.test", role=Role.STAFF, invited_by=rep_a
    )
    assert first.pk == second.pk
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["withdrawn", "used", "expired", "refused"])
def test_only_a_pending_invitation_is_already_invited(centre_a, state):
    now = timezone.now()
    extra = {
        "withdrawn": {"closed_at": now},
        "used": {"used_at": now},
        "expired": {"expires_at": now},
        "refused": {"refusal": InvitationRefusal.OTHER_CENTRE},
    }[state]
    invitation(CentreFactory(), email="ewa@example.test", **extra)
    assert refusal_message("ewa@example.test", centre_a) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("own_centre", [True, False])
def test_the_office_invites_again_an_address_whose_invitation_expired(
    staff_client, own_centre, django_capture_on_commit_callbacks
):
    centre = CentreFactory(name="GOPS Admin")
    old, _token = invitation(
        centre if own_centre else CentreFactory(),
        email="ewa@example.test",
        expires_at=timezone.now(),
    )
    data = {"centre": centre.pk, "email": "ewa@example.test", "role": Role.STAFF}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"{INVITATIONS}new/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    created = Invitation.objects.exclude(pk=old.pk).get()
    assert created.is_usable
    old.refresh_from_db()
    assert old.closed_at is not None
