"""`make bench-rush`: 100 centres register for a conference with 50 places at once.

Uses bench/run.py's setup (database `razem_bench` with demo content, production
settings, gunicorn with two workers, Redis cache). A setup step (manage.py shell)
adds a conference open for registration with exactly 50 places and 100 member
centres, each with a representative (verified e-mail; one password hash computed
once and shared, since the production hasher is slow). Every representative gets a
session: the first ones log in through the allauth form, the rest get a session
created server-side like django.contrib.auth.login does, because allauth limits
form logins to 30 a minute per IP and all clients here are 127.0.0.1. Then 100
registration POSTs (one participant each) are fired from threads spread over 5 s.
Reports server errors (status >= 500), confirmed/waiting counts from the database
and latency; expected: 0 errors, 50 confirmed, 50 waiting.
"""

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py: database, gunicorn, environment)
from logged_in import PASSWORD, Client, percentile  # noqa: E402

CENTRES = int(os.environ.get("RUSH_CENTRES", "100"))
PLACES = int(os.environ.get("RUSH_PLACES", "50"))
SPREAD = float(os.environ.get("RUSH_SPREAD", "5"))
FORM_LOGINS = int(os.environ.get("RUSH_FORM_LOGINS", "20"))

SETUP = """
import datetime, json
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from importlib import import_module
from conferences.models import ConferencePage
from members.choices import CentreKind, CentreStatus, Role
from members.models import Centre, Membership, Municipality

CENTRES, PLACES, PASSWORD = %(centres)d, %(places)d, %(password)r
model = get_user_model()
template = next(
    p for p in ConferencePage.objects.live().order_by("-start_date")
    if p.registration_state() == "open"
)
now = timezone.now()
fields = {f.name for f in ConferencePage._meta.get_fields()}
extra = {k: False for k in ("offers_accommodation", "offers_meals") if k in fields}
conference = template.get_parent().add_child(instance=ConferencePage(
    title="Rush bench conference", slug="rush-bench-%(stamp)s",
    edition=template.edition, motto=template.motto, lead=template.lead,
    start_date=template.start_date, end_date=template.end_date,
    venue_name=template.venue_name, venue_address=template.venue_address,
    venue_city=template.venue_city, capacity=PLACES,
    member_fee=template.member_fee, non_member_fee=template.non_member_fee,
    registration_opens_at=now - datetime.timedelta(days=1),
    registration_closes_at=now + datetime.timedelta(days=30),
    per_centre_limit=None, allow_non_members=False, **extra,
))
conference.save_revision().publish()
used = Centre.objects.filter(kind=CentreKind.GOPS).values("municipality")
municipalities = list(
    Municipality.objects.exclude(pk__in=used).order_by("pk")[:CENTRES]
)
assert len(municipalities) == CENTRES, "not enough municipalities"
password = make_password(PASSWORD)
engine = import_module(settings.SESSION_ENGINE)
backend = "allauth.account.auth_backends.AuthenticationBackend"
people = []
with transaction.atomic():
    for index, municipality in enumerate(municipalities):
        email = "rush-%%03d@bench.test" %% index
        centre = Centre.objects.create(
            municipality=municipality, kind=CentreKind.GOPS,
            name="GOPS " + municipality.name, street="ul. Testowa 1",
            postal_code="00-001", city=municipality.name,
            email="gops-%%03d@bench.test" %% index, status=CentreStatus.MEMBER,
        )
        user = model.objects.create(
            email=email, first_name="Rush", last_name="%%03d" %% index,
            password=password,
        )
        EmailAddress.objects.create(
            user=user, email=email, verified=True, primary=True
        )
        Membership.objects.create(
            user=user, centre=centre, role=Role.REPRESENTATIVE
        )
        people.append((email, user))
sessions = {}
for email, user in people:
    session = engine.SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = backend
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    sessions[email] = session.session_key
print("RUSH " + json.dumps({
    "conference": conference.pk,
    "path": reverse("conferences:register", args=[conference.pk]),
    "cookie": settings.SESSION_COOKIE_NAME,
    "sessions": sessions,
}))
"""

COUNT = """
import json
from conferences.models import Registration
rows = Registration.objects.filter(conference_id=%d)
counts = {}
for status in rows.values_list("status", flat=True):
    counts[status] = counts.get(status, 0) + 1
print("RUSH-COUNT " + json.dumps(counts))
"""


