"""Labels and help texts of the invitation and account pages: Polish ("Adres
e-mail", not "Email" or "E-mail address"), one colon after a label, never two."""

import re

import pytest

from tests.factories.members import invitation

LABELS = re.compile(
    r"<label[^>]*>(.*?)</label>|<legend>(.*?)</legend>|field__help[^>]*>(.*?)</p>",
    re.S,
)
ENGLISH = re.compile(r"\bEmail\b|E-mail address|\bthe\b|\bAt least\b|\bPassword\b")


def texts(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    found = []
    for match in LABELS.finditer(html):
        text = " ".join("".join(match.groups(default="")).split())
        found.append(re.sub(r"<[^>]+>", "", text).strip())
    return [text for text in found if text]


def check(response, *, address_label=True) -> list[str]:
    found = texts(response)
    assert found
    for text in found:
        assert "::" not in text, text
        assert not ENGLISH.search(text), text
    if address_label:
        assert any(text.startswith("Adres e-mail") for text in found), found
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/konto/login/", "/konto/password/reset/"])
def test_anonymous_account_pages(client, url):
    check(client.get(url))


@pytest.mark.django_db
def test_the_invitation_page(client, centre_a):
    _created, token = invitation(centre_a, email="nowy@example.test")
    found = check(client.get(f"/konto/zaproszenie/{token}/"))
    assert "Adres e-mail (Twój login):" in found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("/konto/email/", True),
        ("/moj-osrodek/osoby/zapros/", True),
        ("/konto/password/change/", False),
        ("/moj-osrodek/usun-konto/", False),
        ("/konto/reauthenticate/", False),
    ],
)
def test_logged_in_account_pages(client, rep_a, url, address):
    client.force_login(rep_a)
    check(client.get(url), address_label=address)


@pytest.mark.django_db
def test_the_office_invitation_form_says_adres_e_mail(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/members/invitation/new/").content.decode()
    assert "Adres e-mail" in html
