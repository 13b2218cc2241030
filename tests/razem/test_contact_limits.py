"""The contact form has limits: per client (5 messages an hour) and per field,
including the fields editors define; the house's page texts are limited in model
validation, so the page editor, revisions and scheduled publishing keep them too."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from razem.demo import ensure_contact_page
from razem.models import (
    CONTACT_LIMIT,
    TYPED_MAX_LENGTH,
    ContactPage,
    FormField,
    HomePage,
    StandardPage,
)

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


@pytest.fixture
def contact(home_page, settings):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    settings.RAZEM_PROXY_COUNT = 1
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


def from_client(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_a_message_of_100000_characters_is_refused_beside_its_field(contact):
    response = Client().post(contact.url, message(wiadomosc="ą" * 100_000))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Upewnij się, że ta wartość ma co najwyżej 5000 znaków" in html
    assert 'id="id_wiadomosc_error"' in html
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_a_single_line_longer_than_255_characters_is_refused(contact):
    response = Client().post(contact.url, message(temat="t" * 256))
    assert "co najwyżej 255 znaków" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_the_sixth_message_in_an_hour_is_refused_and_keeps_the_typed_text(
    contact, django_capture_on_commit_callbacks
):
    sender = from_client("203.0.113.5")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(CONTACT_LIMIT.limit):
            response = sender.post(contact.url, message(temat=f"Pytanie {number}"))
            assert "Dziękujemy" in response.content.decode()
    assert FormSubmission.objects.count() == 5 and len(mail.outbox) == 5

    typed = "Szósta wiadomość, napisana starannie i długo."
    refused = sender.post(contact.url, message(wiadomosc=typed))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Zbyt wiele prób z tego połączenia. Spróbuj ponownie za 60 minut." in html
    assert typed in html  # the textarea keeps what was typed
    assert 3500 <= int(refused["Retry-After"]) <= 3600
    assert FormSubmission.objects.count() == 5 and len(mail.outbox) == 5

    # Another visitor behind the same proxy is not affected.
    other = from_client("198.51.100.7").post(contact.url, message())
    assert "Dziękujemy" in other.content.decode()


def test_robots_filling_the_honeypot_use_up_the_limit_too(contact):
    robot = from_client("203.0.113.66")
    for _attempt in range(CONTACT_LIMIT.limit):
        robot.post(contact.url, message(website_url="http://spam.example"))
    assert robot.post(contact.url, message()).status_code == 429
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize("field_type", sorted(TYPED_MAX_LENGTH))
def test_every_typed_field_an_editor_defines_has_a_length_limit(contact, field_type):
    page = ContactPage.objects.get(pk=contact.pk)
    FormField.objects.create(page=page, label="Pole redaktora", field_type=field_type)
    form = page.get_form(page=page, user=None)
    field = form.fields["pole_redaktora"]
    assert field.max_length == TYPED_MAX_LENGTH[field_type]
    too_long = {"pole_redaktora": "x" * (TYPED_MAX_LENGTH[field_type] + 1)}
    bound = page.get_form({**message(), **too_long}, page=page, user=None)
    assert not bound.is_valid() and "pole_redaktora" in bound.errors


def test_editor_defined_choices_and_defaults_are_limited_in_model_validation(
    contact,
):
    field = FormField(
        page=contact, label="Wybór", field_type="dropdown", choices="a," * 1500
    )
    with pytest.raises(ValidationError) as refused:
        field.full_clean()
    assert "choices" in refused.value.error_dict
    field.choices, field.default_value = "tak,nie", "d" * 1001
    with pytest.raises(ValidationError) as refused:
        field.full_clean()
    assert "default_value" in refused.value.error_dict


def test_page_texts_are_limited_in_model_validation_whatever_the_path(home_page):
    """A revision that a form never saw (a script, an old draft published by the
    scheduler) is refused by the page's own validation."""
    page = home_page.add_child(
        instance=StandardPage(title="Statut", slug="statut", lead="Krótko.")
    )
    page.lead = "l" * 601
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "lead" in refused.value.error_dict
    home = HomePage.objects.get(pk=home_page.pk)
    home.intro = "<p>" + "<b>w</b>" * 2_000 + "</p>"  # 2,000 characters of text
    home.full_clean()
    home.intro = "<p>" + "w" * 2_001 + "</p>"
    with pytest.raises(ValidationError) as refused:
        home.full_clean()
    assert "intro" in refused.value.error_dict
