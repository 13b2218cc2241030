"""Sessions and logins: rotation, idle expiry, logout, password change, brute force,
and the second factor for everyone who reaches the admin."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from tests.factories.members import TEST_PASSWORD, UserFactory, representative

LOGIN = "/konto/login/"
MEMBER_PAGE = "/moj-osrodek/"
TOTP_SETUP = "/konto/2fa/totp/activate/"


def log_in(client, user, password=TEST_PASSWORD, url=LOGIN):
    """Post the allauth login form."""
    return client.post(url, {"login": user.email, "password": password})


def session_user_id(client):
    """The user id stored in the client's session, or None."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie is None or not cookie.value:
        return None
    session = Session.objects.filter(
        session_key=cookie.value, expire_date__gt=timezone.now()
    ).first()
    if session is None:
        return None
    return session.get_decoded().get("_auth_user_id")


def is_logged_in(client) -> bool:
    """Ask the member area itself: 200 logged in, a redirect to login otherwise."""
    response = client.get(MEMBER_PAGE)
    if response.status_code == 200:
        return True
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(LOGIN), response["Location"]
    return False


@pytest.fixture(params=["db", "cached_db"])
def engine(request, settings):
    """Both session engines: `db`, and `cached_db` (production's with Redis)."""
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{request.param}"
    return request.param


@pytest.fixture
def member(db):
    """A centre's representative (not staff, so no second factor)."""
    return representative(email="kierownik@rotacja.test")


@pytest.mark.django_db
def test_settings_end_idle_sessions_after_two_hours():
    # Idle expiry: SlidingSessionMiddleware refreshes the expiry once a minute.
    assert "razem.middleware.SlidingSessionMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_REFRESH_SECONDS <= 60
    assert 30 * 60 <= settings.SESSION_COOKIE_AGE <= 4 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE is True


@pytest.mark.django_db
def test_session_key_rotates_at_login(client, member, engine):
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    planted = session.session_key

    response = log_in(client, member)

    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    assert session_user_id(client) == str(member.pk)


@pytest.mark.django_db
def test_an_idle_session_expires(client, member, engine):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert log_in(client, member).status_code == 302
        assert is_logged_in(client)
        clock.move_to(
            start + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
        )
        assert not is_logged_in(client)


@pytest.mark.django_db
def test_activity_keeps_a_session_alive(client, member, engine):
    start = timezone.now()
    step = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE * 3 // 4)
    with time_machine.travel(start, tick=False) as clock:
        assert log_in(client, member).status_code == 302
        for number in range(1, 4):
            clock.move_to(start + step * number)
            assert is_logged_in(client), f"logged out after {number} active steps"


@pytest.mark.django_db
def test_activity_refreshes_the_expiry_at_most_once_a_minute(client, member, engine):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert log_in(client, member).status_code == 302
        key = client.cookies[settings.SESSION_COOKIE_NAME].value

        def expiry():
            return Session.objects.get(session_key=key).expire_date

        clock.move_to(start + datetime.timedelta(seconds=30))
        assert is_logged_in(client)
        first = expiry()
        clock.move_to(start + datetime.timedelta(seconds=50))
        assert is_logged_in(client)
        assert expiry() == first  # no write within the minute
        clock.move_to(start + datetime.timedelta(seconds=100))
        assert is_logged_in(client)
        assert expiry() == start + datetime.timedelta(
            seconds=100 + settings.SESSION_COOKIE_AGE
        )


@pytest.mark.django_db
def test_logout_ends_the_session_on_the_server(client, member, engine):
    log_in(client, member)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post("/konto/logout/").status_code == 302
    assert session_user_id(client) is None
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert not is_logged_in(replay)


