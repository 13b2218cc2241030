"""The co-signers' list names each gmina with its kind (miejska, wiejska,
miejsko-wiejska) and reads in Polish order (Ć after C, Ł after L, Ż last) on the
public page, in the letter's annex, in the office's e-mail and in the console,
whatever the database's own collation."""

import re

import pytest
from django.core import mail

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Signature
from consultations.services.letters import ordered_signatories, render_letter_html
from tests.factories.members import CentreFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

# (gmina, kind) in Polish order; a binary collation would put Ć, Ł after Z.
GMINY = [
    ("Cedynia", "miejsko-wiejska"),
    ("Ćmielów", "miejsko-wiejska"),
    ("Dębica", "miejska"),
    ("Lublin", "miejska"),
    ("Łask", "miejsko-wiejska"),
    ("Mława", "miejska"),
    ("Zabrze", "miejska"),
    ("Żary", "wiejska"),
]
EXPECTED = [f"{name} (gmina {kind})" for name, kind in GMINY]


@pytest.fixture
def signed(make_opinion):
    """An open opinion co-signed by centres of the gminy above (in shuffled order)."""
    opinion = make_opinion(state=OpinionState.OPEN)
    for number, (name, kind) in enumerate(reversed(GMINY)):
        centre = CentreFactory(
            name=f"{name} – Ośrodek Pomocy Społecznej",
            municipality=MunicipalityFactory(
                teryt=f"{3000000 + number:07d}",
                name=name,
                kind=kind,
                voivodeship="mazowieckie",
            ),
        )
        Signature.objects.create(opinion=opinion, centre=centre)
    return opinion


def _in_order(text: str) -> list[str]:
    found = [(text.find(label), label) for label in EXPECTED]
    assert all(position >= 0 for position, _label in found), text[:3000]
    return [label for _position, label in sorted(found)]


def test_the_order_is_polish_and_each_gmina_has_its_kind(signed):
    rows = ordered_signatories(signed)
    assert [row.municipality_label for row in rows] == EXPECTED


def test_the_public_page_lists_gminy_with_their_kind_in_polish_order(client, signed):
    html = client.get(signed.url).content.decode()
    table = html[html.index('class="opinion__signatories"') :]
    assert _in_order(table) == EXPECTED


def test_the_letters_annex_lists_them_the_same_way(signed):
    html = render_letter_html(signed)
    annex = html[html.index('class="annex"') :]
    assert _in_order(annex) == EXPECTED


def test_the_office_email_lists_them_the_same_way(
    signed, admin_user, settings, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_signing(signed, admin_user)
    (message,) = [m for m in mail.outbox if settings.RAZEM_STAFF_EMAIL in m.to]
    lines = [
        re.sub(r"^\d+\. ", "", line)
        for line in message.body.splitlines()
        if re.match(r"^\d+\. ", line)
    ]
    assert len(lines) == len(GMINY)
    assert _in_order("\n".join(lines)) == EXPECTED


def test_the_console_lists_them_the_same_way(client, signed, admin_user):
    client.force_login(admin_user)
    html = client.get(f"/admin/opinie/{signed.pk}/").content.decode()
    assert _in_order(html) == EXPECTED
