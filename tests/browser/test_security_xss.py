"""XSS payloads typed into the real forms never run in a real browser.

About twenty payloads of the corpus go through the membership application form and
the comment form; then the pages that show them (the form itself after an error, the
staff's application list and detail, the directory after acceptance, the opinion
page) load with a dialog listener: alert(), confirm() or prompt() opening anywhere
fails the test. The context bypasses the CSP (for axe), so escaping alone must hold.
"""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache

from tests.factories.members import MunicipalityFactory
from tests.security.conftest import activate_totp, pages, people  # noqa: F401 (fixtures)
from tests.xss import payloads

# Payloads that fire by themselves (no click needed), spread over the corpus.
SAMPLE = [p for p in payloads() if "alert" in p or "confirm" in p or "prompt" in p][
    ::9
][:20]


def log_in(context, live_server, user) -> None:
    """Give the browser context a server-side session of the user."""
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def dialogs(page):
    """Every dialog that opens, dismissed and remembered."""
    opened: list[str] = []

    def on_dialog(dialog):
        opened.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def submit_application(page, live_server, gmina, payload: str, number: int) -> None:
    cache.clear()  # the per-connection application limit
    page.goto(f"{live_server.url}/przystap/?gmina={gmina.teryt}")
    values = {
        "centre_name": payload,
        "street": payload,
        "postal_code": "26-811",
        "city": payload[:100],
        "centre_email": f"gops{number}@example.test",
        "director": payload,
        "first_name": payload,
        "last_name": payload,
        "email": f"osoba{number}@example.test",
        "position": payload,
        "message": payload,
    }
    for name, value in values.items():
        page.locator(f"#id_{name}").fill(value)
    page.locator("#id_kind").select_option("GOPS")
    page.locator("#id_privacy").check()
    page.locator("form.apply-form button[value=submit]").click()
    page.wait_for_load_state("networkidle")


@pytest.mark.django_db(transaction=True)
def test_payloads_through_the_application_form_never_run(
    live_server,
    page,
    context,
    people,  # noqa: F811
    pages,  # noqa: F811
    dialogs,
    axe,
):
    from members.models import Application
    from members.services import accept_application

    assert len(SAMPLE) >= 15
    for number, payload in enumerate(SAMPLE):
        gmina = MunicipalityFactory(teryt=f"{1490000 + number:07d}")
        submit_application(page, live_server, gmina, payload, number)
        # The form page with errors echoes everything back.
        page.goto(f"{live_server.url}/przystap/?q={payload[:60]}")
    assert Application.objects.count() >= len(SAMPLE) // 2, "the form refused too much"
    axe(page)

    activate_totp(people.admin)
    log_in(context, live_server, people.admin)
    page.goto(f"{live_server.url}/admin/members/application/")
    assert page.locator("table").count() >= 1
    for application in Application.objects.all():
        page.goto(
            f"{live_server.url}/admin/members/application/inspect/{application.pk}/"
        )
        accept_application(application, user=people.admin)
    context.clear_cookies()
    page.goto(f"{live_server.url}/czlonkowie/")
    page.wait_for_load_state("networkidle")
    axe(page)
    assert not dialogs, dialogs


@pytest.mark.django_db(transaction=True)
def test_payloads_through_the_comment_form_never_run(
    live_server,
    page,
    context,
    people,  # noqa: F811
    pages,  # noqa: F811
    dialogs,
    axe,
):
    from consultations.models import Comment

    log_in(context, live_server, people.staff_a)
    url = live_server.url + pages.opinion.url
    for payload in SAMPLE:
        page.goto(url)
        page.locator("textarea[name=body]").fill(payload)
        page.get_by_role("button", name="Dodaj komentarz").or_(
            page.locator("form.form button[type=submit]").last
        ).first.click()
        page.wait_for_load_state("networkidle")
    assert Comment.objects.count() >= len(SAMPLE) // 2
    page.goto(url)
    page.wait_for_load_state("networkidle")
    axe(page)
    context.clear_cookies()
    log_in(context, live_server, people.rep_b)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert not dialogs, dialogs


def test_the_listener_catches_a_dialog(page, dialogs):
    page.set_content("<img src=x onerror=alert(1)>")
    page.wait_for_timeout(200)
    assert dialogs
