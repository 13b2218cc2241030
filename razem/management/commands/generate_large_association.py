"""Fill the database with a large synthetic association for performance checks.

Counts at ``--scale 1``: 2,500 centres, 5,000 people with memberships, 3,000
articles, 20 conferences with 500 registrations each and 50 opinions with 300
signatures each. Rows are bulk-created; pages are added with ``add_child`` as live
pages (no revisions) and indexed for the site search at the end. The command
refuses to run a second time on the same database.
"""

import datetime
import itertools
import logging
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

BASE_COUNTS = {
    "centres": 2500,
    "people": 5000,
    "articles": 3000,
    "conferences": 20,
    "registrations": 500,
    "opinions": 50,
    "signatures": 300,
}
EMAIL_DOMAIN = "large.razem.test"
MARKER_EMAIL = f"osoba-0@{EMAIL_DOMAIN}"

FIRST_NAMES = [
    "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Joanna",
    "Zofia", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał",
    "Łukasz", "Grzegorz", "Jadwiga", "Elżbieta", "Wojciech", "Stanisław",
]  # fmt: skip
LAST_NAMES = [
    "Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska",
    "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowska",
    "Jankowski", "Mazur", "Krawczyk", "Piotrowska", "Grabowski", "Nowakowska",
    "Pawłowski", "Michalska", "Żółkiewska", "Chrząszcz",
]  # fmt: skip
TOPICS = [
    "pomoc społeczna", "świadczenia rodzinne", "asystent rodziny", "przemoc domowa",
    "dodatek mieszkaniowy", "usługi opiekuńcze", "osoby starsze",
    "niepełnosprawność", "bezdomność", "praca socjalna", "superwizja",
    "wynagrodzenia pracowników", "szkolenia", "ustawa o pomocy społecznej",
    "centrum usług społecznych", "dożywianie dzieci", "rodziny zastępcze",
    "zdrowie psychiczne", "wypalenie zawodowe", "gminy wiejskie",
]  # fmt: skip


def scaled(count: int, scale: float) -> int:
    """The base count times the scale, never below one."""
    return max(1, round(count * scale))


def scaled_counts(scale: float) -> dict:
    return {key: scaled(value, scale) for key, value in BASE_COUNTS.items()}