@pytest.mark.django_db
def test_password_change_ends_every_other_session(member, engine):
    laptop, phone = Client(), Client()
    log_in(laptop, member)
    log_in(phone, member)
    assert is_logged_in(laptop)
    assert is_logged_in(phone)

    response = laptop.post(
        "/konto/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "nowe-Haslo-ochronne-2026",
            "password2": "nowe-Haslo-ochronne-2026",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("nowe-Haslo-ochronne-2026")
    assert not is_logged_in(phone)
    assert not is_logged_in(laptop)


# -- brute force ----------------------------------------------------------------------


@pytest.mark.django_db
def test_failed_logins_lock_the_account_out_even_with_the_right_password(
    client, member
):
    for _attempt in range(5):
        response = log_in(client, member, password="zle-haslo-123")
        assert response.status_code == 200
        assert session_user_id(client) is None
    response = log_in(client, member)
    assert session_user_id(client) is None
    assert response.status_code in (200, 429)


@pytest.mark.django_db
def test_login_flood_from_one_address_gets_429(client, member):
    statuses = [
        log_in(client, member, password=f"proba-{n}").status_code for n in range(40)
    ]
    assert 429 in statuses, statuses
    assert statuses.index(429) <= 31
    assert session_user_id(client) is None


def admin_login_url() -> str:
    return "/admin/login/"


@pytest.mark.django_db
def test_the_admin_login_does_not_accept_passwords_itself(client, people):
    """/admin/login/ must hand over to allauth: no password, no MFA, no rate limit
    of its own would protect it otherwise."""
    response = client.get(admin_login_url() + "?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN), response["Location"]
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    foreign = client.get(admin_login_url() + "?next=https://evil.example/")
    assert "evil.example" not in foreign["Location"]
    response = client.post(
        admin_login_url(), {"username": people.admin.email, "password": TEST_PASSWORD}
    )
    assert session_user_id(client) is None, (
        "/admin/login/ logged a superuser in with the password alone, skipping TOTP"
    )


@pytest.mark.django_db
def test_the_admin_login_is_rate_limited(client, people):
    statuses = []
    for number in range(40):
        response = client.post(
            admin_login_url(),
            {"username": people.editor.email, "password": f"proba-{number}"},
        )
        statuses.append(response.status_code)
    refused = [s for s in statuses if s == 429 or s in (301, 302)]
    assert refused, (
        f"40 password guesses at /admin/login/ were all answered: {statuses}"
    )


# -- second factor ----------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_with_totp_must_give_the_code_at_login(client, people):
    response = log_in(client, people.admin)
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]
    assert session_user_id(client) is None


def admin_entrances() -> list[str]:
    """Every admin URL without parameters, from the resolver, plus page views."""
    urls = set()
    for pattern_text, _name in _walk(get_resolver()):
        if pattern_text.startswith(("admin/", "django-admin/")) and "<" not in (
            pattern_text
        ):
            urls.add("/" + pattern_text.replace("^", "").replace("$", ""))
    return sorted(urls)


def _walk(resolver, prefix=""):
    from django.urls import URLPattern, URLResolver

    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, text)
        elif isinstance(entry, URLPattern):
            yield text, entry.name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["superuser", "staff", "editor_group"])
def test_admin_accounts_without_totp_reach_no_admin_url(client, pages, role):
    from django.contrib.auth.models import Group

    flags = {"superuser": {"is_staff": True, "is_superuser": True}}.get(role, {})
    if role == "staff":
        flags = {"is_staff": True}
    user = UserFactory(email=f"{role}@razem.test", **flags)
    if role == "editor_group":
        user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    home = pages.home.pk
    urls = admin_entrances() + [
        f"/admin/pages/{home}/",
        f"/admin/pages/{home}/edit/",
        f"/admin/pages/{pages.article.pk}/edit/",
        f"/admin/pages/{home}/add_subpage/",
        "/django-admin/",
    ]
    assert len(urls) > 40
    leaks = []
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code == 404:
                continue
            if not (response.status_code == 302 and response["Location"] == TOTP_SETUP):
                leaks.append((method, url, response.status_code))
    assert not leaks, leaks


@pytest.mark.django_db
def test_admin_accounts_with_totp_reach_the_admin(client, people):
    client.force_login(people.admin)
    assert client.get("/admin/").status_code == 200
    client.force_login(people.editor)
    assert client.get("/admin/pages/").status_code in (200, 302)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_totp_codes_cannot_be_guessed(client, people):
    """The second factor is an entrance too: after 5 wrong codes even the right one
    is refused for the account."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    Authenticator.objects.filter(user=people.admin).delete()
    secret = generate_totp_secret()
    TOTP.activate(people.admin, secret)
    response = log_in(client, people.admin)
    assert "/2fa/authenticate/" in response["Location"]
    for guess in ("000000", "111111", "222222", "333333", "444444"):
        client.post("/konto/2fa/authenticate/", {"code": guess})
        assert session_user_id(client) is None
    counter = next(iter(yield_hotp_counters_from_time()))
    right = format_hotp_value(hotp_value(secret, counter))
    client.post("/konto/2fa/authenticate/", {"code": right})
    assert session_user_id(client) is None


@pytest.mark.django_db
def test_the_right_totp_code_logs_in(client, people):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    Authenticator.objects.filter(user=people.admin).delete()
    secret = generate_totp_secret()
    TOTP.activate(people.admin, secret)
    log_in(client, people.admin)
    counter = next(iter(yield_hotp_counters_from_time()))
    client.post(
        "/konto/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, counter))},
    )
    assert session_user_id(client) == str(people.admin.pk)
