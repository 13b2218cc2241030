"""Texts of the conferences demo: two editions, speakers, programme, participants.

Names of speakers and participants are invented; the association's own facts (the
10th conference in Zakopane, 13-15 June 2024, on de-institutionalisation) carry over.
"""

import datetime

SPEAKERS = [
    # (name, title, affiliation, bio)
    (
        "Barbara Kwiecień",
        "dr hab.",
        "Uniwersytet Jagielloński, Instytut Socjologii",
        "Bada usługi społeczne w małych gminach i lokalne plany deinstytucjonalizacji.",
    ),
    (
        "Tomasz Wierzbicki",
        "mgr",
        "Regionalny Ośrodek Polityki Społecznej w Krakowie",
        "Koordynuje wsparcie gmin we wdrażaniu usług społecznych świadczonych w społeczności lokalnej.",
    ),
    (
        "Anna Lipińska",
        "dr",
        "Akademia Pedagogiki Specjalnej w Warszawie",
        "Praca socjalna z rodziną, superwizja i przeciwdziałanie wypaleniu zawodowemu.",
    ),
    (
        "Andrzej Barszcz",
        "",
        "Prezes Stowarzyszenia „RAZEM”, dyrektor MOPS w Radomsku",
        "Od lat zabiega o wzmocnienie ośrodków pomocy społecznej z małych gmin.",
    ),
    (
        "Joanna Wójcik",
        "mgr",
        "MGOPS w Wyśmierzycach",
        "Kierowniczka ośrodka, praktyczka usług opiekuńczych w gminie wiejskiej.",
    ),
    (
        "Agnieszka Nowak",
        "mgr",
        "Centrum Usług Społecznych w Starachowicach",
        "Prowadziła przekształcenie ośrodka pomocy społecznej w centrum usług społecznych.",
    ),
    (
        "Michał Górecki",
        "radca prawny",
        "Kancelaria obsługująca samorządy",
        "Prawo pomocy społecznej i ustawa o realizowaniu usług społecznych przez CUS.",
    ),
]

X_CONFERENCE = {
    "slug": "x-konferencja-zakopane-2024",
    "title": "X Konferencja Stowarzyszenia „RAZEM” – Zakopane 2024",
    "edition": 10,
    "motto": "Oczekiwania na NOWE w pomocy społecznej",
    "lead": (
        "Jubileuszowa konferencja o deinstytucjonalizacji usług społecznych: jak małe "
        "gminy mogą przejść od opieki instytucjonalnej do usług świadczonych blisko "
        "człowieka, w jego środowisku."
    ),
    "start_date": datetime.date(2024, 6, 13),
    "end_date": datetime.date(2024, 6, 15),
    "venue_name": "Ośrodek Konferencyjny „Halny”",
    "venue_address": "ul. Droga do Białego 3",
    "venue_city": "Zakopane",
    "capacity": 150,
    "member_fee": "690.00",
    "non_member_fee": "890.00",
    "body": (
        "<p>Na dziesiątą, jubileuszową konferencję przyjechali kierownicy i pracownicy "
        "ośrodków pomocy społecznej z gmin wiejskich, miejsko-wiejskich i małych miast "
        "z całej Polski. Tematem przewodnim była deinstytucjonalizacja usług "
        "społecznych – przejście od opieki w placówkach do wsparcia w miejscu "
        "zamieszkania.</p><p>Rozmawialiśmy o lokalnych planach deinstytucjonalizacji, "
        "usługach opiekuńczych i asystenckich, centrach usług społecznych oraz o tym, "
        "czego ośrodki oczekują od nowych przepisów.</p>"
    ),
}

XI_CONFERENCE = {
    "slug": "xi-konferencja-sandomierz-2027",
    "title": "XI Konferencja Stowarzyszenia „RAZEM” – Sandomierz 2027",
    "edition": 11,
    "motto": "Usługi społeczne blisko człowieka",
    "lead": (
        "Po Zakopanem sprawdzamy, co udało się wdrożyć: plany deinstytucjonalizacji, "
        "centra usług społecznych i współpracę z powiatem. Zapraszamy kierowników i "
        "pracowników ośrodków z gmin do 50 000 mieszkańców."
    ),
    "start_date": datetime.date(2027, 5, 19),
    "end_date": datetime.date(2027, 5, 21),
    "venue_name": "Hotel „Nad Wisłą”",
    "venue_address": "ul. Portowa 2",
    "venue_city": "Sandomierz",
    "capacity": 120,
    "per_centre_limit": 8,
    "allow_non_members": True,
    "member_fee": "720.00",
    "non_member_fee": "920.00",
    "opens_at": datetime.datetime(2026, 11, 2, 9, 0),
    "closes_at": datetime.datetime(2027, 4, 30, 23, 59),
    "body": (
        "<p>Jedenasta konferencja Stowarzyszenia odbędzie się w Sandomierzu. W programie "
        "wykłady, debata z udziałem przedstawicieli samorządów oraz warsztaty w małych "
        "grupach – liczba miejsc na warsztatach jest ograniczona, dlatego warto "
        "zgłosić uczestników wcześniej.</p><p>Opłata obejmuje materiały, posiłki i "
        "udział we wszystkich punktach programu. Noclegi rezerwujemy na prośbę "
        "ośrodka.</p>"
    ),
}

