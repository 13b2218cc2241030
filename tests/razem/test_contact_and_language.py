"""The contact form (honeypot, storage, e-mail) and the interface language."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from razem.demo import ensure_contact_page


@pytest.fixture
def contact(home_page, settings):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    return ensure_contact_page(home_page, None)


def message(**extra):
    return {
        "imie_i_nazwisko": "Maria Zielińska",
        "e_mail": "maria@gops.example.test",
        "temat": "Konferencja 2025",
        "wiadomosc": "Czy są jeszcze wolne miejsca na warsztaty?",
        "zgoda": "on",
        **extra,
    }


@pytest.mark.django_db
def test_real_message_is_stored_and_emailed_to_the_association(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, message())
    assert response.status_code == 200
    assert "Dziękujemy" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["temat"] == "Konferencja 2025"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["biuro@razem.test"]
    assert "wolne miejsca" in mail.outbox[0].body
    assert mail.outbox[0].reply_to == ["maria@gops.example.test"]
    assert "website_url" not in mail.outbox[0].body
    assert "Leave this field empty" not in mail.outbox[0].body


@pytest.mark.django_db
def test_spam_filling_the_honeypot_is_dropped_silently(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, message(website_url="http://spam.example"))
    assert response.status_code == 200
    assert "Dziękujemy" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_invalid_message_shows_errors_and_stores_nothing(client, contact):
    response = client.post(contact.url, message(e_mail="to-nie-e-mail", zgoda=""))
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_contact_form_escapes_hostile_input(client, contact):
    from tests.xss import assert_inert, payloads

    for payload in payloads()[:40]:
        response = client.post(contact.url, message(temat=payload, e_mail="zly"))
        assert_inert(response.content.decode(), payload)


@pytest.mark.django_db
def test_search_escapes_hostile_input(client, home_page):
    from tests.xss import assert_inert, payloads

    for payload in payloads():
        response = client.get("/szukaj/", {"q": payload})
        assert_inert(response.content.decode(), payload)


@pytest.mark.django_db
def test_interface_is_polish_by_default(client, home_page):
    html = client.get("/").content.decode()
    assert 'lang="pl"' in html
    assert "Przejdź do treści" in html
    assert "Skip to main content" not in html


@pytest.mark.django_db
def test_language_switch_gives_an_english_interface(client, home_page):
    response = client.post("/jezyk/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Skip to main content" in html
    back = client.post("/jezyk/", {"language": "pl", "next": "/"}, follow=True)
    assert "Przejdź do treści" in back.content.decode()


@pytest.mark.django_db
def test_cached_pages_keep_languages_apart(client, home_page):
    client.get("/")
    client.post("/jezyk/", {"language": "en", "next": "/"})
    assert "Skip to main content" in client.get("/").content.decode()


@pytest.mark.django_db
def test_old_contact_messages_are_purged_after_a_year(contact):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    old = FormSubmission.objects.create(page=contact, form_data={"temat": "stara"})
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - timedelta(days=400)
    )
    recent = FormSubmission.objects.create(page=contact, form_data={"temat": "nowa"})
    call_command("purge_contact_messages", stdout=StringIO())
    assert list(FormSubmission.objects.all()) == [recent]


@pytest.mark.django_db
def test_an_english_browser_still_gets_polish_until_english_is_chosen(
    client, home_page
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="pl"' in html
    assert "Przejdź do treści" in html
