"""Fill a fresh drill database: an open conference, an opinion open for signatures,
N member centres with their representatives, and a logged-in session for each.

    DJANGO_SETTINGS_MODULE=drill_settings PYTHONPATH=ops/drills:. \
        python ops/drills/prepare.py --centres 16 --capacity 50 --out /tmp/drill.json
"""

import argparse
import datetime
import json
import sys

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=16)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    django.setup()

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from consultations.choices import OpinionState
    from razem.demo import ensure_home_page
    from tests.factories.conferences import conference_index, make_conference
    from tests.factories.consultations import opinion_index, opinion_page
    from tests.factories.members import representative

    home = ensure_home_page()
    conference = make_conference(index=conference_index(home), capacity=args.capacity)
    opinion = opinion_page(
        opinion_index(home),
        state=OpinionState.OPEN,
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    people = []
    for number in range(args.centres):
        user = representative(email=f"kierownik{number}@drill.test")
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(4 * 60 * 60)
        session.create()
        people.append(
            {"email": user.email, "session": session.session_key, "number": number}
        )
    plan = {
        "conference_id": conference.pk,
        "capacity": args.capacity,
        "opinion_id": opinion.pk,
        "opinion_url": opinion.url,
        "version": opinion.state_version,
        "people": people,
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(plan, handle, indent=1)
    sys.stdout.write(
        f"prepared {args.centres} centres, conference {conference.pk}, "
        f"opinion {opinion.pk}\n"
    )


if __name__ == "__main__":
    main()
