"""The demo loader: idempotent, with the 2024 letter, an open opinion and a draft law."""

import io
from importlib import import_module

import pytest
from django.core import mail
from pypdf import PdfReader

from consultations import services
from consultations.choices import OpinionState
from consultations.models import DraftLaw, OpinionPage, Signature

pytestmark = pytest.mark.django_db


def _load(module_name):
    import_module(module_name).load(io.StringIO())


def test_demo_without_centres_skips_signatures_gracefully(home_page):
    from razem import demo as razem_demo

    razem_demo.load(io.StringIO())
    out = io.StringIO()
    import_module("consultations.demo").load(out)
    assert "no demo centres" in out.getvalue()
    assert OpinionPage.objects.count() == 3
    assert not Signature.objects.exists()


def test_demo_loads_twice_and_the_representative_can_sign(
    home_page, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    with django_capture_on_commit_callbacks(execute=True):
        for name in ("razem.demo", "members.demo", "consultations.demo"):
            _load(name)
        _load("consultations.demo")
    assert OpinionPage.objects.count() == 3
    assert DraftLaw.objects.filter(number="UD245").count() == 1

    letter = OpinionPage.objects.get(slug="dodatek-motywacyjny-2024-2027")
    assert letter.state == OpinionState.SENT
    assert letter.sent_on.isoformat() == "2024-07-01"
    pdf = letter.letter_pdf.open("rb").read()
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "dodatku motywacyjnego na lata 2024-2027" in text
    assert "Wyśmierzycach" in text and "Starachowicach" in text

    opened = OpinionPage.objects.get(slug="uslugi-opiekuncze-2027")
    assert opened.state == OpinionState.OPEN and opened.is_signing_open
    signed = set(
        Signature.objects.active()
        .filter(opinion=opened)
        .values_list("centre__municipality__teryt", flat=True)
    )
    assert "2611011" in signed and "1012011" in signed and "1401063" not in signed
    # Opening e-mailed the representatives.
    assert any("kierownik@mgops-wysmierzyce.test" in m.to for m in mail.outbox)

    kierownik = get_user_model().objects.get(email="kierownik@mgops-wysmierzyce.test")
    services.sign_opinion(opened, kierownik)
    assert (
        Signature.objects.active()
        .filter(opinion=opened, centre__municipality__teryt="1401063")
        .exists()
    )
    draft = OpinionPage.objects.get(slug="opinia-ud245")
    assert draft.state == OpinionState.DRAFT and draft.comments.count() == 1


def test_the_demo_letter_was_published_and_has_its_page_record(
    client, home_page, django_capture_on_commit_callbacks
):
    """The sent 2024 letter went through revisions and publishing like a page
    published in the editor: its record names who and when, dated 2024."""
    from razem.templatetags.razem_tags import page_record_context

    with django_capture_on_commit_callbacks(execute=True):
        for name in ("razem.demo", "members.demo", "consultations.demo"):
            _load(name)
    letter = OpinionPage.objects.get(slug="dodatek-motywacyjny-2024-2027")
    assert letter.live and not letter.has_unpublished_changes
    live = letter.live_revision
    assert live is not None and live.pk == letter.latest_revision_id
    assert live.user is not None and live.content["state"] == OpinionState.SENT
    assert live.content["signing_deadline"].startswith("2024-06-25")
    assert live.as_object().letter_snapshot() == letter.frozen_content
    record = page_record_context(letter)
    assert record["created_by"].email == "redakcja@razem.test"
    assert record["created_at"].year == 2024
    assert record["first_published_at"].date().isoformat() == "2024-06-03"
    assert record["last_changed_at"].date().isoformat() == "2024-07-01"
    assert record["last_changed_by"] is not None and len(record["revisions"]) == 2
    html = client.get(letter.url).content.decode()
    assert "Metryczka" in html and "3 czerwca 2024" in html and "Redakcyjna" in html
    for slug in ("uslugi-opiekuncze-2027", "opinia-ud245"):
        other = OpinionPage.objects.get(slug=slug)
        assert other.live_revision.user is not None and other.owner is not None
