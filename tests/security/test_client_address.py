"""The client's address behind `RAZEM_PROXY_COUNT` trusted proxies, and the limits
that count by it: the project's limiter and allauth's login and password-reset
limits. Real and forged `X-Forwarded-For` headers; lockouts that name their length.

Behind one TLS proxy every request comes from the proxy's address (REMOTE_ADDR);
the proxy appends the address it saw to X-Forwarded-For, so only the right-most
entry (the N-th from the right behind N proxies) is believed.
"""

import io

import pytest
from django.test import Client, RequestFactory

from razem.ratelimit import RateLimit, client_ip, limited_address
from tests.factories.members import TEST_PASSWORD, representative

PROXY = "10.0.0.1"
INNER_PROXY = "10.0.0.2"
CLIENT_A = "203.0.113.5"
CLIENT_B = "198.51.100.7"
LOGIN = "/konto/login/"
RESET = "/konto/password/reset/"


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "count, remote, forwarded, expected",
    [
        # No proxy: the header is whatever the client wrote and is ignored.
        (0, CLIENT_A, None, CLIENT_A),
        (0, CLIENT_A, "6.6.6.6", CLIENT_A),
        # One proxy: the entry it appended, never what the client put before it.
        (1, PROXY, CLIENT_A, CLIENT_A),
        (1, PROXY, f"6.6.6.6, {CLIENT_A}", CLIENT_A),
        (1, PROXY, f"6.6.6.6,,1.1.1.1, {CLIENT_A}", CLIENT_A),
        (1, PROXY, None, PROXY),
        # Two proxies: the entry the outer one appended.
        (2, INNER_PROXY, f"6.6.6.6, {CLIENT_A}, {PROXY}", CLIENT_A),
        (2, INNER_PROXY, f"{CLIENT_A}, {PROXY}", CLIENT_A),
        # A header shorter than the chain did not come through it: the peer.
        (2, INNER_PROXY, CLIENT_A, INNER_PROXY),
        (1, PROXY, " , ", PROXY),
        # Garbage where the address should be: the peer, never the garbage.
        (1, PROXY, "6.6.6.6, not-an-address", PROXY),
        (1, PROXY, "<script>", PROXY),
        (2, INNER_PROXY, f"unknown, {CLIENT_A}, {PROXY}", CLIENT_A),
        # IPv6, bare or in brackets.
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
        (1, PROXY, "6.6.6.6, [2001:db8::1]", "2001:db8::1"),
        (1, "2001:db8:ffff::1", "2001:db8::42", "2001:db8::42"),
    ],
)
def test_client_ip_takes_the_entry_of_the_outermost_trusted_proxy(
    settings, count, remote, forwarded, expected
):
    settings.RAZEM_PROXY_COUNT = count
    assert client_ip(request_from(remote, forwarded)) == expected


def test_an_ipv6_client_is_counted_by_its_64_network(settings):
    """One IPv6 host may rotate through its whole /64: the network is the client."""
    settings.RAZEM_PROXY_COUNT = 1
    first = limited_address(request_from(PROXY, "2001:db8:1:2::1"))
    rotated = limited_address(request_from(PROXY, "2001:db8:1:2:ffff::9"))
    neighbour = limited_address(request_from(PROXY, "2001:db8:1:3::1"))
    assert first == rotated == "2001:db8:1:2::/64"
    assert neighbour != first
    assert limited_address(request_from(PROXY, "::ffff:203.0.113.5")) == CLIENT_A
    assert limited_address(request_from(PROXY, CLIENT_A)) == CLIENT_A


# -- the project's limiter --------------------------------------------------------------


def test_project_limit_counts_each_client_behind_the_proxy(settings):
    settings.RAZEM_PROXY_COUNT = 1
    limit = RateLimit("test-proxy", limit=3, window=600)
    client_a = request_from(PROXY, CLIENT_A)
    for _attempt in range(3):
        limit.hit(client_a)
    assert limit.exceeded(client_a)
    assert not limit.exceeded(request_from(PROXY, CLIENT_B))
    # Forged entries left of the proxy's own do not make A a new client.
    for forged in ("1.1.1.1", "2.2.2.2, 3.3.3.3", "not-an-address"):
        assert limit.exceeded(request_from(PROXY, f"{forged}, {CLIENT_A}"))
    assert "10 minut" in limit.message(client_a)