class Command(BaseCommand):
    help = "Generate a large synthetic association (centres, people, pages, records)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)

    def handle(self, *args, **options):
        from members.models import Municipality, User

        scale = options["scale"]
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        if User.objects.filter(email=MARKER_EMAIL).exists():
            raise CommandError(
                "This database already holds a generated large association "
                f"({MARKER_EMAIL} exists); use a fresh database."
            )
        if not Municipality.objects.exists():
            self.stdout.write("No municipalities: running load_municipalities.")
            call_command("load_municipalities", stdout=self.stdout)
        counts = scaled_counts(scale)
        logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per page
        self.now = timezone.now()
        with transaction.atomic():
            self._step("centres", self._centres, counts)
            self._step("people", self._people, counts)
            self._step("articles", self._articles, counts)
            self._step("conferences", self._conferences, counts)
            self._step("opinions", self._opinions, counts)
            self._step("search index", self._index, counts)
        self.stdout.write(self.style.SUCCESS(f"Large association generated: {counts}"))

    def _step(self, label, function, counts):
        started = time.perf_counter()
        function(counts)
        self.stdout.write(f"  {label}: {time.perf_counter() - started:.1f} s")

    # -- rows -----------------------------------------------------------------

    def _centres(self, counts):
        from members.choices import CentreKind, CentreStatus
        from members.models import Centre, Municipality

        # Only eligible gminy: a member centre over the population limit would need
        # a written exception reason (members.Centre.clean).
        municipalities = list(
            Municipality.objects.filter(population__lte=settings.RAZEM_MAX_POPULATION)
            .exclude(centres__status__in=["member", "suspended"])
            .order_by("teryt")
            .values_list("pk", "name")
        )
        kinds = [CentreKind.GOPS, CentreKind.MGOPS, CentreKind.MOPS, CentreKind.OPS]
        centres = []
        for number in range(counts["centres"]):
            municipality_id, name = municipalities[number % len(municipalities)]
            kind = kinds[number % len(kinds)]
            centres.append(
                Centre(
                    name=f"{kind} w {name} nr {number}",
                    kind=kind,
                    municipality_id=municipality_id,
                    street=f"ul. Główna {number % 200 + 1}",
                    postal_code=f"{number % 100:02d}-{number % 1000:03d}",
                    city=name,
                    email=f"osrodek-{number}@{EMAIL_DOMAIN}",
                    director=f"{FIRST_NAMES[number % 20]} {LAST_NAMES[number % 22]}",
                    # One member centre per gmina (a constraint): past the
                    # last gmina, the centres are applicants.
                    status=CentreStatus.MEMBER
                    if number % 10 and number < len(municipalities)
                    else CentreStatus.APPLICANT,
                    joined_on=datetime.date(2010 + number % 15, 1 + number % 12, 1),
                )
            )
        self.centres = Centre.objects.bulk_create(centres, batch_size=1000)
        self.member_centres = [c for c in self.centres if c.status == "member"] or [
            self.centres[0]
        ]

    def _people(self, counts):
        from members.choices import Role
        from members.models import Membership, User

        password = make_password("razem-large-2026")
        users = [
            User(
                email=f"osoba-{number}@{EMAIL_DOMAIN}",
                first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(number // 3) % len(LAST_NAMES)],
                password=password,
            )
            for number in range(counts["people"])
        ]
        self.users = User.objects.bulk_create(users, batch_size=2000)
        memberships = []
        self.representative_of = {}
        for number, user in enumerate(self.users):
            centre = self.centres[number % len(self.centres)]
            first = centre.pk not in self.representative_of
            if first:
                self.representative_of[centre.pk] = user
            memberships.append(
                Membership(
                    user=user,
                    centre=centre,
                    role=Role.REPRESENTATIVE if first else Role.STAFF,
                    position="Kierownik" if first else "Pracownik socjalny",
                )
            )
        Membership.objects.bulk_create(memberships, batch_size=2000)

    # -- pages ----------------------------------------------------------------

    def _live(self, **fields):
        return {
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": self.now,
            "last_published_at": self.now,
            **fields,
        }

    def _articles(self, counts):
        from articles.demo import _ensure_index
        from articles.models import ArticlePage, NewsIndexPage
        from razem.demo import ensure_home_page

        home = ensure_home_page()
        index = _ensure_index(home, NewsIndexPage, "aktualnosci", "Aktualności")
        self.pages = []
        today = timezone.localdate()
        for number in range(counts["articles"]):
            topic = TOPICS[number % len(TOPICS)]
            other = TOPICS[(number * 7 + 3) % len(TOPICS)]
            body = [
                {
                    "type": "paragraph",
                    "value": (
                        f"<p>Ośrodki pomocy społecznej z małych gmin rozmawiały o "
                        f"temacie: {topic}. Omówiono także {other}, finansowanie "
                        f"zadań gminy i współpracę z powiatowym centrum pomocy "
                        f"rodzinie. Artykuł numer {number}.</p>"
                    ),
                }
            ]
            page = ArticlePage(
                **self._live(
                    title=f"{topic.capitalize()}: spotkanie ośrodków nr {number}",
                    slug=f"artykul-{number}",
                    date=today - datetime.timedelta(days=number % 3650),
                    author=f"{FIRST_NAMES[number % 20]} {LAST_NAMES[number % 22]}",
                    lead=f"Krótko o tym, co ośrodki mówią o temacie: {topic}.",
                    body=body,
                )
            )
            self.pages.append(index.add_child(instance=page))

    def _conferences(self, counts):
        from conferences.choices import RegistrationStatus
        from conferences.demo import _index
        from conferences.models import ConferencePage, Registration

        index = _index()
        registrations = []
        year = timezone.localdate().year
        for number in range(counts["conferences"]):
            start = datetime.date(year - number // 2, 9, 10 + number % 2 * 7)
            page = index.add_child(
                instance=ConferencePage(
                    **self._live(
                        title=f"Konferencja szkoleniowa {number + 1}",
                        slug=f"konferencja-duza-{number}",
                        edition=100 + number,
                        lead="Konferencja dla pracowników ośrodków pomocy społecznej.",
                        start_date=start,
                        end_date=start + datetime.timedelta(days=2),
                        venue_city="Wisła",
                        capacity=counts["registrations"] + 50,
                        per_centre_limit=10,
                        member_fee=Decimal("350.00"),
                        non_member_fee=Decimal("550.00"),
                    )
                )
            )
            self.pages.append(page)
            people = itertools.cycle(self.users)
            for position in range(counts["registrations"]):
                person = next(people)
                registrations.append(
                    Registration(
                        conference=page,
                        centre_id=person_centre(self, position),
                        registered_by=person,
                        first_name=person.first_name,
                        last_name=person.last_name,
                        email=f"uczestnik-{number}-{position}@{EMAIL_DOMAIN}",
                        position="Pracownik socjalny",
                        meals=bool(position % 2),
                        accommodation_nights=position % 3,
                        status=RegistrationStatus.CONFIRMED,
                        fee=Decimal("350.00"),
                        queued_at=self.now,
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=2000)

    def _opinions(self, counts):
        from consultations.choices import OpinionState
        from consultations.demo import _ensure_index
        from consultations.models import OpinionPage, Signature
        from razem.demo import ensure_home_page

        index = _ensure_index(ensure_home_page())
        signatures = []
        for number in range(counts["opinions"]):
            topic = TOPICS[number % len(TOPICS)]
            page = index.add_child(
                instance=OpinionPage(
                    **self._live(
                        title=f"Stanowisko w sprawie: {topic} ({number + 1})",
                        slug=f"stanowisko-duze-{number}",
                        addressee="Minister Rodziny, Pracy i Polityki Społecznej",
                        addressee_address="ul. Nowogrodzka 1/3/5\n00-513 Warszawa",
                        subject=f"Stanowisko w sprawie: {topic}",
                        summary=f"Ośrodki z małych gmin o temacie: {topic}.",
                        body="<p>" + "Uzasadnienie stanowiska. " * 40 + "</p>",
                        state=OpinionState.OPEN,
                        signing_deadline=self.now + datetime.timedelta(days=30),
                    )
                )
            )
            self.pages.append(page)
            centres = self.member_centres
            for position in range(min(counts["signatures"], len(centres))):
                centre = centres[(number * 37 + position) % len(centres)]
                signatures.append(
                    Signature(
                        opinion=page,
                        centre=centre,
                        signed_by=self.representative_of.get(centre.pk),
                        signed_at=self.now - datetime.timedelta(minutes=position),
                    )
                )
        Signature.objects.bulk_create(signatures, batch_size=2000)

    def _index(self, counts):
        from razem.search.indexing import update_entry

        for page in self.pages:
            update_entry(page)


def person_centre(command, position):
    """The centre of the person at this position in the user list."""
    return command.centres[position % len(command.users) % len(command.centres)].pk
