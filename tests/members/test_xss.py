"""Script payloads in every text field of an application come back escaped."""

import pytest

from members.models import Application
from members.services import accept_application
from tests.factories.members import MunicipalityFactory

PAYLOAD = "<script>alert(1)</script>"  # fits the 40-character phone fields
TEXT_FIELDS = [
    "centre_name",
    "street",
    "city",
    "centre_phone",
    "director",
    "first_name",
    "last_name",
    "phone",
    "position",
    "message",
]


@pytest.fixture
def hostile(db, client):
    gmina = MunicipalityFactory(teryt="1401063", name="Wyśmierzyce")
    data = {
        "municipality": gmina.teryt,
        "kind": "GOPS",
        "postal_code": "26-811",
        "centre_email": "gops@example.test",
        "email": "atak@example.test",
        "privacy": "on",
    }
    for field in TEXT_FIELDS:
        data[field] = f"{field} {PAYLOAD}"
    response = client.post("/przystap/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Application.objects.get()


def assert_escaped(html):
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_every_field_was_stored_verbatim(hostile):
    for field in TEXT_FIELDS:
        assert getattr(hostile, field).endswith(PAYLOAD)


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["", "inspect/{pk}/", "accept/{pk}/", "reject/{pk}/"])
def test_staff_see_it_escaped_in_the_admin(client, admin_user, hostile, view):
    client.force_login(admin_user)
    html = client.get(
        "/admin/members/application/" + view.format(pk=hostile.pk)
    ).content.decode()
    assert_escaped(html)
    if view:
        for field in TEXT_FIELDS:
            assert f"{field} &lt;script&gt;" in html


@pytest.mark.django_db
def test_public_directory_shows_it_escaped(client, admin_user, hostile):
    accept_application(hostile, user=admin_user)
    html = client.get("/czlonkowie/").content.decode()
    assert_escaped(html)
    assert "centre_name &lt;script&gt;" in html
    assert "city &lt;script&gt;" in html


@pytest.mark.django_db
def test_centre_page_shows_it_escaped(client, admin_user, hostile):
    from tests.factories.members import representative

    centre, _invitation = accept_application(hostile, user=admin_user)
    client.force_login(representative(centre))
    html = client.get("/moj-osrodek/").content.decode()
    assert_escaped(html)
    assert "director &lt;script&gt;" in html


@pytest.mark.django_db
def test_directory_link_text_cannot_break_out_of_attributes(
    client, admin_user, hostile
):
    hostile.website = 'https://example.test/"><script>alert(2)</script>'
    hostile.save(update_fields=["website"])
    accept_application(hostile, user=admin_user)
    html = client.get("/czlonkowie/").content.decode()
    assert "<script>alert(2)" not in html
