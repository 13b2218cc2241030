"""A closed or sent opinion in the page editor, as staff meet it in a browser.

The editor sends the body through Draftail and back on every save (whitespace
collapses, blocks get keys), so the frozen text is compared as the editor
normalises it; a real change is refused visibly, beside the field and at the top.
"""

import re

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultations import services
from consultations.choices import OpinionState
from consultations.demo import LETTER_2024_BODY, MINISTRY_ADDRESS
from consultations.models import OpinionPage

pytestmark = pytest.mark.django_db

REFUSED_AT_THE_TOP = "Strona nie została zapisana"


def _reload(page) -> OpinionPage:
    return OpinionPage.objects.get(pk=page.pk)


@pytest.fixture
def demo_sent(make_opinion, rep_a, admin_user):
    """A sent opinion with the demo letter's body (multi-line HTML) and address."""
    opinion = make_opinion(
        state=OpinionState.OPEN,
        body=LETTER_2024_BODY,
        addressee_address=MINISTRY_ADDRESS,
    )
    services.sign_opinion(opinion, rep_a)
    services.close_signing(opinion, admin_user)
    services.mark_sent(
        _reload(opinion), admin_user, sent_on=timezone.localdate(), sent_via="epuap"
    )
    return _reload(opinion)


def _read_only_form(page, **changes) -> dict:
    """The editor form of a frozen opinion as the browser posts it: the letter's
    fields are shown as text, so they are not posted."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "action-publish": "1",
    }
    data.update(changes)
    return nested_form_data(data)


def _field_errors(html: str, name: str) -> str:
    """The error block of the editor's panel of one field."""
    match = re.search(
        rf'id="panel-child-[\w-]*{name}-section".*?data-field-errors[^>]*>(.*?)</div>',
        html,
        re.S,
    )
    return match.group(1) if match else ""


def test_a_sent_demo_opinion_saves_in_the_editor(client, demo_sent, admin_user):
    frozen = demo_sent.frozen_content
    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/{demo_sent.pk}/edit/",
        _read_only_form(demo_sent, summary="Nowe streszczenie na listy."),
    )
    assert response.status_code == 302, response.context["form"].errors
    after = _reload(demo_sent)
    assert after.summary == "Nowe streszczenie na listy."
    assert after.body == frozen["body"]  # the exact text the letter was made of
    assert after.addressee_address == MINISTRY_ADDRESS
    assert after.letter_snapshot() == frozen and after.changed_frozen_fields() == []
    assert after.live_revision.as_object().body == frozen["body"]


def test_a_script_saving_the_editors_normalised_body_keeps_the_frozen_text(
    demo_sent,
):
    page = _reload(demo_sent)
    page.body = "<p>" + page.body.strip()[3:].replace("\n", " ")  # whitespace only
    page.addressee_address = MINISTRY_ADDRESS.replace("\n", "\r\n") + "\r\n"
    page.save_revision().publish()
    after = _reload(demo_sent)
    assert after.body == demo_sent.frozen_content["body"]
    assert after.addressee_address == MINISTRY_ADDRESS


def test_a_refused_frozen_field_is_shown_beside_it_and_at_the_top(
    client, demo_sent, admin_user
):
    # A script changed the stored text behind the letter's back.
    OpinionPage.objects.filter(pk=demo_sent.pk).update(body="<p>Inna treść.</p>")
    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/{demo_sent.pk}/edit/",
        _read_only_form(demo_sent, summary="Nowe streszczenie."),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "nie może się ona zmienić" in _field_errors(html, "body")
    messages = [str(m) for m in response.context["messages"]]
    assert any(REFUSED_AT_THE_TOP in m for m in messages), messages
    assert _reload(demo_sent).summary == demo_sent.summary  # nothing changed


def _tab(client, page) -> dict:
    """The editor form as a tab opened now would post it later: each field as its
    widget rendered it (the body in Draftail's format, the deadline to the minute,
    the address with a browser's line endings)."""
    form = client.get(f"/admin/pages/{page.pk}/edit/").context["form"]
    data = {}
    for name in ("title", "slug", "kind", "addressee", "subject", "summary"):
        data[name] = form[name].value()
    data["addressee_address"] = form["addressee_address"].value().replace("\n", "\r\n")
    data["body"] = form.fields["body"].widget.format_value(form["body"].value())
    data["draft_law"] = form["draft_law"].value() or ""
    data["signing_deadline"] = form.fields["signing_deadline"].widget.format_value(
        form["signing_deadline"].value()
    )
    data["action-publish"] = "1"
    return data


@pytest.fixture
def open_demo(make_opinion, rep_a):
    """An open opinion with the demo letter's body and address."""
    opinion = make_opinion(
        state=OpinionState.OPEN,
        body=LETTER_2024_BODY,
        addressee_address=MINISTRY_ADDRESS,
    )
    services.sign_opinion(opinion, rep_a)
    return _reload(opinion)


