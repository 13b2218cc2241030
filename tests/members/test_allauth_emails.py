"""allauth's e-mails (password reset, address confirmation): in Polish, signed
"RAZEM" (not the host name or example.com), with the office as Reply-To, and
queued on the task queue like every other e-mail of the portal; an unknown
address gets no e-mail."""

import pytest
from django.core import mail

import razem.mail

OFFICE = "biuro@razem.test"


@pytest.fixture
def queued(monkeypatch):
    """Every call of razem.mail.queue_email (it still queues)."""
    calls = []
    original = razem.mail.queue_email

    def spy(recipients, template_prefix, context, **kwargs):
        calls.append((recipients, template_prefix, kwargs))
        return original(recipients, template_prefix, context, **kwargs)

    monkeypatch.setattr(razem.mail, "queue_email", spy)
    return calls


def looks_right(message):
    text = f"{message.subject}\n{message.body}"
    assert message.subject.startswith("[RAZEM] ")
    assert "example.com" not in text and "testserver!" not in text
    assert "Hello" not in text and "Dzień dobry," in message.body
    assert "Stowarzyszenie RAZEM" in message.body
    assert message.reply_to == [OFFICE]


@pytest.mark.django_db
def test_the_password_reset_email_is_polish_signed_razem_and_queued(
    client, staff_a, queued, settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = OFFICE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/password/reset/", {"email": "STAFF-A@example.test"}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    looks_right(message)
    assert message.to == ["staff-a@example.test"]
    assert message.subject == "[RAZEM] Ustawienie nowego hasła"
    assert "/konto/password/reset/key/" in message.body
    assert [prefix for _to, prefix, _kw in queued] == ["members/email/prerendered"]
    assert queued[0][2]["reply_to"] == [OFFICE]


@pytest.mark.django_db
def test_a_reset_for_an_unknown_address_sends_nothing(client, db, queued):
    response = client.post("/konto/password/reset/", {"email": "nikt@example.test"})
    assert response.status_code == 302
    assert not mail.outbox and not queued


@pytest.mark.django_db
def test_the_address_confirmation_is_polish_signed_razem_and_queued(
    client, staff_a, queued, settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = OFFICE
    client.force_login(staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/email/", {"action_add": "", "email": "druga@example.test"})
    [message] = mail.outbox
    looks_right(message)
    assert message.to == ["druga@example.test"]
    assert message.subject == "[RAZEM] Potwierdź adres e-mail"
    assert "/konto/confirm-email/" in message.body
    assert len(queued) == 1


def test_every_allauth_email_people_can_trigger_has_a_portal_template():
    from django.template.loader import get_template

    for prefix in [
        "password_reset_key",
        "email_confirmation",
        "email_confirmation_signup",
    ]:
        for part in ("subject", "message"):
            origin = get_template(f"account/email/{prefix}_{part}.txt").origin.name
            assert "/members/templates/" in origin, origin