def shell(env: dict, code: str, prefix: str) -> dict:
    """Run code with manage.py shell and parse its one JSON line."""
    output = run.manage(env, "shell", "-c", code, capture=True)
    line = next(x for x in output.splitlines() if x.startswith(prefix + " "))
    return json.loads(line.removeprefix(prefix + " "))


def form_data(token: str, index: int) -> dict:
    """One participant, as the registration form sends it."""
    return {
        "csrfmiddlewaretoken": token,
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "30",
        "form-0-first_name": "Uczestnik",
        "form-0-last_name": f"Nr {index:03d}",
        "form-0-email": f"uczestnik-{index:03d}@bench.test",
        "form-0-position": "pracownik socjalny",
    }


def main() -> None:
    """Prepare, serve, log everyone in, fire the rush, count, report, stop."""
    with tempfile.TemporaryDirectory(prefix="razem-bench-") as tmp:
        env = run.bench_env(f"{tmp}/static", f"{tmp}/media")
        run.prepare(env)
        run.log(f"setup: conference with {PLACES} places, {CENTRES} centres")
        setup = shell(
            env,
            SETUP
            % {
                "centres": CENTRES,
                "places": PLACES,
                "password": PASSWORD,
                "stamp": time.strftime("%Y%m%d%H%M%S"),
            },
            "RUSH",
        )
        path = setup["path"]
        port = run.free_port()
        server = run.start_server(env, port)
        try:
            clients = []
            for number, (email, key) in enumerate(sorted(setup["sessions"].items())):
                if number < FORM_LOGINS:
                    client = Client(port)
                    client.login(email)
                else:
                    client = Client(port, {setup["cookie"]: key})
                client.token = client.csrf_token(path)  # also proves the session
                clients.append(client)
            run.log(f"{len(clients)} representatives ready ({FORM_LOGINS} via form)")
            results: list[tuple[int, float]] = [None] * len(clients)
            start = time.monotonic() + 0.5

            def fire(index: int, client: Client):
                time.sleep(
                    max(0.0, start + SPREAD * index / len(clients) - time.monotonic())
                )
                began = time.perf_counter()
                status, _headers, _text = client.request(
                    "POST", path, form_data(client.token, index)
                )
                results[index] = (status, time.perf_counter() - began)

            threads = [
                threading.Thread(target=fire, args=(i, c))
                for i, c in enumerate(clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.monotonic() - start
        finally:
            run.stop_server(server)
        counts = shell(env, COUNT % setup["conference"], "RUSH-COUNT")
    statuses: dict[int, int] = {}
    for status, _seconds in results:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = sorted(seconds for _status, seconds in results)
    errors = sum(n for code, n in statuses.items() if code >= 500)
    confirmed = counts.get("confirmed", 0)
    waiting = counts.get("waiting", 0)
    checks = [
        ("server errors (>= 500)", errors, 0),
        ("confirmed (DB)", confirmed, PLACES),
        ("waiting (DB)", waiting, CENTRES - PLACES),
    ]
    lines = [
        f"registration rush: {CENTRES} POSTs over {SPREAD:.0f} s "
        f"(all done after {wall:.1f} s), {PLACES} places",
        f"{'figure':<24} {'measured':>9} {'expected':>9}  ok",
        "-" * 50,
    ]
    for label, value, expected in checks:
        ok = "yes" if value == expected else "NO"
        lines.append(f"{label:<24} {value:>9} {expected:>9}  {ok}")
    lines += [
        f"{'other statuses (DB)':<24} "
        f"{json.dumps({k: v for k, v in counts.items() if k not in ('confirmed', 'waiting')})}",
        f"{'HTTP statuses':<24} "
        f"{', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}",
        f"{'latency p50 ms':<24} {percentile(latencies, 0.50):>9.1f}",
        f"{'latency p95 ms':<24} {percentile(latencies, 0.95):>9.1f}",
        f"{'latency max ms':<24} {latencies[-1] * 1000:>9.1f}",
    ]
    table = "\n".join(lines)
    print(table)
    run.RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (run.RESULTS / f"rush-{stamp}.txt").write_text(table + "\n")


if __name__ == "__main__":
    main()
