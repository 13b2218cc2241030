"""Gminy of one name (urban and rural) are told apart by their kind wherever a
centre or a gmina is shown or chosen."""

import pytest

from tests.factories.members import CentreFactory, MunicipalityFactory, representative


@pytest.fixture
def twin_centres(db):
    """Ośrodek Pomocy Społecznej w Lipnie twice: the town and the rural gmina."""
    town = MunicipalityFactory(
        name="Lipno", kind="miejska", teryt="0408011", powiat="lipnowski"
    )
    rural = MunicipalityFactory(
        name="Lipno", kind="wiejska", teryt="0408062", powiat="lipnowski"
    )
    name = "Ośrodek Pomocy Społecznej w Lipnie"
    return (
        CentreFactory(name=name, kind="OPS", municipality=town),
        CentreFactory(name=name, kind="OPS", municipality=rural),
    )


@pytest.mark.django_db
def test_the_directory_names_the_kind_of_each_gmina(client, twin_centres):
    html = client.get("/czlonkowie/").content.decode()
    assert "gmina miejska Lipno, powiat lipnowski" in html
    assert "gmina wiejska Lipno, powiat lipnowski" in html


@pytest.mark.django_db
def test_my_centre_names_the_kind_of_its_gmina(client, twin_centres):
    client.force_login(representative(twin_centres[1]))
    html = client.get("/moj-osrodek/").content.decode()
    assert "gmina wiejska Lipno, powiat lipnowski" in html


@pytest.mark.django_db
def test_admin_choosers_name_the_kind_of_the_gmina(client, admin_user, twin_centres):
    client.force_login(admin_user)
    invite = client.get("/admin/members/invitation/new/").content.decode()
    assert (
        "Ośrodek Pomocy Społecznej w Lipnie – Lipno (miejska, pow. lipnowski)" in invite
    )
    assert (
        "Ośrodek Pomocy Społecznej w Lipnie – Lipno (wiejska, pow. lipnowski)" in invite
    )
    edit = client.get(f"/admin/members/centre/edit/{twin_centres[0].pk}/")
    html = edit.content.decode()
    assert "Lipno (miejska, pow. lipnowski)" in html
    assert "Lipno (wiejska, pow. lipnowski)" in html
    listing = client.get("/admin/members/centre/").content.decode()
    assert "Lipno (miejska" in listing and "Lipno (wiejska" in listing