# (day index, kind, start, end, room, title, description, speaker names, capacity)
X_PROGRAMME = [
    (
        0,
        "lecture",
        "12:00",
        "12:30",
        "Sala Tatrzańska",
        "Otwarcie konferencji",
        "Powitanie uczestników i gości.",
        ["Andrzej Barszcz"],
        None,
    ),
    (
        0,
        "lecture",
        "12:30",
        "14:00",
        "Sala Tatrzańska",
        "Deinstytucjonalizacja – co to znaczy dla małej gminy?",
        "Od opieki w placówce do usług w miejscu zamieszkania.",
        ["Barbara Kwiecień"],
        None,
    ),
    (0, "break", "14:00", "15:00", "Restauracja", "Obiad", "", [], None),
    (
        0,
        "lecture",
        "15:00",
        "16:30",
        "Sala Tatrzańska",
        "Lokalny plan deinstytucjonalizacji krok po kroku",
        "Diagnoza, zasoby, partnerzy, harmonogram.",
        ["Tomasz Wierzbicki"],
        None,
    ),
    (
        1,
        "lecture",
        "09:00",
        "10:30",
        "Sala Tatrzańska",
        "Centrum usług społecznych: doświadczenia Starachowic",
        "Jak przekształcić OPS w CUS i co to zmienia dla mieszkańców.",
        ["Agnieszka Nowak"],
        None,
    ),
    (1, "break", "10:30", "11:00", "Foyer", "Przerwa kawowa", "", [], None),
    (
        1,
        "workshop",
        "11:00",
        "13:00",
        "Sala A",
        "Warsztat: usługi opiekuńcze w małej gminie",
        "Planowanie usług przy ograniczonej kadrze.",
        ["Joanna Wójcik"],
        30,
    ),
    (
        1,
        "workshop",
        "11:00",
        "13:00",
        "Sala B",
        "Warsztat: superwizja i zapobieganie wypaleniu",
        "Jak dbać o siebie i zespół.",
        ["Anna Lipińska"],
        30,
    ),
    (1, "break", "13:00", "14:00", "Restauracja", "Obiad", "", [], None),
    (
        1,
        "debate",
        "14:00",
        "16:00",
        "Sala Tatrzańska",
        "Debata: Oczekiwania na NOWE w pomocy społecznej",
        "Czego ośrodki oczekują od ustawodawcy i ministerstwa.",
        ["Andrzej Barszcz", "Barbara Kwiecień", "Michał Górecki"],
        None,
    ),
    (
        2,
        "lecture",
        "09:00",
        "10:30",
        "Sala Tatrzańska",
        "Usługi społeczne a nowe przepisy",
        "Przegląd zmian w prawie i ich skutki dla gmin.",
        ["Michał Górecki"],
        None,
    ),
    (
        2,
        "lecture",
        "10:45",
        "11:30",
        "Sala Tatrzańska",
        "Podsumowanie i zakończenie konferencji",
        "",
        ["Andrzej Barszcz"],
        None,
    ),
]

XI_PROGRAMME = [
    (
        0,
        "lecture",
        "12:00",
        "12:30",
        "Sala Królewska",
        "Otwarcie XI Konferencji",
        "",
        ["Andrzej Barszcz"],
        None,
    ),
    (
        0,
        "lecture",
        "12:30",
        "14:00",
        "Sala Królewska",
        "Rok po Zakopanem: deinstytucjonalizacja w liczbach",
        "Co gminy wdrożyły, a co nadal czeka.",
        ["Barbara Kwiecień"],
        None,
    ),
    (0, "break", "14:00", "15:00", "Restauracja", "Obiad", "", [], None),
    (
        0,
        "debate",
        "15:00",
        "16:30",
        "Sala Królewska",
        "Debata: gmina i powiat razem w usługach społecznych",
        "",
        ["Tomasz Wierzbicki", "Agnieszka Nowak"],
        None,
    ),
    (
        1,
        "workshop",
        "09:00",
        "11:00",
        "Sala A",
        "Warsztat: asystent osobisty w gminie wiejskiej",
        "Praca w małej grupie, studia przypadków.",
        ["Joanna Wójcik"],
        4,
    ),
    (
        1,
        "workshop",
        "09:00",
        "11:00",
        "Sala B",
        "Warsztat: zamówienia usług społecznych",
        "Konkurs, zlecenie, partnerstwo – co wybrać.",
        ["Michał Górecki"],
        25,
    ),
    (1, "break", "11:00", "11:30", "Foyer", "Przerwa kawowa", "", [], None),
    (
        1,
        "workshop",
        "11:30",
        "13:30",
        "Sala A",
        "Warsztat: superwizja zespołu ośrodka",
        "",
        ["Anna Lipińska"],
        20,
    ),
    (1, "break", "13:30", "14:30", "Restauracja", "Obiad", "", [], None),
    (
        1,
        "lecture",
        "14:30",
        "16:00",
        "Sala Królewska",
        "Centrum usług społecznych w gminie do 20 tys. mieszkańców",
        "",
        ["Agnieszka Nowak"],
        None,
    ),
    (
        2,
        "lecture",
        "09:00",
        "10:30",
        "Sala Królewska",
        "Finansowanie usług społecznych 2027–2030",
        "",
        ["Tomasz Wierzbicki"],
        None,
    ),
    (
        2,
        "lecture",
        "10:45",
        "11:30",
        "Sala Królewska",
        "Podsumowanie i zakończenie",
        "",
        ["Andrzej Barszcz"],
        None,
    ),
]

# Gallery of the 10th conference: (key, caption, alternative text). The articles demo
# draws photos titled "Demo: <caption>"; they are reused when present.
GALLERY = [
    (
        "tatry",
        "Tatry widziane z Zakopanego w dniu otwarcia konferencji",
        "Panorama ośnieżonych szczytów Tatr pod błękitnym niebem",
    ),
    (
        "otwarcie",
        "Otwarcie konferencji – prezes Andrzej Barszcz wita uczestników",
        "Sala konferencyjna pełna uczestników",
    ),
    (
        "wyklad",
        "Wykład o lokalnych planach deinstytucjonalizacji",
        "Prelegentka przy ekranie z hasłem deinstytucjonalizacja",
    ),
    (
        "warsztaty",
        "Warsztaty: usługi opiekuńcze w małej gminie",
        "Uczestnicy warsztatów przy okrągłym stole",
    ),
    (
        "debata",
        "Debata „Oczekiwania na NOWE”",
        "Paneliści przy stole i uczestnicy dyskusji",
    ),
]

# Participants of the 10th conference, by centre (TERYT, kind): present, with
# certificates; (first name, last name, position, workshop index or None).
X_PARTICIPANTS = {
    ("1401063", "MGOPS"): [
        ("Joanna", "Wójcik", "kierownik", 0),
        ("Katarzyna", "Pietrzyk", "pracownik socjalny", 1),
    ],
    ("2611011", "CUS"): [
        ("Agnieszka", "Nowak", "dyrektor", 0),
        ("Dariusz", "Mróz", "koordynator usług", 0),
        ("Ewelina", "Szczęsna", "specjalista pracy socjalnej", 1),
    ],
    ("1012011", "MOPS"): [
        ("Andrzej", "Barszcz", "dyrektor", None),
        ("Małgorzata", "Jędrzejczyk", "starszy pracownik socjalny", 1),
        ("Łukasz", "Kaźmierczak", "asystent rodziny", 0),
    ],
}

# Registrations for the 11th conference made through the service by the demo
# centres' logins: (registrant e-mail, centre key, [(first, last, position,
# workshop indexes)]). The 4-place workshop 0 fills up and two people wait.
XI_REGISTRATIONS = [
    (
        "kierownik@mgops-wysmierzyce.test",
        ("1401063", "MGOPS"),
        [
            ("Joanna", "Wójcik", "kierownik", [0]),
            ("Katarzyna", "Pietrzyk", "pracownik socjalny", [0, 2]),
            ("Sławomir", "Kędzierski", "asystent rodziny", [0]),
        ],
    ),
    (
        "kierownik@cus-starachowice.test",
        ("2611011", "CUS"),
        [
            ("Agnieszka", "Nowak", "dyrektor", [1]),
            ("Dariusz", "Mróz", "koordynator usług", [0]),
            ("Ewelina", "Szczęsna", "specjalista pracy socjalnej", [0, 2]),
            ("Bożena", "Gąsior", "opiekunka środowiskowa", [0]),
        ],
    ),
]
