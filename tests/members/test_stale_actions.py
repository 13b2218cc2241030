"""Stale tabs and double submits on "Mój ośrodek": removing a person already
removed, handing the role to them, withdrawing an invitation already withdrawn,
used or expired say plainly what happened; never a 404 or 500, nothing changes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.exceptions import InvitationClosed, PersonGone
from members.models import Invitation, Membership
from members.services import remove_person
from members.services.invitations import cancel_invitation
from tests.factories.members import centre_staff, invitation


def shown(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["remove_person", "hand_over"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_person_already_removed_is_said_plainly(
    client, rep_a, staff_a, action, method
):
    url = reverse(f"members:{action}", args=[staff_a.membership.pk])
    client.force_login(rep_a)
    assert client.post(reverse("members:remove_person", args=[staff_a.membership.pk]))
    response = getattr(client, method)(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("members:my_centre")
    assert "Ta osoba nie należy już do ośrodka." in shown(response)
    assert Membership.objects.get(user=rep_a).role == "representative"


@pytest.mark.django_db
def test_a_double_submit_of_remove_is_one_removal_and_a_plain_answer(
    client, rep_a, staff_a
):
    url = reverse("members:remove_person", args=[staff_a.membership.pk])
    client.force_login(rep_a)
    first = client.post(url, follow=True)
    assert "nie należy już do ośrodka" in shown(first)  # the success message
    second = client.post(url, follow=True)
    assert second.status_code == 200
    assert shown(second) == "Ta osoba nie należy już do ośrodka."


@pytest.mark.django_db
def test_the_service_says_the_person_is_gone(rep_a, staff_a):
    membership = staff_a.membership
    Membership.objects.filter(pk=membership.pk).delete()
    with pytest.raises(PersonGone):
        remove_person(membership, user=rep_a)


@pytest.mark.django_db
def test_another_centres_person_is_still_404(client, rep_a, rep_b, centre_b):
    other = centre_staff(centre_b, email="inna@example.test")
    client.force_login(rep_a)
    url = reverse("members:remove_person", args=[other.membership.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other.membership.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "words"),
    [
        ("withdrawn", "To zaproszenie zostało już wycofane."),
        ("used", "To zaproszenie zostało już wykorzystane"),
        ("expired", "To zaproszenie już wygasło."),
        ("lapsed", "To zaproszenie już wygasło."),
    ],
)
def test_withdrawing_an_invitation_no_longer_pending_is_said_plainly(
    client, rep_a, centre_a, state, words
):
    now = timezone.now()
    extra = {
        "withdrawn": {"closed_at": now},
        "used": {"used_at": now},
        "expired": {"expires_at": now},
        "lapsed": {"expires_at": now, "closed_at": now},
    }[state]
    created, _token = invitation(centre_a, **extra)
    before = Invitation.objects.values().get(pk=created.pk)
    client.force_login(rep_a)
    url = reverse("members:cancel_invitation", args=[created.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert words in shown(response)
    assert Invitation.objects.values().get(pk=created.pk) == before


@pytest.mark.django_db
def test_a_double_submit_of_withdraw_says_it_is_withdrawn(client, rep_a, centre_a):
    created, _token = invitation(centre_a)
    client.force_login(rep_a)
    url = reverse("members:cancel_invitation", args=[created.pk])
    assert shown(client.post(url, follow=True)) == "Zaproszenie zostało wycofane."
    second = client.post(url, follow=True)
    assert shown(second) == "To zaproszenie zostało już wycofane."


@pytest.mark.django_db
def test_the_service_reads_the_invitation_again_before_withdrawing(rep_a, centre_a):
    created, _token = invitation(centre_a)
    stale = Invitation.objects.get(pk=created.pk)
    Invitation.objects.filter(pk=created.pk).update(used_at=timezone.now())
    with pytest.raises(InvitationClosed):
        cancel_invitation(stale, user=rep_a)
    created.refresh_from_db()
    assert created.closed_at is None
