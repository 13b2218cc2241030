"""A conference with registrations is never deleted: not in the editor, not in
bulk, not with its parent, not from code. A conference nobody registered for may be.
"""

import pytest
from django.db.models import ProtectedError
from wagtail.models import Page

from conferences.models import ConferencePage, Registration
from conferences.services.registration import register_participants
from tests.factories.conferences import conference_index, make_conference, participant
from tests.factories.members import CentreFactory, UserFactory, representative

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


@pytest.fixture
def admin(client):
    user = UserFactory(email="admin@razem.test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def registered(home_page):
    conference = make_conference(title="Konferencja z uczestnikami")
    centre = CentreFactory()
    register_participants(
        conference=conference,
        centre=centre,
        user=representative(centre),
        participants=[participant(1)],
    )
    return conference


def test_the_editor_offers_no_delete_and_refuses_it(client, admin, registered):
    assert not registered.permissions_for_user(admin).can_delete()
    response = client.post(f"/admin/pages/{registered.pk}/delete/")
    assert response.status_code in (302, 403)  # Wagtail's refusal: back to the admin
    assert ConferencePage.objects.filter(pk=registered.pk).exists()
    assert Registration.objects.filter(conference=registered).count() == 1


def test_a_conference_without_registrations_can_be_deleted(client, admin, home_page):
    empty = make_conference(title="Konferencja bez zgłoszeń")
    assert empty.permissions_for_user(admin).can_delete()
    client.post(f"/admin/pages/{empty.pk}/delete/")
    assert not ConferencePage.objects.filter(pk=empty.pk).exists()


def test_bulk_delete_refuses_a_conference_with_registrations(client, admin, registered):
    parent = registered.get_parent()
    url = f"/admin/bulk/wagtailcore/page/delete/?id={registered.pk}&childOf={parent.pk}"
    client.post(url)
    assert ConferencePage.objects.filter(pk=registered.pk).exists()


def test_deleting_the_parent_is_refused_with_a_polish_message(
    client, admin, registered
):
    index = registered.get_parent()
    response = client.post(f"/admin/pages/{index.pk}/delete/", follow=True)
    assert Page.objects.filter(pk=index.pk).exists()
    assert ConferencePage.objects.filter(pk=registered.pk).exists()
    assert "nie mogą zostać usunięte" in response.content.decode()


def test_code_cannot_delete_a_conference_with_registrations(registered):
    with pytest.raises(ProtectedError):
        Page.objects.get(pk=registered.get_parent().pk).delete()
    with pytest.raises(ProtectedError):
        registered.delete()
    assert Registration.objects.filter(conference=registered).count() == 1


def test_an_index_without_registered_conferences_can_still_go(client, admin, home_page):
    other = conference_index()
    assert other.permissions_for_user(admin).can_delete()
