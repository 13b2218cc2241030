"""`make bench-logged-in`: pages of a logged-in representative under gunicorn.

Uses bench/run.py's setup (database `razem_bench` with demo content, production
settings, gunicorn with two workers, Redis cache), logs in as the representative of
MGOPS Wyśmierzyce through the allauth form at /konto/login/, then measures "Mój
ośrodek", the registration form of the open conference and the open opinion page
(with its comments) with 8 concurrent clients for about ten seconds each. Prints
requests/s and p50/p95 latency per view; the target is p95 < 150 ms.

The session and CSRF cookies are `Secure`; this client sends them over plain HTTP
to 127.0.0.1 by setting the Cookie header itself.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py: database, gunicorn, environment)

EMAIL = "kierownik@mgops-wysmierzyce.test"
PASSWORD = "razem-demo-2026"  # noqa: S105 - the public demo password (README)
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
TARGET_P95_MS = 150
# wrk when installed (as `make bench` does); BENCH_TOOL=python forces the threads.
USE_WRK = shutil.which("wrk") is not None and os.environ.get("BENCH_TOOL") != "python"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

DISCOVER = """
import json
from django.urls import reverse
from conferences.models import ConferencePage
from consultations.models import OpinionPage
found = {}
for page in ConferencePage.objects.live().order_by("-start_date"):
    if page.registration_state() == "open":
        found["register"] = reverse("conferences:register", args=[page.pk])
        break
for page in OpinionPage.objects.live().order_by("-first_published_at"):
    if page.is_signing_open:
        found["opinion"] = page.url
        break
print("BENCH-URLS " + json.dumps(found))
"""


class Client:
    """A tiny HTTP client for 127.0.0.1 that keeps cookies itself (Secure or not)."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.conn = HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, data: dict | None = None):
        """One request; returns (status, headers, body text) and stores cookies."""
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            reply = self.conn.getresponse()
        except (ConnectionError, OSError):
            self.conn.close()
            self.conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            reply = self.conn.getresponse()
        text = reply.read().decode("utf-8", "replace")
        for value in reply.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return reply.status, reply.headers, text

    def csrf_token(self, path: str) -> str:
        """GET a form page and return its CSRF token."""
        status, _headers, text = self.request("GET", path)
        match = CSRF_FIELD.search(text)
        if status != 200 or not match:
            raise SystemExit(f"no CSRF token on {path} (status {status})")
        return match.group(1)

    def login(self, email: str, password: str = PASSWORD) -> None:
        """Log in through the allauth form; fail loudly when it does not redirect."""
        token = self.csrf_token("/konto/login/")
        status, headers, _text = self.request(
            "POST",
            "/konto/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )
        if status != 302:
            raise SystemExit(f"login of {email} failed: status {status}")
        run.log(f"logged in as {email} -> {headers.get('Location')}")


def percentile(values: list[float], fraction: float) -> float:
    """The given percentile (nearest rank) of sorted values, in ms."""
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(len(values) * fraction))] * 1000


def load(port: int, path: str, cookies: dict, clients: int, seconds: float) -> dict:
    """GET one path from `clients` threads for `seconds`; latencies and statuses."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        client = Client(port, cookies)
        mine, codes = [], {}
        while time.monotonic() < stop:
            started = time.perf_counter()
            status, _headers, _text = client.request("GET", path)
            mine.append(time.perf_counter() - started)
            codes[status] = codes.get(status, 0) + 1
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "statuses": statuses,
    }


WRK_SCRIPT = """
wrk.headers["Cookie"] = %s
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def load_wrk(port: int, path: str, cookies: dict, clients: int, seconds: float):
    """The same measurement with wrk (C): the load generator takes less of the CPU."""
    header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % json.dumps(header))
    try:
        output = subprocess.run(
            ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds:.0f}s",
             "-s", script.name, f"http://127.0.0.1:{port}{path}"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next(x for x in output.splitlines() if x.startswith("BENCH "))
    requests, duration_us, p50_us, p95_us, errors = (int(x) for x in line.split()[1:])
    return {
        "path": path,
        "requests": requests,
        "rps": requests / (duration_us / 1e6),
        "p50": p50_us / 1000,
        "p95": p95_us / 1000,
        "statuses": {"2xx/3xx": requests - errors, "errors": errors},
    }


def print_rows(rows: list[dict]) -> str:
    """The result table."""
    lines = [
        f"{'view':<20} {'path':<40} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'<150?':>5}  statuses",
        "-" * 100,
    ]
    for row in rows:
        ok = "yes" if row["p95"] < TARGET_P95_MS else "NO"
        statuses = ",".join(f"{k}:{v}" for k, v in sorted(row["statuses"].items()))
        lines.append(
            f"{row['view']:<20} {row['path'][:40]:<40} {row['rps']:>7.1f} "
            f"{row['p50']:>7.1f} {row['p95']:>7.1f} {ok:>5}  {statuses}"
        )
    table = "\n".join(lines)
    print(table)
    return table


def discover(env: dict) -> dict:
    """The registration form and the open opinion page in the bench database."""
    output = run.manage(env, "shell", "-c", DISCOVER, capture=True)
    line = next(x for x in output.splitlines() if x.startswith("BENCH-URLS "))
    return json.loads(line.removeprefix("BENCH-URLS "))


def main() -> None:
    """Prepare, serve, log in, measure, report, stop."""
    with tempfile.TemporaryDirectory(prefix="razem-bench-") as tmp:
        env = run.bench_env(f"{tmp}/static", f"{tmp}/media")
        run.prepare(env)
        urls = discover(env)
        run.flush_redis()
        targets = [("Mój ośrodek", "/moj-osrodek/")]
        if "register" in urls:
            targets.append(("registration form", urls["register"]))
        else:
            run.log("no conference open for registration: skipped")
        if "opinion" in urls:
            targets.append(("opinion + comments", urls["opinion"]))
        else:
            run.log("no open opinion page: skipped")
        port = run.free_port()
        server = run.start_server(env, port)
        rows = []
        try:
            client = Client(port)
            client.login(EMAIL)
            for label, path in targets:
                status, _headers, _text = client.request("GET", path)
                if status != 200:
                    run.log(f"{label}: {path} answered {status}; skipped")
                    continue
                tool = "wrk" if USE_WRK else "Python threads"
                run.log(
                    f"{label}: {path}, {CLIENTS} clients for {SECONDS:.0f} s ({tool})"
                )
                measure = load_wrk if USE_WRK else load
                row = measure(port, path, client.cookies, CLIENTS, SECONDS)
                rows.append({"view": label, **row})
        finally:
            run.stop_server(server)
    table = print_rows(rows)
    run.RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (run.RESULTS / f"logged-in-{stamp}.txt").write_text(table + "\n")


if __name__ == "__main__":
    main()
