"""Factories for conference pages, workshops, speakers and participants."""

import datetime
import itertools

import factory
from django.utils import timezone

from conferences.choices import SessionKind
from conferences.models import ConferenceIndexPage, ConferencePage, Session, Speaker
from conferences.services.registration import ParticipantData

_numbers = itertools.count(1)


class SpeakerFactory(factory.django.DjangoModelFactory):
    """A speaker with a Polish name."""

    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Małgorzata Źdźbło-{n}")
    title = "dr"
    affiliation = "Uniwersytet Łódzki"
    bio = "Badaczka usług społecznych."


def conference_index(home=None) -> ConferenceIndexPage:
    """The /konferencje/ index under the home page (created once)."""
    from razem.demo import ensure_home_page

    index = ConferenceIndexPage.objects.first()
    if index:
        return index
    home = home or ensure_home_page()
    index = home.add_child(
        instance=ConferenceIndexPage(title="Konferencje", slug="konferencje")
    )
    index.save_revision().publish()
    return index


def make_conference(*, index=None, open_now=True, **fields) -> ConferencePage:
    """A published conference; registration open now unless told otherwise."""
    index = index or conference_index()
    number = next(_numbers)
    now = timezone.now()
    today = timezone.localdate()
    defaults = {
        "title": f"Konferencja testowa {number}",
        "slug": f"konferencja-testowa-{number}",
        "edition": 10 + number,
        "motto": "Razem łatwiej",
        "start_date": today + datetime.timedelta(days=60),
        "end_date": today + datetime.timedelta(days=62),
        "venue_name": "Hotel Górski",
        "venue_address": "ul. Przykładowa 1",
        "venue_city": "Zakopane",
        "capacity": 10,
        "member_fee": "300.00",
        "non_member_fee": "450.00",
    }
    if open_now:
        defaults["registration_opens_at"] = now - datetime.timedelta(days=1)
        defaults["registration_closes_at"] = now + datetime.timedelta(days=30)
    defaults.update(fields)
    if open_now and "registration_closes_at" not in fields:
        # Registration never closes after the conference ends (ConferencePage.clean).
        from conferences.models.pages import day_start

        ended = day_start(defaults["end_date"] + datetime.timedelta(days=1))
        defaults["registration_closes_at"] = min(
            defaults["registration_closes_at"], ended
        )
    conference = index.add_child(instance=ConferencePage(**defaults))
    conference.save_revision().publish()
    return ConferencePage.objects.get(pk=conference.pk)


def add_session(conference, **fields) -> Session:
    """A programme item on the first day (a lecture by default)."""
    defaults = {
        "kind": SessionKind.LECTURE,
        "date": conference.start_date,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(11, 30),
        "title": "Wykład o deinstytucjonalizacji",
        "room": "Sala A",
    }
    defaults.update(fields)
    return Session.objects.create(page=conference, **defaults)


def add_workshop(conference, **fields) -> Session:
    """A workshop with 2 places by default."""
    fields.setdefault("kind", SessionKind.WORKSHOP)
    fields.setdefault("capacity", 2)
    fields.setdefault("title", "Warsztat: plan usług społecznych")
    return add_session(conference, **fields)


def participant(n: int | str = 0, **fields) -> ParticipantData:
    """A participant with a Polish name and a unique e-mail."""
    defaults = {
        "first_name": "Zażółć",
        "last_name": f"Gęślą-Jaźń {n}",
        "email": f"uczestnik{n}@example.test",
        "position": "pracownik socjalny",
    }
    defaults.update(fields)
    return ParticipantData(**defaults)


def on_conference_day(conference, hour: int = 9):
    """Travel to the conference's first day (Europe/Warsaw): check-in is possible
    only on the conference days."""
    import time_machine

    from conferences.models.pages import day_start

    return time_machine.travel(
        day_start(conference.start_date) + datetime.timedelta(hours=hour), tick=True
    )