def test_project_limit_counts_an_ipv6_network_once(settings):
    settings.RAZEM_PROXY_COUNT = 1
    limit = RateLimit("test-proxy-v6", limit=2, window=600)
    limit.hit(request_from(PROXY, "2001:db8:1:2::1"))
    limit.hit(request_from(PROXY, "2001:db8:1:2::2"))
    assert limit.exceeded(request_from(PROXY, "2001:db8:1:2::3"))
    assert not limit.exceeded(request_from(PROXY, "2001:db8:9:9::1"))


def test_without_the_proxy_count_everyone_behind_the_proxy_shares_one_limit(settings):
    """Why the setting exists: with 0, A's attempts lock out B as well."""
    settings.RAZEM_PROXY_COUNT = 0
    limit = RateLimit("test-proxy-shared", limit=2, window=600)
    limit.hit(request_from(PROXY, CLIENT_A))
    limit.hit(request_from(PROXY, CLIENT_A))
    assert limit.exceeded(request_from(PROXY, CLIENT_B))


# -- allauth's login limits ------------------------------------------------------------


def behind_proxy(address: str) -> Client:
    """A browser whose requests reach the app through the TLS proxy."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def log_in(client, email, password=TEST_PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


@pytest.fixture
def proxied(settings):
    settings.RAZEM_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


@pytest.mark.django_db
def test_five_typos_of_one_client_do_not_lock_out_another_behind_the_proxy(proxied):
    anna = representative(email="anna@gops-a.test")
    bogdan = representative(email="bogdan@gops-b.test")
    client_a, client_b = behind_proxy(CLIENT_A), behind_proxy(CLIENT_B)
    for number in range(5):
        response = log_in(client_a, anna.email, f"literowka-{number}")
        assert response.status_code == 200
    locked = log_in(client_a, "ktos@inny.test", "zgadywanie")
    assert "Spróbuj ponownie za 5 minut" in locked.content.decode()

    response = log_in(client_b, bogdan.email)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client_b.get("/moj-osrodek/").status_code == 200


@pytest.mark.django_db
def test_a_forged_left_most_entry_does_not_let_a_client_escape_its_limit(proxied):
    """Each guess against another account and under another forged address: the
    per-address limit still counts them all as one client."""
    representative(email="cel@gops-c.test")
    client = Client(REMOTE_ADDR=PROXY)
    for number in range(5):
        response = log_in(
            client,
            f"osoba{number}@gops-c.test",
            "zgadywanie",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 1}, {CLIENT_A}",
        )
        assert "Spróbuj ponownie" not in response.content.decode()
    response = log_in(
        client,
        "cel@gops-c.test",
        TEST_PASSWORD,
        HTTP_X_FORWARDED_FOR=f"192.0.2.99, {CLIENT_A}",
    )
    assert response.status_code == 200  # refused, even with the right password
    html = response.content.decode()
    assert "Zbyt wiele prób z tego połączenia. Spróbuj ponownie za 5 minut." in html
    assert "Spróbuj ponownie później" not in html


@pytest.mark.django_db
def test_the_login_lockout_names_the_minutes_left(proxied):
    import time_machine

    member = representative(email="czas@gops-d.test")
    client = behind_proxy(CLIENT_A)
    with time_machine.travel("2026-03-02 10:00:00+01:00", tick=False):
        for number in range(5):
            log_in(client, member.email, f"zle-{number}")
    with time_machine.travel("2026-03-02 10:02:30+01:00", tick=False):
        html = log_in(client, member.email).content.decode()
    assert "Spróbuj ponownie za 3 minuty." in html
    with time_machine.travel("2026-03-02 10:05:01+01:00", tick=False):
        assert log_in(client, member.email).status_code == 302


@pytest.mark.django_db
def test_the_login_flood_page_is_polish_and_names_its_length(proxied, home_page):
    statuses, response = [], None
    for number in range(32):
        response = log_in(
            behind_proxy(CLIENT_A), f"zalew{number}@example.test", "x" * 12
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[-1] == 429, statuses
    html = response.content.decode()
    assert 'lang="pl"' in html and "Przejdź do treści" in html
    # The flood also used up the failed-login limit (5 in 5 minutes): logging in
    # is possible again in 5 minutes, not when the 1-minute flood limit ends.
    assert "Zbyt wiele prób" in html and "Spróbuj ponownie za 5 minut." in html
    assert 240 <= int(response["Retry-After"]) <= 300
    assert "no-store" in response["Cache-Control"]
    # The proxy's other clients still reach the login form.
    assert log_in(behind_proxy(CLIENT_B), "b@example.test", "x").status_code == 200


@pytest.mark.django_db
def test_password_reset_limit_is_per_client_and_names_its_length(proxied, home_page):
    statuses, response = [], None
    for number in range(6):
        response = behind_proxy(CLIENT_A).post(
            RESET, {"email": f"reset{number}@example.test"}
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [302] * 5 and statuses[5] == 429, statuses
    assert "Spróbuj ponownie za 60 minut." in response.content.decode()
    assert 3500 <= int(response["Retry-After"]) <= 3600
    other = behind_proxy(CLIENT_B).post(RESET, {"email": "b@example.test"})
    assert other.status_code == 302


@pytest.mark.django_db
def test_the_second_factor_lockout_names_its_length(proxied):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from tests.factories.members import UserFactory

    staff = UserFactory(email="redaktor@razem.test", is_staff=True)
    Authenticator.objects.create(
        user=staff,
        type=Authenticator.Type.TOTP,
        data={"secret": generate_totp_secret()},
    )
    client = behind_proxy(CLIENT_A)
    response = log_in(client, staff.email)
    assert response["Location"].startswith("/konto/2fa/authenticate/")
    for _attempt in range(5):
        html = client.post(response["Location"], {"code": "000000"}).content.decode()
        assert "Spróbuj ponownie za" not in html
    html = client.post(response["Location"], {"code": "000000"}).content.decode()
    assert "Zbyt wiele prób z tego połączenia. Spróbuj ponownie za 5 minut." in html
    too_long = client.post(response["Location"], {"code": "1" * 5000})
    assert too_long.status_code == 200


@pytest.mark.django_db
def test_scheduled_jobs_neither_count_nor_reset_a_limit(proxied, home_page):
    """Jobs and their commands run without a client: a locked-out client stays
    locked out, another stays free, whatever the scheduler and worker do."""
    from django.core.management import call_command

    from razem.scheduling import enqueue_due_jobs

    limit = RateLimit("contact", limit=5, window=3600)
    locked, free = request_from(PROXY, CLIENT_A), request_from(PROXY, CLIENT_B)
    for _attempt in range(5):
        limit.hit(locked)
    enqueue_due_jobs()  # every job runs at once (immediate backend)
    call_command("apply_retention", stdout=io.StringIO())
    call_command("publish_scheduled", stdout=io.StringIO())
    assert limit.exceeded(locked) and not limit.exceeded(free)


@pytest.mark.django_db
def test_web_processes_count_one_client_together_in_the_shared_cache(settings):
    """Two web processes are two cache connections to the same Redis: a client's
    attempts through either count against one limit."""
    import threading
    import uuid

    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("needs Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "razem.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": f"razem-test-{uuid.uuid4().hex[:8]}",
        }
    }
    settings.RAZEM_PROXY_COUNT = 1
    limit = RateLimit("test-shared", limit=4, window=600)

    def two_attempts():  # another thread: its own cache connection
        for _attempt in range(2):
            limit.hit(request_from(PROXY, CLIENT_A))

    other = threading.Thread(target=two_attempts)
    other.start()
    other.join()
    assert not limit.exceeded(request_from(PROXY, CLIENT_A))
    two_attempts()
    assert limit.exceeded(request_from(PROXY, CLIENT_A))


# -- failed logins to one account: never a lockout of its owner by strangers ----------


def network(number: int) -> str:
    """A different client network for each number (documentation ranges)."""
    return f"192.0.2.{number}" if number < 250 else f"198.51.100.{number - 249}"


@pytest.mark.django_db
def test_wrong_passwords_typed_elsewhere_do_not_lock_the_owner_out(proxied):
    """Brief point 1: a stranger types wrong passwords for a known address from
    several networks; the owner, on another network, logs in at once."""
    owner = representative(email="wlascicielka@gops-e.test")
    for number in range(1, 11):
        stranger = behind_proxy(network(number))
        for attempt in range(5):
            assert (
                log_in(stranger, owner.email, f"zgaduje-{attempt}").status_code == 200
            )
        html = log_in(stranger, owner.email).content.decode()
        # The stranger is told the truth: this connection is limited, for 5 minutes.
        assert "Zbyt wiele prób z tego połączenia. Spróbuj ponownie za 5 minut." in html
    response = log_in(behind_proxy(CLIENT_B), owner.email)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert behind_proxy(CLIENT_B).get("/moj-osrodek/").status_code in (200, 302)


@pytest.mark.django_db
def test_one_network_cannot_use_up_the_accounts_limit_over_every_network(proxied):
    """Within its own limit (5 in 5 minutes) one network can try about 65 times an
    hour, below the account's 100 over every network: the owner stays free."""
    import time_machine

    owner = representative(email="godzina@gops-f.test")
    stranger = behind_proxy(CLIENT_A)
    with time_machine.travel("2026-03-02 10:00:00+01:00", tick=False) as clock:
        for _window in range(13):
            for attempt in range(6):
                log_in(stranger, owner.email, f"zle-{attempt}")
            clock.shift(5 * 60 + 1)
        response = log_in(behind_proxy(CLIENT_B), owner.email)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_an_account_guessed_from_many_networks_is_paused_truthfully_until_a_reset(
    proxied, home_page, django_capture_on_commit_callbacks
):
    """100 failed logins from 20 networks pause the account itself: the message
    says so, names the wait and the way out, and a new password ends it."""
    import re

    from django.core import mail

    owner = representative(email="celem@gops-g.test")
    for number in range(1, 21):
        for attempt in range(5):
            log_in(behind_proxy(network(number)), owner.email, f"zle-{attempt}")
    home = behind_proxy(CLIENT_B)
    response = log_in(home, owner.email)
    assert response.status_code == 200  # refused, even with the right password
    html = response.content.decode()
    assert (
        "Zbyt wiele nieudanych prób logowania na ten adres e-mail z wielu sieci: "
        "logowanie na to konto jest wstrzymane na 60 minut." in html
    )
    assert "ustaw nowe hasło" in html
    assert "z tego połączenia" not in html
    # Other accounts are not affected, from the same network.
    other = representative(email="inna@gops-g.test")
    assert log_in(behind_proxy(CLIENT_B), other.email).status_code == 302

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # e-mail is queued
        assert home.post(RESET, {"email": owner.email}).status_code == 302
    link = re.search(
        r"https?://[^/\s]+(/konto/password/reset/key/\S+)", mail.outbox[0].body
    )
    form = home.get(link.group(1), follow=True)
    assert form.status_code == 200
    new_password = "Nowe-Haslo-Wlascicielki-2026"
    done = home.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    response = log_in(behind_proxy(CLIENT_B), owner.email, new_password)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_a_reset_for_an_address_without_an_account_sends_nothing_and_looks_the_same(
    proxied, home_page, django_capture_on_commit_callbacks
):
    """Brief point 4: `ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False`: no e-mail to an
    address that has no account, and the answer does not tell the two apart."""
    from django.core import mail

    member = representative(email="ma-konto@gops-h.test")
    with django_capture_on_commit_callbacks(execute=True):  # e-mail is queued
        known = behind_proxy(CLIENT_A).post(RESET, {"email": member.email}, follow=True)
    assert [message.to for message in mail.outbox] == [[member.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = behind_proxy(CLIENT_B).post(
            RESET, {"email": "nie-ma-konta@example.test"}, follow=True
        )
    assert mail.outbox == []
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200

    def main(response):
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert main(known) == main(unknown)
