"""Page types: tree rules, admin creation, rendering, caching, hooks."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail import hooks
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consultations import services
from consultations.choices import OpinionState
from consultations.models import OpinionIndexPage, OpinionPage
from razem.models import HomePage

pytestmark = pytest.mark.django_db


def test_tree_rules():
    assert OpinionIndexPage.parent_page_types == ["razem.HomePage"]
    assert OpinionIndexPage.max_count == 1
    assert OpinionPage.parent_page_types == ["consultations.OpinionIndexPage"]
    assert OpinionPage.subpage_types == []
    assert OpinionIndexPage.can_create_at(HomePage())
    assert not OpinionPage.can_create_at(HomePage())


def test_admin_can_create_an_opinion_without_touching_its_state(
    client, index, admin_user
):
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Opinia o projekcie UD123",
            "slug": "opinia-ud123",
            "kind": "opinia",
            "addressee": "Minister Rodziny, Pracy i Polityki Społecznej",
            "addressee_address": "ul. Nowogrodzka 1/3/5, 00-513 Warszawa",
            "subject": "Projekt UD123",
            "summary": "",
            "body": rich_text("<p>Treść opinii.</p>"),
            "draft_law": "",
            "signing_deadline": "",
            "state": "sent",
            "action-publish": "publish",
        }
    )
    response = client.post(
        f"/admin/pages/add/consultations/opinionpage/{index.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    opinion = OpinionPage.objects.get(slug="opinia-ud123")
    assert opinion.live and opinion.state == OpinionState.DRAFT


def test_reserved_slug_is_refused(index):
    from django.core.exceptions import ValidationError

    page = OpinionPage(
        title="Projekty", slug="projekty", addressee="X", subject="Y", body="<p>Z</p>"
    )
    with pytest.raises(ValidationError):
        index.add_child(instance=page)


def test_copy_starts_as_a_fresh_draft(make_opinion, admin_user, rep_a):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    services.close_signing(opinion, admin_user)
    opinion.refresh_from_db()
    copy = opinion.copy(update_attrs={"slug": "kopia", "title": "Kopia"})
    copy = OpinionPage.objects.get(pk=copy.pk)
    assert copy.state == OpinionState.DRAFT
    assert not copy.letter_pdf and copy.letter_sha256 == ""
    assert not copy.signatures.exists()


def test_public_opinion_page_renders_state_cosigners_and_history(
    client, make_opinion, rep_a, rep_b
):
    opinion = make_opinion(state=OpinionState.OPEN)
    services.sign_opinion(opinion, rep_a)
    html = client.get(opinion.url).content.decode()
    assert "opinion-state--open" in html
    assert "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach" in html
    assert "Centrum Usług Społecznych w Starachowicach" not in html
    assert opinion.addressee in html
    assert "/podpis/" not in html  # no forms for the public
    assert f'href="/pdf/{opinion.pk}/"' in html


def test_anonymous_public_page_is_cached_and_signature_refreshes_it(
    client, make_opinion, rep_b, django_capture_on_commit_callbacks
):
    opinion = make_opinion(state=OpinionState.OPEN)
    assert client.get(opinion.url)["X-Page-Cache"] == "miss"
    assert client.get(opinion.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_opinion(opinion, rep_b)
    response = client.get(opinion.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Centrum Usług Społecznych w Starachowicach" in response.content.decode()


def test_draft_404_is_not_cached(client, make_opinion):
    opinion = make_opinion()
    assert client.get(opinion.url).status_code == 404
    OpinionPage.objects.filter(pk=opinion.pk).update(state=OpinionState.OPEN)
    assert client.get(opinion.url).status_code == 200


def test_index_page_renders(client, index, make_opinion):
    make_opinion(state=OpinionState.SENT, title="Pismo wysłane do ministra")
    html = client.get(index.url).content.decode()
    assert "Pismo wysłane do ministra" in html
    assert 'href="/opinie/projekty/"' in html


def test_home_page_shows_opinions_open_for_signing(client, make_opinion):
    make_opinion(state=OpinionState.OPEN, title="Otwarte stanowisko w sprawie OPS")
    make_opinion(title="Szkic niewidoczny")
    html = client.get("/").content.decode()
    assert "Otwarte stanowisko w sprawie OPS" in html
    assert "Szkic niewidoczny" not in html


def test_centre_panel_lists_what_the_centre_signed(make_opinion, rep_a, staff_a):
    signed = make_opinion(state=OpinionState.OPEN, title="Podpisane przez nas")
    make_opinion(state=OpinionState.OPEN, title="Czeka na podpis")
    services.sign_opinion(signed, rep_a)
    request = RequestFactory().get("/moj-osrodek/")
    request.user = staff_a
    [hook] = [
        fn
        for fn in hooks.get_hooks("razem_centre_panels")
        if fn.__module__ == "consultations.wagtail_hooks"
    ]
    panel = hook(request, staff_a.membership)
    assert [s.opinion.title for s in panel["signed"]] == ["Podpisane przez nas"]
    assert [o.title for o in panel["awaiting"]] == ["Czeka na podpis"]
    html = render_to_string(panel["template"], {"panel": panel, "request": request})
    assert "Podpisane przez nas" in html and "Czeka na podpis" in html


def test_draft_law_list_shows_deadlines_and_documents(client, index):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from consultations.models import DraftLawDocument
    from tests.factories.consultations import DraftLawFactory

    draft_law = DraftLawFactory(number="UD777", title="Projekt o usługach społecznych")
    document = get_document_model().objects.create(
        title="Projekt i uzasadnienie", file=ContentFile(b"%PDF-1.4", name="ud777.pdf")
    )
    DraftLawDocument.objects.create(draft_law=draft_law, document=document)
    html = client.get("/opinie/projekty/").content.decode()
    assert "UD777" in html and "Projekt o usługach społecznych" in html
    assert "Projekt i uzasadnienie" in html
    assert draft_law.consultation_deadline.isoformat() in html


def test_draft_law_snippet_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/snippets/consultations/draftlaw/")
    assert response.status_code == 200
    response = client.get("/admin/snippets/consultations/draftlaw/add/")
    assert response.status_code == 200


def test_drafts_stay_out_of_search_and_sitemap_until_open(
    client, make_opinion, admin_user, django_capture_on_commit_callbacks
):
    opinion = make_opinion(title="Stanowisko w sprawie asystentów rodziny")
    from razem.models import SearchEntry

    search = "/szukaj/?q=asystentów"
    assert not SearchEntry.objects.filter(page_id=opinion.pk).exists()
    assert opinion.url not in client.get(search).content.decode()
    assert opinion.url not in client.get("/sitemap.xml").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.open_for_signatures(opinion, admin_user)
    from razem.cache import invalidate_pages

    invalidate_pages()
    assert SearchEntry.objects.filter(page_id=opinion.pk).exists()
    assert opinion.url in client.get(search).content.decode()
    assert opinion.url in client.get("/sitemap.xml").content.decode()


def test_page_pdf_of_an_open_opinion_and_not_of_a_draft(client, make_opinion):
    draft = make_opinion()
    opened = make_opinion(state=OpinionState.OPEN, title="Stanowisko – wersja PDF")
    assert client.get(f"/pdf/{draft.pk}/").status_code == 404
    response = client.get(f"/pdf/{opened.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_editor_is_told_that_the_letters_fields_are_read_only(
    client, make_opinion, admin_user
):
    opinion = make_opinion(state=OpinionState.SENT)
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{opinion.pk}/edit/").content.decode()
    assert "pola pisma i termin są tylko do odczytu" in html
