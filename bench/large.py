"""Large-association benchmark: search, letter PDF, XLSX export, admin listings.

Run: `.venv/bin/python bench/large.py [--scale 1.0]`

Drops and creates the PostgreSQL database `razem_large` (BENCH_LARGE_DATABASE), runs
migrate, load_municipalities and generate_large_association, then measures in-process:
the site search p95 over about twenty Polish queries (through the Django test client),
the letter PDF of the opinion with the most signatures (time and size), the XLSX export
of the largest conference's registrations (time and tracemalloc peak) and the admin
listings (centres, registrations, an opinion's console with its signatures) as a
superuser with staff MFA disabled. Prints a table and writes JSON to
bench-results/large.json.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_LARGE_DATABASE", "razem_large")
QUERIES = [
    "pomoc społeczna", "świadczenia", "asystent rodziny", "przemoc", "dodatek",
    "usługi opiekuńcze", "osoby starsze", "niepełnosprawność", "bezdomność",
    "praca socjalna", "superwizja", "wynagrodzenia", "szkolenia", "ustawa",
    "centrum usług", "dożywianie", "rodziny zastępcze", "zdrowie psychiczne",
    "wypalenie", "gminy wiejskie", "konferencja", "stanowisko",
]  # fmt: skip


def manage(*args: str, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_get(client, url: str, repeat: int = 3) -> tuple[float, int]:
    """The best of `repeat` GETs in ms (the first warms caches) and the status."""
    times, status = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return min(times), status


def measure() -> list[tuple[str, str]]:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db.models import Count
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    from conferences.models import ConferencePage, Registration
    from conferences.services.exports import export_queryset, xlsx_file
    from consultations.models import OpinionPage
    from consultations.services.letters import build_letter_pdf
    from members.models import User

    setup_test_environment()  # allows the test client's host, e-mail to memory
    rows = []
    client = Client()
    # Site search.
    times = []
    client.get("/szukaj/", {"q": "rozgrzewka"})  # templates and connections
    for query in QUERIES:  # each query's first request: no page cache can help
        started = time.perf_counter()
        response = client.get("/szukaj/", {"q": query})
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"search {query!r}: HTTP {response.status_code}")
    rows.append(
        (
            f"site search p95 / median ({len(QUERIES)} queries)",
            f"{p95(times):.0f} ms / {statistics.median(times):.0f} ms",
        )
    )
    # Letter PDF.
    opinion = (
        OpinionPage.objects.annotate(n=Count("signatures")).order_by("-n", "pk").first()
    )
    started = time.perf_counter()
    pdf = build_letter_pdf(opinion)
    rows.append(
        (
            f"letter PDF ({opinion.n} signers)",
            f"{time.perf_counter() - started:.2f} s, {len(pdf) / 1024:.0f} KiB",
        )
    )
    # XLSX export.
    conference = (
        ConferencePage.objects.annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .first()
    )
    tracemalloc.start()
    started = time.perf_counter()
    handle = xlsx_file(export_queryset(conference), conference.title)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = len(handle.read())
    handle.close()
    rows.append(
        (
            f"XLSX export ({conference.n} registrations)",
            f"{elapsed:.2f} s, peak {peak / 2**20:.1f} MiB, file {size / 1024:.0f} KiB",
        )
    )
    # Admin listings.
    admin = User.objects.create_superuser("bench-admin@razem.test", "bench-pass-2026")
    with override_settings(RAZEM_STAFF_MFA_REQUIRED=False):
        staff = Client()
        staff.force_login(admin)
        listings = [
            ("admin: member centres list", "/admin/members/centre/"),
            ("admin: registrations list", "/admin/registrations/"),
            (
                "admin: registrations of one conference",
                f"/admin/registrations/?conference={conference.pk}",
            ),
            (
                f"admin: opinion console ({opinion.n} signatures)",
                f"/admin/opinie/{opinion.pk}/",
            ),
        ]
        for label, url in listings:
            best, status = timed_get(staff, url)
            rows.append((label, f"{best:.0f} ms (HTTP {status})"))
    rows.append(("registrations in database", str(Registration.objects.count())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="1.0")
    options = parser.parse_args()
    url = f"{PG}/{DATABASE}"
    env = {**os.environ, "DATABASE_URL": url}
    recreate_database()
    setup = [("migrate", manage("migrate", "-v0", env=env))]
    setup.append(("load_municipalities", manage("load_municipalities", env=env)))
    setup.append(
        (
            f"generate_large_association --scale {options.scale}",
            manage("generate_large_association", "--scale", options.scale, env=env),
        )
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "razem.settings.dev")
    rows = [(label, f"{seconds:.1f} s") for label, seconds in setup] + measure()
    width = max(len(label) for label, _value in rows)
    print(f"| {'measurement':<{width}} | result")
    print(f"|{'-' * (width + 2)}|-------")
    for label, value in rows:
        print(f"| {label:<{width}} | {value}")
    out = ROOT / "bench-results" / "large.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(dict(rows), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
