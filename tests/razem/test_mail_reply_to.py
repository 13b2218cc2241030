"""Every e-mail the portal sends answers to the association's office (Reply-To), set
in `razem.mail`, the one place that sends: replies never go to the unread sending
address. An explicit Reply-To (the contact form: the sender) wins."""

import re
from pathlib import Path

import pytest
from django.core import mail

from razem.mail import queue_email, send_email_now

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
APPS = ("razem", "articles", "members", "conferences", "consultations")


def every_email_template() -> list[str]:
    prefixes = []
    for app in APPS:
        templates = ROOT / app / "templates"
        for subject in templates.rglob("*_subject.txt"):
            prefix = subject.relative_to(templates).as_posix()[: -len("_subject.txt")]
            if (templates / f"{prefix}.txt").exists():  # not allauth's own files
                prefixes.append(prefix)
    return sorted(prefixes)


def test_there_are_templates_to_check():
    assert len(every_email_template()) > 10


@pytest.mark.parametrize("prefix", every_email_template())
def test_every_portal_email_answers_to_the_office(prefix, settings):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    send_email_now(["osoba@example.test"], prefix, {"people": 2, "count": 2})
    assert mail.outbox[-1].reply_to == ["biuro@razem.test"]
    assert mail.outbox[-1].extra_headers.get("Reply-To") is None  # one header
    assert "Reply-To: biuro@razem.test" in mail.outbox[-1].message().as_string()


def test_the_office_address_may_be_its_own_setting(
    settings, django_capture_on_commit_callbacks
):
    settings.RAZEM_STAFF_EMAIL = "biuro@razem.test"
    settings.RAZEM_OFFICE_EMAIL = "sekretariat@razem.test"
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(["osoba@example.test"], "razem/email/contact_message", {})
    assert mail.outbox[-1].reply_to == ["sekretariat@razem.test"]


def test_an_explicit_reply_to_wins(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            ["biuro@razem.test"],
            "razem/email/contact_message",
            {},
            reply_to=["maria@gops.example.test"],
        )
    assert mail.outbox[-1].reply_to == ["maria@gops.example.test"]


def test_no_module_of_the_portal_sends_e_mail_around_razem_mail():
    """Messages are built in razem/mail.py only, so none escapes its Reply-To."""
    sending = re.compile(
        r"\b(EmailMessage|EmailMultiAlternatives|send_mail|send_mass_mail)\s*\("
    )
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "razem" / "mail.py" or "migrations" in path.parts:
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if sending.search(line) and not re.search(r"def send_mail\(", line):
                    offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []
