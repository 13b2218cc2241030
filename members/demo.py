"""Demo content of the members app: member centres, their people, dues, applications.

Idempotent: centres are found by gmina (TERYT) and kind, people by e-mail,
applications by gmina and kind. Runs after razem.demo (staff logins) and before the
conferences and consultations demos, which refer to these centres.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from razem.demo import ensure_user

from .choices import ApplicationStatus, CentreKind, CentreStatus, Role
from .models import Application, Centre, Dues, Membership, Municipality
from .services.registry import load_municipalities
from .validators import NIP_WEIGHTS

# (TERYT, kind, name, street, postal code, city, director, joined)
CENTRES = [
    (
        "1401063",
        "MGOPS",
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        "ul. Mickiewicza 2",
        "26-811",
        "Wyśmierzyce",
        "Joanna Wójcik",
        2014,
    ),
    (
        "2611011",
        "CUS",
        "Centrum Usług Społecznych w Starachowicach",
        "ul. Hutnicza 18",
        "27-200",
        "Starachowice",
        "Agnieszka Nowak",
        2015,
    ),
    (
        "1012011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Radomsku",
        "ul. Tysiąclecia 3",
        "97-500",
        "Radomsko",
        "Andrzej Barszcz",
        2014,
    ),
    (
        "1012122",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Radomsku",
        "ul. Strzelecka 15",
        "97-500",
        "Radomsko",
        "Beata Kowalczyk",
        2016,
    ),
    (
        "1015042",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Kowiesach",
        "ul. Główna 7",
        "96-111",
        "Kowiesy",
        "Ewa Michalak",
        2019,
    ),
    (
        "1007043",
        "MGOPS",
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Opocznie",
        "ul. Kolejowa 33",
        "26-300",
        "Opoczno",
        "Tomasz Adamczyk",
        2017,
    ),
    (
        "1401013",
        "MGOPS",
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Białobrzegach",
        "ul. Kościelna 6",
        "26-800",
        "Białobrzegi",
        "Renata Sikora",
        2014,
    ),
    (
        "1401042",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Starej Błotnicy",
        "Stara Błotnica 46",
        "26-806",
        "Stara Błotnica",
        "Krzysztof Mazur",
        2018,
    ),
    (
        "1217011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Zakopanem",
        "ul. Kościuszki 13",
        "34-500",
        "Zakopane",
        "Małgorzata Gąsienica",
        2016,
    ),
    (
        "1201011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Bochni",
        "ul. Kazimierza Wielkiego 31",
        "32-700",
        "Bochnia",
        "Paweł Kręcioch",
        2017,
    ),
    (
        "1205042",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Gorlicach",
        "ul. Michalusa 1",
        "38-300",
        "Gorlice",
        "Katarzyna Bryja",
        2020,
    ),
    (
        "2609011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Sandomierzu",
        "ul. Mickiewicza 32",
        "27-600",
        "Sandomierz",
        "Robert Czajka",
        2015,
    ),
    (
        "2601013",
        "MGOPS",
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Busku-Zdroju",
        "ul. Partyzantów 9",
        "28-100",
        "Busko-Zdrój",
        "Iwona Sadowska",
        2018,
    ),
    (
        "0208021",
        "OPS",
        "Ośrodek Pomocy Społecznej w Kłodzku",
        "ul. Wyspiańskiego 2a",
        "57-300",
        "Kłodzko",
        "Jolanta Ptak",
        2019,
    ),
    (
        "0419063",
        "OPS",
        "Ośrodek Pomocy Społecznej w Żninie",
        "ul. Szpitalna 30",
        "88-400",
        "Żnin",
        "Marcin Lewandowski",
        2017,
    ),
    (
        "0616043",
        "MGOPS",
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Rykach",
        "ul. Warszawska 4",
        "08-500",
        "Ryki",
        "Dorota Wieczorek",
        2016,
    ),
    (
        "0611011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Łukowie",
        "ul. Staszica 11",
        "21-400",
        "Łuków",
        "Grzegorz Sobczak",
        2021,
    ),
    (
        "0807043",
        "OPS",
        "Ośrodek Pomocy Społecznej w Sulęcinie",
        "ul. Lipowa 18",
        "69-200",
        "Sulęcin",
        "Anna Wróbel",
        2020,
    ),
    (
        "1606023",
        "OPS",
        "Ośrodek Pomocy Społecznej w Namysłowie",
        "ul. Dubois 3",
        "46-100",
        "Namysłów",
        "Halina Kubiak",
        2018,
    ),
    (
        "1817011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Sanoku",
        "ul. Kościuszki 23",
        "38-500",
        "Sanok",
        "Wojciech Baran",
        2015,
    ),
    (
        "1804042",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Jarosławiu",
        "ul. Jana Pawła II 17",
        "37-500",
        "Jarosław",
        "Elżbieta Kołodziej",
        2022,
    ),
    (
        "2011083",
        "OPS",
        "Ośrodek Pomocy Społecznej w Sokółce",
        "ul. Kościelna 12",
        "16-100",
        "Sokółka",
        "Jan Wasilewski",
        2016,
    ),
    (
        "2005062",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Hajnówce",
        "ul. Zina 1",
        "17-200",
        "Hajnówka",
        "Irena Kiryluk",
        2019,
    ),
    (
        "2206042",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Kościerzynie",
        "ul. Strzelecka 9",
        "83-400",
        "Kościerzyna",
        "Monika Szulc",
        2017,
    ),
    (
        "2407011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Lublińcu",
        "ul. Oświęcimska 11",
        "42-700",
        "Lubliniec",
        "Beata Pawlik",
        2021,
    ),
    (
        "2810032",
        "GOPS",
        "Gminny Ośrodek Pomocy Społecznej w Mrągowie",
        "ul. Królewiecka 60a",
        "11-700",
        "Mrągowo",
        "Zbigniew Olszewski",
        2018,
    ),
    (
        "3029033",
        "MGOPS",
        "Miejsko-Gminny Ośrodek Pomocy Społecznej w Wolsztynie",
        "ul. Poznańska 19",
        "64-200",
        "Wolsztyn",
        "Agata Nowicka",
        2020,
    ),
    (
        "3217011",
        "MOPS",
        "Miejski Ośrodek Pomocy Społecznej w Wałczu",
        "ul. Kilińskiego 2",
        "78-600",
        "Wałcz",
        "Rafał Jankowski",
        2016,
    ),
]

PEOPLE = [
    (
        "kierownik@mgops-wysmierzyce.test",
        "Joanna",
        "Wójcik",
        "1401063",
        "MGOPS",
        Role.REPRESENTATIVE,
        "kierownik",
    ),
    (
        "pracownik@mgops-wysmierzyce.test",
        "Marek",
        "Zieliński",
        "1401063",
        "MGOPS",
        Role.STAFF,
        "starszy pracownik socjalny",
    ),
    (
        "kierownik@cus-starachowice.test",
        "Agnieszka",
        "Nowak",
        "2611011",
        "CUS",
        Role.REPRESENTATIVE,
        "dyrektor",
    ),
]

DUES_AMOUNT = Decimal("500.00")


def demo_nip(seed: int) -> str:
    """A NIP with a correct check digit, made from a seed (for demo data only)."""
    base = f"{780_000_000 + seed * 1_234_567:09d}"[:9]
    while True:
        check = sum(int(d) * w for d, w in zip(base, NIP_WEIGHTS, strict=True)) % 11
        if check != 10:
            return base + str(check)
        base = f"{(int(base) + 1) % 1_000_000_000:09d}"


def _slug_domain(city: str) -> str:
    table = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ -", "acelnoszzACELNOSZZ--")
    return city.translate(table).lower()


def _ensure_centre(index: int, row: tuple, municipalities: dict) -> Centre:
    teryt, kind, name, street, postal, city, director, joined = row
    centre, _created = Centre.objects.get_or_create(
        municipality=municipalities[teryt],
        kind=kind,
        defaults={
            "name": name,
            "street": street,
            "postal_code": postal,
            "city": city,
            "director": director,
            "phone": f"+48 {40 + index} {600 + index} {10 + index:02d} {20 + index:02d}",
            "email": f"sekretariat@{kind.lower()}-{_slug_domain(city)}.test",
            "website": f"https://{kind.lower()}-{_slug_domain(city)}.example.pl/",
            "nip": demo_nip(index + 1),
            "status": CentreStatus.MEMBER,
            "joined_on": date(joined, 3 + index % 9, 1 + index % 27),
        },
    )
    today = timezone.localdate()
    this_year = today.year
    for year in range(max(joined, this_year - 2), this_year + 1):
        paid_on = date(year, 3, 10 + index % 15)
        # This year's dues are paid in March: loaded earlier in the year, they are
        # still unpaid (a payment date is never in the future).
        unpaid = year == this_year and (index % 4 == 0 or paid_on > today)
        Dues.objects.get_or_create(
            centre=centre,
            year=year,
            defaults={"amount": DUES_AMOUNT, "paid_on": None if unpaid else paid_on},
        )
    return centre


def _ensure_people(centres: dict) -> None:
    for email, first, last, teryt, kind, role, position in PEOPLE:
        user = ensure_user(email, first_name=first, last_name=last)
        Membership.objects.get_or_create(
            user=user,
            defaults={
                "centre": centres[(teryt, kind)],
                "role": role,
                "position": position,
            },
        )


def _ensure_applications(municipalities: dict) -> None:
    now = timezone.now()
    Application.objects.get_or_create(
        municipality=municipalities["1401022"],
        kind=CentreKind.GOPS,
        defaults={
            "centre_name": "Gminny Ośrodek Pomocy Społecznej w Promnie",
            "street": "Promna 32",
            "postal_code": "26-803",
            "city": "Promna",
            "centre_email": "gops@promna.example.pl",
            "centre_phone": "+48 48 613 10 42",
            "director": "Barbara Zając",
            "first_name": "Barbara",
            "last_name": "Zając",
            "email": "kierownik@gops-promna.test",
            "position": "kierownik",
            "message": "Chcemy dołączyć do Stowarzyszenia i wziąć udział w najbliższej konferencji.",
            "privacy_accepted_at": now - timedelta(days=2),
        },
    )
    Application.objects.get_or_create(
        municipality=municipalities["3063011"],
        kind=CentreKind.MOPR,
        defaults={
            "centre_name": "Miejski Ośrodek Pomocy Rodzinie w Lesznie",
            "street": "ul. Bolesława Chrobrego 12",
            "postal_code": "64-100",
            "city": "Leszno",
            "centre_email": "sekretariat@mopr-leszno.example.pl",
            "director": "Piotr Maćkowiak",
            "first_name": "Piotr",
            "last_name": "Maćkowiak",
            "email": "dyrektor@mopr-leszno.test",
            "position": "dyrektor",
            "status": ApplicationStatus.REJECTED,
            "decision_reason": (
                "Leszno liczy 58 766 mieszkańców (GUS, 2025), więcej niż 50 000 "
                "wymaganych przez statut Stowarzyszenia. Zarząd nie znalazł podstaw "
                "do wyjątku."
            ),
            "decided_at": now - timedelta(days=10),
            "privacy_accepted_at": now - timedelta(days=20),
        },
    )


def load(stdout) -> None:
    """Load the member centres, demo people, dues and two applications."""
    if not Municipality.objects.exists():
        load_municipalities()
    wanted = {row[0] for row in CENTRES} | {"1401022", "3063011"}
    municipalities = {m.teryt: m for m in Municipality.objects.filter(teryt__in=wanted)}
    centres = {}
    for index, row in enumerate(CENTRES):
        centres[(row[0], row[1])] = _ensure_centre(index, row, municipalities)
    _ensure_people(centres)
    _ensure_applications(municipalities)
    stdout.write(
        f"  members: {len(CENTRES)} member centres, "
        f"{len(PEOPLE)} centre logins, 2 applications"
    )
