"""Registration and co-signing load against a running server, with a fault injected.

Each thread is one centre's representative (a session made by prepare.py). It posts
registrations of two participants at a time and, in `mixed` mode, also co-signs and
withdraws. Every answer is written to a JSON-lines file; `verify.py` then checks the
database against what the server acknowledged.

    python ops/drills/load.py --plan /tmp/drill.json --base http://127.0.0.1:8199 \
        --duration 20 --threads 8 --fault-at 6 --fault-cmd "pg_ctlcluster 15 main restart -m immediate" \
        --out /tmp/drill-results.jsonl
"""

import argparse
import json
import re
import secrets
import shlex
import statistics
import subprocess
import threading
import time

import requests

REGISTERED = "/moj-osrodek/konferencje/"


class Recorder:
    """Thread-safe JSON-lines writer plus counters for the summary."""

    def __init__(self, path: str):
        self.handle = open(path, "w", encoding="utf-8")  # noqa: SIM115
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.counts: dict[str, int] = {}

    def write(self, record: dict) -> None:
        with self.lock:
            self.handle.write(json.dumps(record) + "\n")
            key = f"{record['action']}:{record['status']}"
            self.counts[key] = self.counts.get(key, 0) + 1
            if isinstance(record["status"], int):
                self.latencies.append(record["seconds"])

    def close(self) -> None:
        self.handle.close()


def session_for(base: str, person: dict) -> tuple[requests.Session, str]:
    """A client carrying the prepared session and a CSRF cookie of its own."""
    client = requests.Session()
    token = secrets.token_hex(16)  # 32 characters: Django's unmasked secret length
    host = base.split("//", 1)[1].split(":")[0]
    client.cookies.set("sessionid", person["session"], domain=host)
    client.cookies.set("csrftoken", token, domain=host)
    return client, token


def post(client, url, data, timeout=20):
    """(status or error name, seconds, redirect target)."""
    started = time.perf_counter()
    try:
        response = client.post(url, data=data, allow_redirects=False, timeout=timeout)
    except requests.RequestException as error:
        return type(error).__name__, time.perf_counter() - started, ""
    return (
        response.status_code,
        time.perf_counter() - started,
        response.headers.get("Location", ""),
    )


def register_once(client, token, plan, base, person, sequence, recorder):
    emails = [
        f"p{person['number']}-{sequence}-{k}@uczestnik.drill.test" for k in range(2)
    ]
    data = {
        "csrfmiddlewaretoken": token,
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
    }
    for row, email in enumerate(emails):
        data.update(
            {
                f"form-{row}-first_name": "Uczestnik",
                f"form-{row}-last_name": f"Ćwiczebny {sequence}-{row}",
                f"form-{row}-email": email,
                f"form-{row}-accommodation_nights": "0",
            }
        )
    url = f"{base}/moj-osrodek/konferencje/{plan['conference_id']}/zapisz/"
    status, seconds, location = post(client, url, data)
    recorder.write(
        {
            "t": time.time(),
            "action": "register",
            "person": person["number"],
            "emails": emails,
            "status": status,
            "seconds": round(seconds, 4),
            "acked": status == 302 and location.endswith(REGISTERED),
        }
    )


SIGNATURE_FIELD = re.compile(r'name="signature" value="(\d+)"')


def current_signature(client, plan, base) -> str | None:
    """The id in the withdraw form of the opinion page (None when not signed)."""
    try:
        page = client.get(f"{base}{plan['opinion_url']}", timeout=20)
    except requests.RequestException:
        return None
    found = SIGNATURE_FIELD.search(page.text)
    return found.group(1) if found else None


def sign_toggle(client, token, plan, base, person, sequence, recorder):
    action = "podpis" if sequence % 2 == 0 else "wycofanie"
    url = f"{base}/opinie/{plan['opinion_id']}/{action}/"
    data = {"csrfmiddlewaretoken": token, "version": plan["version"]}
    if action == "wycofanie":
        data["signature"] = current_signature(client, plan, base) or ""
    status, seconds, _location = post(client, url, data)
    recorder.write(
        {
            "t": time.time(),
            "action": "sign" if action == "podpis" else "withdraw",
            "person": person["number"],
            "status": status,
            "seconds": round(seconds, 4),
        }
    )


def worker(plan, base, person, stop_at, mode, recorder):
    client, token = session_for(base, person)
    sequence = 0
    while time.time() < stop_at:
        register_once(client, token, plan, base, person, sequence, recorder)
        if mode == "mixed":
            sign_toggle(client, token, plan, base, person, sequence, recorder)
        sequence += 1


def health_poller(base, stop_at, timeline):
    while time.time() < stop_at:
        started = time.time()
        try:
            status = requests.get(f"{base}/healthz", timeout=5).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        timeline.append((started, status))
        time.sleep(0.2)


def injector(fault_at: list[float], command: str, start: float, log: list):
    for moment in fault_at:
        delay = start + moment - time.time()
        if delay > 0:
            time.sleep(delay)
        begun = time.time()
        result = subprocess.run(  # noqa: S603 - the drill script's own fault command
            shlex.split(command), capture_output=True, text=True, check=False
        )
        log.append(
            {
                "at": round(begun - start, 2),
                "seconds": round(time.time() - begun, 2),
                "rc": result.returncode,
                "output": (result.stdout + result.stderr).strip()[-300:],
            }
        )


def outage(timeline, start):
    """First and last failing health check, and the first success after them."""
    failures = [t for t, status in timeline if status != 200]
    if not failures:
        return None
    last = max(failures)
    recovered = next((t for t, status in timeline if t > last and status == 200), None)
    return {
        "first_failure_s": round(min(failures) - start, 2),
        "last_failure_s": round(last - start, 2),
        "recovered_s": round(recovered - start, 2) if recovered else None,
        "failed_checks": len(failures),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--base", default="http://127.0.0.1:8199")
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--mode", choices=["register", "mixed"], default="register")
    parser.add_argument("--fault-at", type=float, action="append", default=[])
    parser.add_argument("--fault-cmd", default="")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with open(args.plan, encoding="utf-8") as handle:
        plan = json.load(handle)
    recorder = Recorder(args.out)
    start = time.time()
    stop_at = start + min(args.duration, 120)
    threads = [
        threading.Thread(
            target=worker,
            args=(plan, args.base, person, stop_at, args.mode, recorder),
        )
        for person in plan["people"][: args.threads]
    ]
    timeline: list = []
    faults: list = []
    threads.append(
        threading.Thread(target=health_poller, args=(args.base, stop_at + 5, timeline))
    )
    if args.fault_cmd and args.fault_at:
        threads.append(
            threading.Thread(
                target=injector, args=(args.fault_at, args.fault_cmd, start, faults)
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorder.close()

    latencies = sorted(recorder.latencies)
    summary = {
        "duration_s": round(time.time() - start, 1),
        "threads": args.threads,
        "answers": recorder.counts,
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000)
        if latencies
        else None,
        "faults": faults,
        "healthz_outage": outage(timeline, start),
        "healthz_final": timeline[-1][1] if timeline else None,
    }
    print(json.dumps(summary, indent=1))  # noqa: T201


if __name__ == "__main__":
    main()
