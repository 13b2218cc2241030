"""What a refusal page shows back of a refused form (razem.typed_text), as the
browser trial read it: the labels the person saw in Polish, never field names, no
button values as typed text, a ticked consent as "tak"; and the contact e-mail to
the office says "Zgoda: tak", never "Zgoda: True"."""

import pytest
from django.core import mail
from django.test import Client

from razem.demo import ensure_contact_page
from tests.factories.members import CentreFactory, centre_staff

pytestmark = pytest.mark.django_db

CONTACT = {
    "imie_i_nazwisko": "Maria Zielińska",
    "e_mail": "maria@gops.example.test",
    "temat": "Konferencja 2025",
    "wiadomosc": "Czy są jeszcze wolne miejsca na warsztaty?",
    "zgoda": "on",
}


def shown(html: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of the page's "what you typed" section."""
    import re

    section = html.split('class="typed-text"', 1)[1].split("</section>", 1)[0]
    return re.findall(
        r'<label for="typed-text-\d+">([^<]*)</label>\s*'
        r'<textarea id="typed-text-\d+" rows="\d+" readonly>([^<]*)</textarea>',
        section,
    )


def test_an_expired_contact_form_shows_the_editors_labels_and_consent_as_tak(
    home_page,
):
    contact = ensure_contact_page(home_page, None)
    client = Client(enforce_csrf_checks=True)
    response = client.post(contact.url, CONTACT)
    assert response.status_code == 403
    pairs = shown(response.content.decode())
    assert pairs == [
        ("Imię i nazwisko", "Maria Zielińska"),
        ("E-mail", "maria@gops.example.test"),
        ("Temat", "Konferencja 2025"),
        ("Wiadomość", "Czy są jeszcze wolne miejsca na warsztaty?"),
        ("Zgoda", "tak"),
    ]


def test_a_refused_invitation_shows_polish_labels_not_field_names(client, home_page):
    client.force_login(centre_staff(CentreFactory()))
    response = client.post(
        "/moj-osrodek/osoby/zapros/",
        {"email": "nowa@example.test", "first_name": "Zofia", "last_name": "Wrona"},
    )
    assert response.status_code == 403
    pairs = shown(response.content.decode())
    assert pairs == [
        ("Adres e-mail", "nowa@example.test"),
        ("Imię", "Zofia"),
        ("Nazwisko", "Wrona"),
    ]
    assert "Email" not in response.content.decode()


def test_button_values_are_not_typed_text(home_page):
    """The application form's two buttons (search, send) post `action`."""
    client = Client(enforce_csrf_checks=True)
    for action in ("search", "submit"):
        response = client.post(
            "/przystap/",
            {
                "action": action,
                "q": "Radomsko",
                "name": "Miejski Ośrodek Pomocy Społecznej",
                "message": "Prosimy o przyjęcie.",
            },
        )
        assert response.status_code == 403
        pairs = shown(response.content.decode())
        values = [value for _label, value in pairs]
        assert action not in values
        assert "Radomsko" in values and "Prosimy o przyjęcie." in values
        labels = [label for label, _value in pairs]
        assert "Nazwa gminy" in labels
        assert not {"Action", "Q", "Name", "Message"} & set(labels)


def test_a_field_no_form_knows_keeps_a_readable_polish_label(rf, home_page):
    from razem.typed_text import typed_text

    request = rf.post(
        "/",
        {"email": "kto@example.test", "submit": "send", "zgoda": "on", "q": "xyz"},
    )
    assert [(t["label"], t["value"]) for t in typed_text(request)] == [
        ("Adres e-mail", "kto@example.test"),
        ("Szukane słowa", "xyz"),
    ]


def test_the_contact_message_to_the_office_says_zgoda_tak(
    client, home_page, settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    contact = ensure_contact_page(home_page, None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(contact.url, CONTACT)
    body = mail.outbox[0].body
    assert "Zgoda: tak" in body
    assert "True" not in body


def test_no_shipped_polish_says_wprowadz_with_the_wrong_letter():
    """allauth's Polish catalogue wrote "Wprowadż"; the house's catalogue
    (razem/locale, before allauth in INSTALLED_APPS) corrects every such entry."""
    from pathlib import Path

    import allauth
    import wagtail
    from django.utils import translation
    from django.utils.translation import gettext

    msgids = []
    for package in (allauth, wagtail):
        for po in Path(package.__file__).parent.rglob("locale/pl/LC_MESSAGES/*.po"):
            text = po.read_text(encoding="utf-8")
            for block in text.split("\n\n"):
                if "Wprowadż" in block and "msgid_plural" not in block:
                    msgid = block.split('msgid "', 1)[1].split('"\nmsgstr', 1)[0]
                    msgids.append(msgid.replace('"\n"', ""))
    assert msgids  # the typo is still in the third-party catalogue
    with translation.override("pl"):
        for msgid in msgids:
            assert "Wprowadż" not in gettext(msgid), msgid
        assert gettext("Enter your password:") == "Wprowadź hasło:"
