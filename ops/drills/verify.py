"""Check the drill database against what the server acknowledged.

    DJANGO_SETTINGS_MODULE=drill_settings PYTHONPATH=ops/drills:. \
        python ops/drills/verify.py --plan /tmp/drill.json --results /tmp/drill-results.jsonl

Invariants (exit status 1 when any is broken):
- every acknowledged registration is in the database, not cancelled;
- no partial submission: every POST saved both of its participants or neither;
- capacity never exceeded; a waiting list only when the places are all taken;
- e-mails: every registration named in a queued confirmation task exists (no e-mail
  for rolled-back work), and every committed submission has its task (none lost);
- co-signatures: at most one active per centre, and every signature and withdrawal
  has its audit-log entry (no half-done signing).
"""

import argparse
import collections
import json
import sys

import django


def load_results(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def registration_checks(plan, results, problems, report):
    from conferences.models import Registration

    registrations = list(
        Registration.objects.filter(conference_id=plan["conference_id"]).values(
            "email", "status", "batch"
        )
    )
    by_email = {r["email"]: r for r in registrations}
    acked = [
        e
        for r in results
        if r["action"] == "register" and r["acked"]
        for e in r["emails"]
    ]
    missing = [
        e for e in acked if e not in by_email or by_email[e]["status"] == "cancelled"
    ]
    if missing:
        problems.append(
            f"{len(missing)} acknowledged registrations missing: {missing[:5]}"
        )
    unacked_saved = [
        e
        for r in results
        if r["action"] == "register" and not r["acked"]
        for e in r["emails"]
        if e in by_email
    ]
    # One POST registers two people: both saved or neither (the service's
    # `batch` field is not shared by one submission, so requests are the unit).
    submissions = [r["emails"] for r in results if r["action"] == "register"]
    partial = [e for e in submissions if sum(x in by_email for x in e) == 1]
    if partial:
        problems.append(f"{len(partial)} partial submissions: {partial[:3]}")
    batches = {
        tuple(e): by_email[e[0]] for e in submissions if all(x in by_email for x in e)
    }
    holders = sum(1 for r in registrations if r["status"] in ("confirmed", "pending"))
    waiting = sum(1 for r in registrations if r["status"] == "waiting")
    if holders > plan["capacity"]:
        problems.append(f"overbooked: {holders} holders for {plan['capacity']} places")
    if waiting and holders < plan["capacity"]:
        problems.append(
            f"{waiting} waiting while {plan['capacity'] - holders} places free"
        )
    report.update(
        {
            "requests": sum(1 for r in results if r["action"] == "register"),
            "acknowledged_participants": len(acked),
            "saved_participants": len(registrations),
            "saved_without_acknowledgement": len(unacked_saved),
            "holders": holders,
            "waiting": waiting,
            "complete_submissions": len(batches),
            "partial_submissions": len(partial),
        }
    )
    return by_email, batches


CONFIRMATION_TASK = "conferences.tasks.registration_received_task"


def email_checks(by_email, batches, problems, report):
    """Each committed submission queued its confirmation task in the same
    transaction (a transactional outbox), and no task names a registration that does
    not exist. The task carries registration ids; the e-mail is built by the worker.
    """
    from django_tasks_db.models import DBTaskResult

    from conferences.models import Registration

    confirmations = DBTaskResult.objects.filter(task_path=CONFIRMATION_TASK)
    ids = [
        pk
        for task in confirmations
        for pk in task.args_kwargs["kwargs"]["registration_ids"]
    ]
    emails = dict(Registration.objects.filter(pk__in=ids).values_list("pk", "email"))
    ghosts = [pk for pk in ids if pk not in emails]
    if ghosts:
        problems.append(f"{len(ghosts)} e-mails about registrations that do not exist")
    named_set = set(emails.values())
    unconfirmed = [s for s in batches if not all(e in named_set for e in s)]
    if unconfirmed:
        problems.append(
            f"{len(unconfirmed)} committed submissions without their confirmation"
        )
    report.update(
        {
            "confirmation_emails": confirmations.count(),
            "emails_for_missing_rows": len(ghosts),
            "submissions_without_email": len(unconfirmed),
        }
    )


def signature_checks(plan, problems, report):
    from wagtail.models import PageLogEntry

    from consultations.models import Signature

    signatures = list(
        Signature.objects.filter(opinion_id=plan["opinion_id"]).values(
            "centre_id", "withdrawn_at"
        )
    )
    active = collections.Counter(
        s["centre_id"] for s in signatures if not s["withdrawn_at"]
    )
    if any(n > 1 for n in active.values()):
        problems.append("a centre has two active co-signatures")
    logs = PageLogEntry.objects.filter(page_id=plan["opinion_id"])
    signed_logs = collections.Counter(
        e.data.get("centre_id") for e in logs.filter(action="consultations.sign")
    )
    withdrawn_logs = collections.Counter(
        e.data.get("centre_id") for e in logs.filter(action="consultations.withdraw")
    )
    rows = collections.Counter(s["centre_id"] for s in signatures)
    withdrawn_rows = collections.Counter(
        s["centre_id"] for s in signatures if s["withdrawn_at"]
    )
    if rows != signed_logs or withdrawn_rows != withdrawn_logs:
        problems.append(
            f"signatures and audit log disagree: rows {dict(rows)} vs log {dict(signed_logs)}, "
            f"withdrawn {dict(withdrawn_rows)} vs log {dict(withdrawn_logs)}"
        )
    report.update(
        {
            "signature_rows": sum(rows.values()),
            "withdrawals": sum(withdrawn_rows.values()),
            "sign_log_entries": sum(signed_logs.values()),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--results", required=True)
    args = parser.parse_args()
    django.setup()

    with open(args.plan, encoding="utf-8") as handle:
        plan = json.load(handle)
    results = load_results(args.results)
    problems: list[str] = []
    report: dict = {}
    by_email, batches = registration_checks(plan, results, problems, report)
    email_checks(by_email, batches, problems, report)
    signature_checks(plan, problems, report)
    report["problems"] = problems
    print(json.dumps(report, indent=1))  # noqa: T201
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
