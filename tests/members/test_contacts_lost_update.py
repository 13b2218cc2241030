"""Two tabs editing the centre's contacts: the later save does not silently
overwrite the earlier one. The form carries the contacts it showed (signed); a
stale save is refused in Polish, shows beside each field what was saved
meanwhile, keeps the typed text, and saves once sent again."""

import re

import pytest
from django.core import signing

from members.exceptions import ContactsChanged
from members.models import Centre
from members.services import update_centre_contacts
from members.services.centres import contacts_version, read_contacts_version

from .test_my_centre import contacts

URL = "/moj-osrodek/dane/"


def version_in(html: str) -> str:
    return re.search(r'name="version" value="([^"]+)"', html).group(1)


def said(html: str, field: str) -> str:
    error = re.search(rf'id="id_{field}_error">(.*?)</ul>', html, re.S)
    return " ".join(error.group(1).split()) if error else ""


@pytest.mark.django_db
def test_the_later_of_two_tabs_is_refused_and_keeps_its_text(client, centre_a, rep_a):
    client.force_login(rep_a)
    first_tab = version_in(client.get(URL).content.decode())
    second_tab = version_in(client.get(URL).content.decode())
    saved = client.post(URL, contacts(phone="+48 44 111 11 11", version=first_tab))
    assert saved.status_code == 302
    response = client.post(
        URL, contacts(phone="+48 44 222 22 22", city="Betowo", version=second_tab)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ktoś zapisał dane kontaktowe ośrodka" in html.lower()
    assert "+48 44 111 11 11" in said(html, "phone")
    assert 'value="+48 44 222 22 22"' in html  # the typed text is kept
    assert 'value="Betowo"' in html
    centre_a.refresh_from_db()
    assert centre_a.phone == "+48 44 111 11 11"
    assert centre_a.city == "Alfowo"
    # Sent again from the refused page (now starting from the saved contacts).
    again = client.post(
        URL,
        contacts(phone="+48 44 222 22 22", city="Betowo", version=version_in(html)),
    )
    assert again.status_code == 302
    centre_a.refresh_from_db()
    assert (centre_a.phone, centre_a.city) == ("+48 44 222 22 22", "Betowo")


@pytest.mark.django_db
def test_a_save_meanwhile_by_the_office_is_not_overwritten(client, centre_a, rep_a):
    client.force_login(rep_a)
    tab = version_in(client.get(URL).content.decode())
    Centre.objects.filter(pk=centre_a.pk).update(director="Dyrektor z biura")
    response = client.post(URL, contacts(version=tab))
    assert "Dyrektor z biura" in said(response.content.decode(), "director")
    centre_a.refresh_from_db()
    assert centre_a.director == "Dyrektor z biura"


@pytest.mark.django_db
def test_a_forged_version_is_refused(client, centre_a, rep_a):
    client.force_login(rep_a)
    response = client.post(URL, contacts(version="forged"))
    assert response.status_code == 200
    assert "Ten formularz jest nieaktualny" in response.content.decode()
    centre_a.refresh_from_db()
    assert centre_a.director == "Joanna Wójcik"


@pytest.mark.django_db
def test_the_service_refuses_a_stale_save_from_any_caller(centre_a, rep_a):
    seen = read_contacts_version(contacts_version(centre_a))
    update_centre_contacts(
        centre_a, user=rep_a, data={"city": "Gammowo"}, seen=dict(seen)
    )
    with pytest.raises(ContactsChanged) as stale:
        update_centre_contacts(
            centre_a, user=rep_a, data={"phone": "+48 1"}, seen=dict(seen)
        )
    assert stale.value.changes == {"city": [seen["city"], "Gammowo"]}
    centre_a.refresh_from_db()
    assert centre_a.phone != "+48 1"
    with pytest.raises(signing.BadSignature):
        read_contacts_version(signing.dumps({"city": "x"}, salt="other"))
