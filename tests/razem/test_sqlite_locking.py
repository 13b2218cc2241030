"""On the embedded default (SQLite, a file shared by the demo's web, worker and
scheduler processes), a save never fails with "database is locked".

The database of the test is copied into a file and a separate Python process
runs against it with the project's settings (`razem/settings/base.py`: WAL, a busy
timeout, IMMEDIATE transactions, synchronous=NORMAL). There, one thread plays the
task worker and holds a write transaction for a second while

- a representative saves the centre's data in "Mój ośrodek" (a request whose
  transaction reads before it writes), and
- the search index is updated for a page (the task that failed the same way),
- a visitor sends the contact form.

Each must wait for the writer and succeed. SQLite only: PostgreSQL has row locks
and its own timeout (tests/ops/test_lock_timeout.py).
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories.members import CentreFactory, representative

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import datetime, json, sys, threading, time
import django
django.setup()
from django.db import connection, transaction
from django.test import Client

from members.forms import CentreContactsForm
from members.models import Centre
from razem.models import VisitCount
from razem.search import indexing
from wagtail.models import Page

HOLD = 1.0


def hold_a_write_transaction(started, month):
    # The task worker: a write transaction that stays open for a second.
    with transaction.atomic():
        VisitCount.objects.create(month=month, count=1)
        started.set()
        time.sleep(HOLD)
    connection.close()


def while_a_writer_holds_the_lock(action, month):
    started = threading.Event()
    writer = threading.Thread(target=hold_a_write_transaction, args=(started, month))
    writer.start()
    started.wait(5)
    began = time.monotonic()
    try:
        outcome = action()
    except Exception as error:
        outcome = f"{type(error).__name__}: {error}"
    waited = time.monotonic() - began
    writer.join()
    return outcome, waited


email, centre_pk = sys.argv[1], int(sys.argv[2])
client = Client(raise_request_exception=False)
from members.models import User
client.force_login(User.objects.get(email=email))
centre = Centre.objects.get(pk=centre_pk)
data = {k: v or "" for k, v in CentreContactsForm(instance=centre).initial.items()}
data["phone"] = "44 683 28 85"


def save_the_centre():
    response = client.post("/moj-osrodek/dane/", data)
    return response.status_code


def send_a_message():
    response = Client().post("/kontakt/", {
        "imie_i_nazwisko": "Maria Zielińska", "e_mail": "maria@gops.example.test",
        "temat": "Pytanie", "wiadomosc": "Czy są wolne miejsca?", "zgoda": "on",
    })
    return response.status_code


def index_a_page():
    indexing.update_entry(Page.objects.get(depth=2))
    return "indexed"


saved, save_waited = while_a_writer_holds_the_lock(
    save_the_centre, datetime.date(2001, 1, 1)
)
indexed, index_waited = while_a_writer_holds_the_lock(
    index_a_page, datetime.date(2001, 2, 1)
)
sent, send_waited = while_a_writer_holds_the_lock(
    send_a_message, datetime.date(2001, 3, 1)
)
from wagtail.contrib.forms.models import FormSubmission
print(json.dumps({
    "options": connection.settings_dict["OPTIONS"],
    "journal_mode": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0],
    "saved": saved, "save_waited": save_waited,
    "phone": Centre.objects.get(pk=centre_pk).phone,
    "indexed": indexed, "index_waited": index_waited,
    "sent": sent, "messages": FormSubmission.objects.count(),
}))
"""


@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_the_worker_instead_of_failing(tmp_path, home_page):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: the embedded default of the demo")
    from razem.demo import ensure_contact_page

    ensure_contact_page(home_page, None)
    centre = CentreFactory()
    member = representative(centre, email="zapis@gops.test")
    database = tmp_path / "demo.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as target:
        connection.connection.backup(target)  # the test's data, in a real file
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "razem.settings.test",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, member.email, str(centre.pk)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["options"]["transaction_mode"] == "IMMEDIATE"
    assert outcome["journal_mode"] == "wal"
    assert outcome["saved"] == 302, outcome  # not 500/503 "database is locked"
    assert outcome["phone"] == "44 683 28 85"
    assert outcome["save_waited"] >= 0.5  # it waited for the writer
    assert outcome["indexed"] == "indexed", outcome
    assert outcome["sent"] == 200 and outcome["messages"] == 1, outcome
