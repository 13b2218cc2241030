"""A centre that has left the association ("były członek"): its representative
neither invites people nor changes its data, on any path (the page, its forms typed
or stale, the services); the office still may invite, e.g. for a centre rejoining.
Found in the final browser trial of issue 10."""

import pytest
from django.core import mail

from members.choices import CentreStatus, Role
from members.exceptions import CentreNotActive
from members.models import Centre, Invitation
from members.services import create_invitation, update_centre_contacts

pytestmark = pytest.mark.django_db

NOTICE = "nie jest już członkiem stowarzyszenia"


@pytest.fixture
def former(centre_a):
    Centre.objects.filter(pk=centre_a.pk).update(status=CentreStatus.FORMER)
    centre_a.refresh_from_db()
    return centre_a


def test_the_page_says_so_and_offers_neither_action(client, rep_a, former):
    client.force_login(rep_a)
    html = client.get("/moj-osrodek/").content.decode()
    assert NOTICE in " ".join(html.split())
    assert 'action="/moj-osrodek/osoby/zapros/"' not in html
    assert "/moj-osrodek/dane/" not in html


def test_the_forms_typed_or_stale_change_nothing(client, rep_a, former):
    client.force_login(rep_a)
    for url in ("/moj-osrodek/dane/", "/moj-osrodek/osoby/zapros/"):
        assert client.get(url).url == "/moj-osrodek/"
    invited = client.post(
        "/moj-osrodek/osoby/zapros/",
        {"email": "nowa@example.test", "first_name": "", "last_name": ""},
    )
    assert invited.status_code == 302 and invited.url == "/moj-osrodek/"
    edited = client.post("/moj-osrodek/dane/", {"director": "Ktoś Inny"})
    assert edited.status_code == 302
    former.refresh_from_db()
    assert former.director != "Ktoś Inny"
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_the_services_refuse_the_representative(rep_a, former):
    with pytest.raises(CentreNotActive):
        create_invitation(
            former, email="nowa@example.test", role=Role.STAFF, invited_by=rep_a
        )
    with pytest.raises(CentreNotActive):
        update_centre_contacts(former, user=rep_a, data={"director": "Ktoś Inny"})
    assert not Invitation.objects.exists()


def test_the_office_may_still_invite(former, admin_user):
    invitation, token = create_invitation(
        former,
        email="nowa@example.test",
        role=Role.REPRESENTATIVE,
        invited_by=admin_user,
    )
    assert token and invitation.pk