def _close_and_send(opinion, admin_user):
    services.close_signing(opinion, admin_user)
    services.mark_sent(
        _reload(opinion), admin_user, sent_on=timezone.localdate(), sent_via="epuap"
    )
    return _reload(opinion)


def test_a_tab_opened_before_sending_saves_what_it_left_unchanged(
    client, open_demo, admin_user
):
    client.force_login(admin_user)
    tab = _tab(client, open_demo)
    sent = _close_and_send(open_demo, admin_user)
    tab["summary"] = "Streszczenie poprawione w starej karcie."
    response = client.post(f"/admin/pages/{sent.pk}/edit/", nested_form_data(tab))
    assert response.status_code == 302, response.context["form"].errors
    after = _reload(sent)
    assert after.summary == "Streszczenie poprawione w starej karcie."
    assert after.letter_snapshot() == sent.frozen_content


def test_a_body_changed_in_a_tab_opened_before_sending_is_refused_visibly(
    client, open_demo, admin_user
):
    client.force_login(admin_user)
    tab = _tab(client, open_demo)
    sent = _close_and_send(open_demo, admin_user)
    tab["summary"] = "Streszczenie z tej samej karty."
    tab["body"] = rich_text(
        LETTER_2024_BODY.replace("Szanowna Pani Minister", "Szanowny Panie Ministrze")
    )
    response = client.post(f"/admin/pages/{sent.pk}/edit/", nested_form_data(tab))
    assert response.status_code == 200
    html = response.content.decode()
    beside = _field_errors(html, "body")
    assert "Podpisywanie zamknięto po otwarciu tej strony" in beside
    messages = [str(m) for m in response.context["messages"]]
    assert any(REFUSED_AT_THE_TOP in m for m in messages), messages
    assert "Szanowny Panie Ministrze" in html  # the refused wording, to copy
    after = _reload(sent)
    assert after.summary == sent.summary and after.body == sent.body
    assert after.get_latest_revision().content["body"] == sent.body


def _panel(html: str, name: str) -> str:
    """The read-only text of one field's panel in the editor."""
    match = re.search(
        rf'class="w-field__textoutput"[^>]*aria-labelledby="panel-child-[\w-]*-{name}-label"[^>]*>(.*?)</div>',
        html,
        re.S,
    )
    assert match, f"no read-only panel for {name}"
    return match.group(1)


def test_the_read_only_letter_fields_read_as_formatted_text(
    client, demo_sent, admin_user
):
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{demo_sent.pk}/edit/").content.decode()
    body = _panel(html, "body")
    assert "&lt;p&gt;" not in body and "&lt;h2" not in body  # no raw HTML
    assert "<h2>Wnioskujemy o:</h2>" in body and "<ol><li>" in body
    assert "<p>Szanowna Pani Minister,</p>" in body
    address = _panel(html, "addressee_address")
    assert "ul. Nowogrodzka 1/3/5<br>00-513 Warszawa" in address


def test_the_read_only_body_shows_only_the_editors_markup(
    client, demo_sent, admin_user
):
    OpinionPage.objects.filter(pk=demo_sent.pk).update(
        body='<p>Tekst <a href="javascript:alert(1)">link</a></p><script>alert(2)</script>'
    )
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{demo_sent.pk}/edit/").content.decode()
    body = _panel(html, "body")
    assert "Tekst" in body and "<script" not in body and "javascript:" not in body


def test_the_letter_keeps_the_address_on_its_lines(make_opinion, rep_a, admin_user):
    import io

    from pypdf import PdfReader

    opinion = make_opinion(
        state=OpinionState.OPEN,
        addressee_address="ul. Nowogrodzka 1/3/5\r\n00-513 Warszawa",  # as typed
    )
    services.sign_opinion(opinion, rep_a)
    services.close_signing(opinion, admin_user)
    pdf = _reload(opinion).letter_pdf.open("rb").read()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "ul. Nowogrodzka 1/3/5" in lines and "00-513 Warszawa" in lines


@pytest.mark.parametrize("forged", ["<p>not the editor's JSON</p>", "{", "[]", "null"])
def test_a_forged_body_that_is_not_the_editors_format_is_refused_not_a_500(
    client, open_demo, admin_user, forged
):
    """Found in the final browser trial: a body that is not Draftail's JSON, posted
    for a sent opinion, answered 500."""
    client.force_login(admin_user)
    tab = _tab(client, open_demo)
    sent = _close_and_send(open_demo, admin_user)
    tab["body"] = forged
    response = client.post(f"/admin/pages/{sent.pk}/edit/", nested_form_data(tab))
    assert response.status_code == 200
    assert "Podpisywanie zamknięto po otwarciu tej strony" in _field_errors(
        response.content.decode(), "body"
    )
    after = _reload(sent)
    assert after.body == sent.body
