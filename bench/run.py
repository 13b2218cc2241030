"""`make bench`: anonymous page throughput under gunicorn, compared with a static file.

Sets up a PostgreSQL database `razem_bench` (migrate, municipalities, demo content),
collects static files into a temporary directory, starts gunicorn with two workers and
production settings sharing a Redis page cache, then measures requests per second and
the 95th-percentile latency of the home page, the news index, an article, a conference
page, an opinion page (those that exist) and a static CSS file, each for about ten
seconds with wrk (or a small Python load generator when wrk is missing). Everything
runs on 127.0.0.1 and the server is stopped at the end. Ratios to the static file are
the meaningful figures: the load generator shares the machine's cores with the server.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = os.environ.get("BENCH_DATABASE", "razem_bench")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
RESULTS = ROOT / "bench-results"

# Model name -> label for pages discovered in the database.
PAGE_TARGETS = [
    ("ArticlePage", "article"),
    ("ConferencePage", "conference page"),
    ("OpinionPage", "opinion page"),
]
DISCOVER = """
import json
from wagtail.models import Page
from django.contrib.staticfiles.storage import staticfiles_storage
found = {}
wanted = %r
for page in Page.objects.live().public().specific().order_by("-first_published_at"):
    name = type(page).__name__
    if name in wanted and name not in found:
        found[name] = page.url
print("BENCH-URLS " + json.dumps({
    "pages": found,
    "css": staticfiles_storage.url("razem/css/site.css"),
}))
"""
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(95), e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the result table."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, capture: bool = False) -> str:
    """Run a management command with the benchmark environment."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout or ""


def recreate_database() -> None:
    """Drop and create the benchmark database."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def flush_redis() -> None:
    """Start with an empty page cache in the benchmark's Redis database."""
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def prepare(env: dict) -> dict:
    """Create and fill the database, collect static files, find the URLs to measure."""
    log(f"database {DATABASE}: migrate and load demo content")
    recreate_database()
    manage(env, "migrate", "--noinput")
    commands = manage(env, "help", "--commands", capture=True).split()
    if "load_municipalities" in commands:
        manage(env, "load_municipalities")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    output = manage(
        env, "shell", "-c", DISCOVER % [n for n, _ in PAGE_TARGETS], capture=True
    )
    line = next(x for x in output.splitlines() if x.startswith("BENCH-URLS "))
    return json.loads(line.removeprefix("BENCH-URLS "))


WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def start_server(env: dict, port: int) -> subprocess.Popen:
    """gunicorn (BENCH_WORKERS, default 2), production settings, 127.0.0.1 only."""
    log(f"gunicorn on 127.0.0.1:{port}")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "razem.wsgi",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def measure_wrk(url: str, script: Path) -> tuple[float, float, int]:
    """Requests/s, p95 latency (ms) and errors from one wrk run."""
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH "))
    requests, duration_us, p95_us, errors = (int(x) for x in line.split()[1:])
    return requests / (duration_us / 1e6), p95_us / 1000, errors


def measure_python(url: str) -> tuple[float, float, int]:
    """The same figures from keep-alive connections in threads (no wrk)."""
    host, _, path = url.removeprefix("http://").partition("/")
    address, port = host.split(":")
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + SECONDS

    def worker():
        conn = HTTPConnection(address, int(port), timeout=10)
        while time.monotonic() < stop:
            started = time.perf_counter()
            conn.request("GET", "/" + path)
            reply = conn.getresponse()
            reply.read()
            latencies.append(time.perf_counter() - started)
            errors[0] += reply.status >= 400

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS // 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0.0
    return len(latencies) / SECONDS, p95, errors[0]


def check_page(url: str) -> bool:
    """True when the target answers 200 (three times, warming the cache)."""
    try:
        for _ in range(3):
            with urllib.request.urlopen(url) as reply:
                reply.read()
    except OSError as error:
        log(f"skipped {url}: {error}")
        return False
    return True


def run_targets(base: str, targets: list[tuple[str, str]]) -> list[dict]:
    """Measure every target in turn."""
    wrk = shutil.which("wrk")
    if not wrk:
        log("wrk not found (apt-get install -y wrk); using the Python load generator")
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)
    rows = []
    for label, path in targets:
        url = base + path
        if not check_page(url):
            continue
        log(f"{label}: {path} for {SECONDS} s")
        rps, p95, errors = measure_wrk(url, script) if wrk else measure_python(url)
        rows.append(
            {"target": label, "path": path, "rps": rps, "p95": p95, "errors": errors}
        )
    script.unlink()
    return rows


def print_table(rows: list[dict]) -> str:
    """The result table with each target's ratio to the static file."""
    static = next(row for row in rows if row["target"] == "static CSS")
    lines = [
        f"{'target':<16} {'path':<46} {'req/s':>9} {'p95 ms':>8} {'vs static':>9} "
        f"{'errors':>6}",
        "-" * 99,
    ]
    for row in rows:
        ratio = row["rps"] / static["rps"] if static["rps"] else 0
        lines.append(
            f"{row['target']:<16} {row['path'][:46]:<46} {row['rps']:>9.0f} "
            f"{row['p95']:>8.1f} {ratio:>9.2f} {row['errors']:>6}"
        )
    table = "\n".join(lines)
    print(table)
    return table


def bench_env(static_root: str, media_root: str) -> dict:
    """Production settings on 127.0.0.1 with a shared Redis cache."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "razem.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "CACHE_URL": REDIS,
        "DJANGO_STATIC_ROOT": static_root,
        "DJANGO_MEDIA_ROOT": media_root,
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def main() -> None:
    """Prepare, serve, measure, report, stop."""
    with tempfile.TemporaryDirectory(prefix="razem-bench-") as tmp:
        env = bench_env(f"{tmp}/static", f"{tmp}/media")
        urls = prepare(env)
        flush_redis()
        targets = [("home page", "/"), ("news index", "/aktualnosci/")]
        targets.append(("directory", "/czlonkowie/"))
        targets += [
            (label, urls["pages"][name])
            for name, label in PAGE_TARGETS
            if name in urls["pages"]
        ]
        targets.append(("static CSS", urls["css"]))
        port = free_port()
        server = start_server(env, port)
        try:
            rows = run_targets(f"http://127.0.0.1:{port}", targets)
        finally:
            stop_server(server)
    table = print_table(rows)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.txt").write_text(table + "\n")
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
