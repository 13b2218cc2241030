"""Texts of the demo news: the association's work in 2024-2026, in Polish.

Written for the demo; names, dates and places follow the association's own pages.
Each article: slug, title, date, author, lead, paragraphs (plain text; a paragraph
starting with "> " becomes a quote), categories (slugs), tags, and optionally the
photos and files it carries (keys of PHOTOS and DOCUMENTS in articles/demo.py).
"""

import datetime

CATEGORIES = [
    ("konferencje", "Konferencje", "Relacje z konferencji i zaproszenia na nie."),
    (
        "stanowiska-i-opinie",
        "Stanowiska i opinie",
        "Pisma do ministerstw i opinie do projektów przepisów.",
    ),
    ("szkolenia", "Szkolenia", "Szkolenia i warsztaty dla kadry ośrodków."),
    (
        "z-zycia-stowarzyszenia",
        "Z życia stowarzyszenia",
        "Zebrania, nowi członkowie, składki i sprawy organizacyjne.",
    ),
]

PRESIDENT = "Andrzej Barszcz"
OFFICE = "Biuro Stowarzyszenia"

ARTICLES = [
    {
        "slug": "walne-zebranie-czlonkow-2024",
        "title": "Walne Zebranie Członków Stowarzyszenia za rok 2023",
        "date": datetime.date(2024, 2, 22),
        "author": OFFICE,
        "lead": (
            "Przedstawiciele ośrodków członkowskich spotkali się w Radomsku, by przyjąć "
            "sprawozdanie zarządu za 2023 rok i plan pracy na kolejne miesiące."
        ),
        "paragraphs": [
            "Zebranie otworzył prezes Andrzej Barszcz, który przypomniał, że "
            "Stowarzyszenie od początku skupia ośrodki z gmin liczących do 50 000 "
            "mieszkańców, a więc te, które najczęściej pracują w małych zespołach i "
            "z ograniczonym budżetem.",
            "Członkowie przyjęli sprawozdanie merytoryczne i finansowe, udzielili "
            "zarządowi absolutorium i zatwierdzili plan pracy na 2024 rok. Jego "
            "najważniejsze punkty to jubileuszowa, dziesiąta konferencja, cykl szkoleń "
            "z nowych przepisów oraz opiniowanie projektów aktów prawnych dotyczących "
            "pomocy społecznej.",
            "W dyskusji wracał temat wynagrodzeń pracowników socjalnych i rosnącej "
            "liczby zadań zlecanych ośrodkom bez dodatkowych etatów. Zarząd zobowiązał "
            "się zebrać doświadczenia ośrodków członkowskich i przedstawić je "
            "ministerstwu.",
        ],
        "categories": ["z-zycia-stowarzyszenia"],
        "tags": ["walne zebranie", "Radomsko"],
    },
    {
        "slug": "szkolenie-ustawa-o-przeciwdzialaniu-przemocy",
        "title": "Szkolenie: procedura „Niebieskiej Karty” po zmianach przepisów",
        "date": datetime.date(2024, 3, 19),
        "author": OFFICE,
        "lead": (
            "Ponad osiemdziesięciu pracowników ośrodków członkowskich wzięło udział w "
            "szkoleniu online o pracy zespołów interdyscyplinarnych i grup "
            "diagnostyczno-pomocowych."
        ),
        "paragraphs": [
            "Znowelizowana ustawa o przeciwdziałaniu przemocy domowej zmieniła zasady "
            "działania zespołów interdyscyplinarnych i wprowadziła grupy "
            "diagnostyczno-pomocowe. W małych gminach te same osoby często pełnią "
            "kilka ról naraz, dlatego szkolenie skupiło się na praktyce.",
            "Prowadząca omówiła wypełnianie formularzy, terminy posiedzeń grup oraz "
            "współpracę z policją, szkołą i ochroną zdrowia. Uczestnicy dzielili się "
            "własnymi rozwiązaniami organizacyjnymi, a pytania zadawane na czacie "
            "zebraliśmy w zestaw odpowiedzi dostępny dla członków.",
            "Nagranie szkolenia i materiały otrzymali wszyscy zgłoszeni uczestnicy.",
        ],
        "categories": ["szkolenia"],
        "tags": ["przemoc domowa", "Niebieska Karta", "szkolenie online"],
    },
    {
        "slug": "zaproszenie-na-x-konferencje-zakopane",
        "title": "Zapraszamy na Jubileuszową X Konferencję w Zakopanem",
        "date": datetime.date(2024, 4, 10),
        "author": PRESIDENT,
        "lead": (
            "W dniach 13-15 czerwca 2024 roku spotkamy się w Zakopanem na konferencji "
            "„Oczekiwania na NOWE w pomocy społecznej”. Zapisy przyjmujemy do końca "
            "maja."
        ),
        "paragraphs": [
            "Dziesiąta konferencja Stowarzyszenia będzie poświęcona "
            "deinstytucjonalizacji usług społecznych: temu, jak przenosić wsparcie z "
            "instytucji całodobowych do społeczności lokalnej i co to oznacza dla "
            "ośrodka w małej gminie.",
            "W programie są wykłady, warsztaty i debata z udziałem praktyków z "
            "ośrodków członkowskich oraz przedstawicieli samorządu województwa. "
            "Drugiego dnia zaplanowaliśmy warsztaty w mniejszych grupach, a trzeciego "
            "podsumowanie i wnioski do przekazania ministerstwu.",
            "Zgłoszenia przyjmuje biuro Stowarzyszenia. Ośrodki członkowskie mają "
            "pierwszeństwo, ale serdecznie zapraszamy także ośrodki spoza "
            "Stowarzyszenia.",
        ],
        "categories": ["konferencje"],
        "tags": ["Zakopane", "deinstytucjonalizacja", "X Konferencja"],
        "feed_photo": "tatry-panorama",
    },
    {
        "slug": "jubileuszowa-x-konferencja-oczekiwania-na-nowe",
        "title": (
            "Jubileuszowa X Konferencja „Oczekiwania na NOWE w pomocy społecznej”"
        ),
        "date": datetime.date(2024, 6, 28),
        "author": PRESIDENT,
        "lead": (
            "W dniach 13-15 czerwca 2024 roku w Zakopanem rozmawialiśmy o "
            "deinstytucjonalizacji usług społecznych jako kierunku zmian w polityce "
            "społecznej państwa. Oto relacja, zdjęcia i materiały z konferencji."
        ),
        "paragraphs": [
            "Jubileuszową, dziesiątą konferencję Ogólnopolskiego Stowarzyszenia "
            "Miejskich i Gminnych Ośrodków Pomocy Społecznej „RAZEM” otworzył prezes "
            "Andrzej Barszcz. Przypomniał drogę, jaką Stowarzyszenie przeszło od "
            "pierwszego spotkania, i przedstawił program trzech dni obrad.",
            "Tematem przewodnim była deinstytucjonalizacja usług społecznych: "
            "przechodzenie od opieki w dużych placówkach do wsparcia świadczonego "
            "blisko domu, w rodzinie i w społeczności lokalnej. Dla ośrodków z "
            "małych gmin to nie tylko nowe zadania, ale też szansa na usługi lepiej "
            "dopasowane do potrzeb mieszkańców.",
            "Katarzyna Osicińska, zastępca kierownika Regionalnego Centrum Pomocy "
            "Społecznej w Łodzi, w ramach projektu „Koordynacja działań w zakresie "
            "polityki społecznej dla województwa łódzkiego” omówiła cel lokalnych "
            "planów deinstytucjonalizacji i to, jak przygotować je na szczeblu gminy.",
            "> Deinstytucjonalizacja nie zaczyna się od likwidacji placówek, tylko od "
            "pytania, czego naprawdę potrzebuje człowiek, który dziś do nas "
            "przychodzi.",
            "Drugiego dnia uczestnicy pracowali w grupach warsztatowych nad "
            "usługami opiekuńczymi, mieszkaniami wspomaganymi i współpracą z "
            "organizacjami pozarządowymi. Wieczorem przy wspólnej kolacji nie "
            "zabrakło wspomnień z poprzednich dziewięciu konferencji.",
            "Trzeci dzień przyniósł debatę o oczekiwaniach wobec nowych przepisów. "
            "Wnioski z konferencji zebraliśmy w dokumencie, który przekażemy "
            "Ministerstwu Rodziny, Pracy i Polityki Społecznej. Dziękujemy "
            "prelegentom, uczestnikom i wszystkim, którzy pomogli w organizacji.",
        ],
        "categories": ["konferencje"],
        "tags": [
            "Zakopane",
            "deinstytucjonalizacja",
            "X Konferencja",
            "usługi społeczne",
        ],
        "photos": [
            "tatry-panorama",
            "sala-otwarcie",
            "wyklad-di",
            "warsztaty-grupa",
            "debata",
            "tatry-wieczor",
            "uczestnicy",
            "podsumowanie",
        ],
        "documents": ["program-x-konferencji", "wnioski-x-konferencji"],
    },
    {
        "slug": "wniosek-do-mrpips-dodatek-motywacyjny",
        "title": (
            "Wniosek do MRPiPS w sprawie Programu „Dofinansowanie wynagrodzeń "
            "pracowników jednostek organizacyjnych pomocy społecznej w postaci "
            "dodatku motywacyjnego na lata 2024-2027”"
        ),
        "date": datetime.date(2024, 7, 3),
        "author": PRESIDENT,
        "lead": (
            "Informacja opublikowana przez ministerstwo 25 czerwca 2024 roku zawęża "
            "krąg pracowników ośrodków objętych dodatkiem motywacyjnym. 1 lipca "
            "poprosiliśmy Panią Minister o weryfikację wytycznych i rozszerzenie "
            "grupy uprawnionych."
        ),
        "paragraphs": [
            "25 czerwca 2024 roku na stronie Ministerstwa Rodziny, Pracy i Polityki "
            "Społecznej ukazała się informacja dotycząca Programu „Dofinansowanie "
            "wynagrodzeń pracowników jednostek organizacyjnych pomocy społecznej w "
            "postaci dodatku motywacyjnego na lata 2024-2027”. Z jej treści wynika, "
            "że dodatek ma objąć węższą grupę pracowników ośrodków, niż się "
            "spodziewaliśmy.",
            "W ośrodkach z małych gmin zadania pomocy społecznej, świadczeń rodzinnych "
            "i wspierania rodziny wykonuje często ten sam, nieliczny zespół. Pominięcie "
            "części pracowników tworzy w nim podziały, których trudno bronić: ludzie "
            "pracujący ramię w ramię z tymi samymi rodzinami byliby wynagradzani "
            "według różnych zasad.",
            "Dlatego 1 lipca 2024 roku wysłaliśmy do Ministerstwa pismo z prośbą o "
            "weryfikację wytycznych i rozszerzenie grupy uprawnionych do otrzymania "
            "dodatku na wszystkich pracowników merytorycznych ośrodków. Treść pisma "
            "zamieszczamy poniżej w plikach do pobrania.",
            "O odpowiedzi ministerstwa poinformujemy na tej stronie. Ośrodki, które "
            "chcą poprzeć nasz wniosek własnym pismem, prosimy o kontakt z biurem.",
        ],
        "categories": ["stanowiska-i-opinie"],
        "tags": ["dodatek motywacyjny", "MRPiPS", "wynagrodzenia"],
        "documents": ["pismo-mrpips-2024-07-01"],
    },
    {
        "slug": "ankieta-dodatek-motywacyjny-wyniki",
        "title": "Dodatek motywacyjny w praktyce: wyniki ankiety wśród członków",
        "date": datetime.date(2024, 10, 8),
        "author": OFFICE,
        "lead": (
            "Zapytaliśmy ośrodki członkowskie, kogo objął dodatek motywacyjny i jak "
            "wpłynął na zespoły. Odpowiedzi potwierdzają, że wytyczne programu "
            "wymagają zmiany."
        ),
        "paragraphs": [
            "Ankietę wypełniło kilkadziesiąt ośrodków z gmin wiejskich, "
            "miejsko-wiejskich i małych miast. Większość z nich wypłaca dodatek tylko "
            "części pracowników, najczęściej pracownikom socjalnym.",
            "Kierownicy zwracają uwagę na pominięcie osób zajmujących się "
            "świadczeniami, asystentów rodziny i pracowników administracyjnych, bez "
            "których ośrodek nie mógłby działać. Część gmin wyrównała różnice z "
            "własnego budżetu, ale w najmniejszych gminach nie było to możliwe.",
            "Wyniki ankiety dołączyliśmy do korespondencji z ministerstwem jako "
            "uzupełnienie lipcowego wniosku.",
        ],
        "categories": ["stanowiska-i-opinie"],
        "tags": ["dodatek motywacyjny", "ankieta", "wynagrodzenia"],
    },
    {
        "slug": "dzien-pracownika-socjalnego-2024",
        "title": "21 listopada – Dzień Pracownika Socjalnego",
        "date": datetime.date(2024, 11, 21),
        "author": PRESIDENT,
        "lead": (
            "Wszystkim pracownikom socjalnym i pracownikom ośrodków pomocy społecznej "
            "dziękujemy za codzienną, często niewidoczną pracę na rzecz mieszkańców."
        ),
        "paragraphs": [
            "Praca socjalna w małej gminie to znajomość każdej ulicy i wielu rodzin "
            "od pokoleń. To także odpowiedzialność, która nie kończy się wraz z "
            "godzinami pracy ośrodka.",
            "W imieniu zarządu Stowarzyszenia składam Państwu serdeczne podziękowania "
            "i życzenia satysfakcji, zdrowia oraz wsparcia ze strony samorządów i "
            "ustawodawcy. Będziemy nadal upominać się o godne warunki Państwa pracy.",
        ],
        "categories": ["z-zycia-stowarzyszenia"],
        "tags": ["Dzień Pracownika Socjalnego", "praca socjalna"],
        "feed_photo": "podziekowania",
    },
    {
        "slug": "opinia-projekt-zmiany-ustawy-o-pomocy-spolecznej",
        "title": "Nasza opinia do projektu zmiany ustawy o pomocy społecznej",
        "date": datetime.date(2025, 1, 29),
        "author": PRESIDENT,
        "lead": (
            "Przekazaliśmy uwagi do projektu nowelizacji ustawy o pomocy społecznej. "
            "Prosimy o realne finansowanie nowych zadań i o uwzględnienie specyfiki "
            "małych ośrodków."
        ),
        "paragraphs": [
            "Projekt porządkuje wiele przepisów i co do zasady go popieramy. Nasze "
            "zastrzeżenia dotyczą przede wszystkim nowych obowiązków "
            "sprawozdawczych, które w ośrodku zatrudniającym kilka osób oznaczają "
            "mniej czasu na pracę z rodzinami.",
            "Zaproponowaliśmy dłuższe okresy przejściowe, uproszczone wzory "
            "dokumentów dla ośrodków w gminach do 50 000 mieszkańców oraz "
            "zagwarantowanie środków na zadania zlecone przed ich wejściem w życie.",
            "Opinię przygotował zespół złożony z kierowników ośrodków "
            "członkowskich. Dziękujemy za wszystkie nadesłane uwagi.",
        ],
        "categories": ["stanowiska-i-opinie"],
        "tags": ["ustawa o pomocy społecznej", "opinia", "legislacja"],
    },
    {
        "slug": "warsztaty-deinstytucjonalizacja-w-malej-gminie",
        "title": "Warsztaty: plan deinstytucjonalizacji w małej gminie",
        "date": datetime.date(2025, 3, 12),
        "author": OFFICE,
        "lead": (
            "Kontynuujemy temat z Zakopanego. Na warsztatach w Radomsku kierownicy "
            "ośrodków krok po kroku przygotowywali założenia lokalnego planu "
            "rozwoju usług społecznych."
        ),
        "paragraphs": [
            "Uczestnicy zaczęli od diagnozy: jakie usługi gmina już ma, kto z nich "
            "korzysta i gdzie są luki. Wiele ośrodków odkryło, że potrzebne dane "
            "mają już w dokumentacji, tylko nikt dotąd nie zebrał ich w jednym "
            "miejscu.",
            "W drugiej części powstały szkice działań: usługi sąsiedzkie, "
            "dzienne formy wsparcia dla seniorów, mieszkanie wspomagane prowadzone "
            "wspólnie z sąsiednią gminą.",
            "Materiały z warsztatów udostępniamy ośrodkom członkowskim, a kolejne "
            "spotkania zaplanujemy w innych regionach.",
        ],
        "categories": ["szkolenia"],
        "tags": ["deinstytucjonalizacja", "usługi społeczne", "warsztaty"],
        "feed_photo": "warsztaty-radomsko",
    },
    {
        "slug": "centra-uslug-spolecznych-w-malych-gminach",
        "title": "Centrum usług społecznych w małej gminie – doświadczenia członków",
        "date": datetime.date(2025, 5, 20),
        "author": OFFICE,
        "lead": (
            "Coraz więcej ośrodków rozważa przekształcenie w centrum usług "
            "społecznych. Zebraliśmy doświadczenia członków, którzy mają to już za "
            "sobą."
        ),
        "paragraphs": [
            "Centrum usług społecznych jest otwarte na potrzeby wszystkich "
            "mieszkańców, bez względu na kryterium dochodowe. W małej gminie "
            "oznacza to przede wszystkim dobre rozpoznanie potrzeb społeczności "
            "i ścisłą współpracę z organizacjami oraz szkołami.",
            "Centrum Usług Społecznych w Starachowicach, jedno z pierwszych w kraju, "
            "podzieliło się z nami wnioskami z przekształcenia: od przygotowania "
            "programu usług, przez zmiany w zespole, po komunikację z mieszkańcami.",
            "Ośrodki zainteresowane przekształceniem zachęcamy do kontaktu. Chętnie "
            "połączymy je z tymi, które przeszły tę drogę.",
        ],
        "categories": ["z-zycia-stowarzyszenia"],
        "tags": ["centrum usług społecznych", "usługi społeczne", "Starachowice"],
    },
    {
        "slug": "stanowisko-wynagrodzenia-budzet-2026",
        "title": "Stanowisko w sprawie wynagrodzeń w pomocy społecznej na 2026 rok",
        "date": datetime.date(2025, 9, 16),
        "author": PRESIDENT,
        "lead": (
            "Zarząd Stowarzyszenia zwrócił się do ministerstwa o uwzględnienie w "
            "projekcie budżetu na 2026 rok środków na wzrost wynagrodzeń "
            "pracowników ośrodków pomocy społecznej."
        ),
        "paragraphs": [
            "Wynagrodzenia w ośrodkach pomocy społecznej wciąż odbiegają od "
            "odpowiedzialności i obciążenia pracą. W małych gminach coraz trudniej "
            "znaleźć następców dla odchodzących na emeryturę pracowników socjalnych.",
            "W stanowisku wskazaliśmy, że programy czasowe, takie jak dodatek "
            "motywacyjny, nie zastąpią stałego wzrostu wynagrodzeń zapisanego w "
            "budżetach gmin i finansowanego w odpowiedniej części z budżetu państwa.",
            "Stanowisko mogą współpodpisać ośrodki członkowskie za pośrednictwem "
            "portalu Stowarzyszenia.",
        ],
        "categories": ["stanowiska-i-opinie"],
        "tags": ["wynagrodzenia", "budżet", "MRPiPS"],
    },
    {
        "slug": "skladki-czlonkowskie-2026",
        "title": "Składki członkowskie na 2026 rok",
        "date": datetime.date(2026, 1, 14),
        "author": OFFICE,
        "lead": (
            "Przypominamy o opłaceniu rocznej składki członkowskiej do końca marca. "
            "Faktury wystawiamy na dane ośrodka podane w portalu."
        ),
        "paragraphs": [
            "Wysokość składki na 2026 rok pozostaje bez zmian. Składki pozwalają "
            "nam organizować szkolenia, przygotowywać opinie do projektów przepisów "
            "i utrzymywać biuro Stowarzyszenia.",
            "Dane do faktury, w tym NIP, można sprawdzić i poprawić w zakładce "
            "„Mój ośrodek”. W razie pytań prosimy o kontakt z biurem w Radomsku.",
        ],
        "categories": ["z-zycia-stowarzyszenia"],
        "tags": ["składki", "członkostwo"],
    },
    {
        "slug": "szkolenie-ochrona-danych-w-ops",
        "title": "Szkolenie: ochrona danych osobowych w ośrodku pomocy społecznej",
        "date": datetime.date(2026, 3, 4),
        "author": OFFICE,
        "lead": (
            "Jak udostępniać dokumenty, jak odpowiadać na wnioski o dane i jak "
            "bezpiecznie pracować w terenie? Zapraszamy na szkolenie dla "
            "pracowników ośrodków członkowskich."
        ),
        "paragraphs": [
            "Ośrodek pomocy społecznej przetwarza dane szczególnie wrażliwe: o "
            "zdrowiu, sytuacji rodzinnej i materialnej. Szkolenie pokaże, jak "
            "chronić je na co dzień bez paraliżowania pracy.",
            "Omówimy najczęstsze sytuacje: wywiad środowiskowy, korespondencję "
            "z innymi instytucjami, pracę na laptopie poza biurem i udostępnianie "
            "informacji członkom rodziny.",
            "Zapisy przyjmujemy przez portal Stowarzyszenia. Liczba miejsc jest "
            "ograniczona.",
        ],
        "categories": ["szkolenia"],
        "tags": ["RODO", "ochrona danych", "szkolenie online"],
    },
    {
        "slug": "nowy-portal-stowarzyszenia",
        "title": "Nowy portal Stowarzyszenia dla ośrodków członkowskich",
        "date": datetime.date(2026, 10, 6),
        "author": PRESIDENT,
        "lead": (
            "Uruchomiliśmy nowy portal: ośrodki członkowskie zapiszą w nim "
            "pracowników na konferencje, przeczytają projekty opinii i "
            "współpodpiszą stanowiska Stowarzyszenia."
        ),
        "paragraphs": [
            "Każdy ośrodek członkowski otrzymuje konto dla swojego przedstawiciela, "
            "zwykle kierownika lub dyrektora. Przedstawiciel może zaprosić do "
            "portalu pracowników ośrodka.",
            "W portalu są też aktualności, galerie zdjęć i dokumenty do pobrania. "
            "Każdą stronę można wydrukować albo zapisać jako plik PDF.",
            "Portal jest dostępny dla osób korzystających z czytników ekranu i "
            "nawigacji klawiaturą. Uwagi i zgłoszenia błędów prosimy kierować do "
            "biura Stowarzyszenia.",
        ],
        "categories": ["z-zycia-stowarzyszenia"],
        "tags": ["portal", "członkostwo", "dostępność"],
        "feed_photo": "portal",
    },
]

# Photos drawn by articles/demo.py: key -> (kind, caption, alternative text).
PHOTOS = {
    "tatry-panorama": (
        "mountains",
        "Tatry widziane z Zakopanego w dniu otwarcia konferencji",
        "Panorama ośnieżonych szczytów Tatr pod błękitnym niebem",
    ),
    "sala-otwarcie": (
        "hall",
        "Otwarcie konferencji – prezes Andrzej Barszcz wita uczestników",
        "Sala konferencyjna pełna uczestników, na ekranie tytuł konferencji",
    ),
    "wyklad-di": (
        "hall",
        "Wykład o lokalnych planach deinstytucjonalizacji",
        "Prelegentka przy ekranie z hasłem deinstytucjonalizacja",
    ),
    "warsztaty-grupa": (
        "workshop",
        "Warsztaty: usługi opiekuńcze w małej gminie",
        "Uczestnicy warsztatów siedzą przy okrągłym stole",
    ),
    "debata": (
        "workshop",
        "Debata „Oczekiwania na NOWE”",
        "Paneliści przy stole i uczestnicy dyskusji",
    ),
    "tatry-wieczor": (
        "evening",
        "Wieczór nad Tatrami po pierwszym dniu obrad",
        "Tatry o zachodzie słońca, pomarańczowe niebo",
    ),
    "uczestnicy": (
        "hall",
        "Uczestnicy jubileuszowej konferencji",
        "Wspólne zdjęcie uczestników w sali obrad",
    ),
    "podsumowanie": (
        "workshop",
        "Podsumowanie konferencji i wnioski dla ministerstwa",
        "Zespół przy stole zapisuje wnioski z konferencji",
    ),
    "podziekowania": (
        "abstract",
        "Dzień Pracownika Socjalnego",
        "Kolorowe koła symbolizujące współpracę",
    ),
    "warsztaty-radomsko": (
        "workshop",
        "Warsztaty w Radomsku",
        "Kierownicy ośrodków pracują w grupach przy stołach",
    ),
    "portal": (
        "abstract",
        "Portal Stowarzyszenia RAZEM",
        "Abstrakcyjna grafika z kolorowymi kształtami",
    ),
}

# Documents rendered to PDF by articles/demo.py: key -> (title, file name, HTML body).
DOCUMENTS = {
    "pismo-mrpips-2024-07-01": (
        "Pismo do MRPiPS z 1 lipca 2024 r. w sprawie dodatku motywacyjnego",
        "pismo-mrpips-2024-07-01.pdf",
        """
<p class="right">Radomsko, 1 lipca 2024 r.</p>
<p><strong>Ministerstwo Rodziny, Pracy i Polityki Społecznej</strong><br>
ul. Nowogrodzka 1/3/5, 00-513 Warszawa</p>
<h1>Wniosek o rozszerzenie grupy pracowników uprawnionych do dodatku
motywacyjnego</h1>
<p>Szanowna Pani Minister,</p>
<p>w imieniu Ogólnopolskiego Stowarzyszenia Miejskich i Gminnych Ośrodków Pomocy
Społecznej „RAZEM” zwracamy się z prośbą o weryfikację wytycznych Programu
„Dofinansowanie wynagrodzeń pracowników jednostek organizacyjnych pomocy społecznej
w postaci dodatku motywacyjnego na lata 2024-2027”.</p>
<p>Informacja opublikowana 25 czerwca 2024 r. zawęża krąg pracowników ośrodków
pomocy społecznej objętych Programem. W ośrodkach działających w gminach do 50 000
mieszkańców zadania wykonuje niewielki zespół, w którym pracownicy socjalni,
pracownicy świadczeń i asystenci rodziny pracują wspólnie z tymi samymi rodzinami.</p>
<p>Prosimy o rozszerzenie grupy uprawnionych do otrzymania dodatku na wszystkich
pracowników merytorycznych ośrodków pomocy społecznej.</p>
<p>Z wyrazami szacunku</p>
<p class="right">Andrzej Barszcz<br>Prezes Stowarzyszenia</p>
""",
    ),
    "program-x-konferencji": (
        "Program X Konferencji – Zakopane, 13-15 czerwca 2024 r.",
        "program-x-konferencji-zakopane-2024.pdf",
        """
<h1>„Oczekiwania na NOWE w pomocy społecznej”</h1>
<p>Jubileuszowa X Konferencja, Zakopane, 13-15 czerwca 2024 r.</p>
<h2>Czwartek, 13 czerwca</h2>
<ul><li>14:00 – rejestracja uczestników</li>
<li>15:00 – otwarcie konferencji, Andrzej Barszcz, Prezes Stowarzyszenia</li>
<li>15:30 – wykład: deinstytucjonalizacja usług społecznych</li>
<li>19:00 – kolacja</li></ul>
<h2>Piątek, 14 czerwca</h2>
<ul><li>9:00 – lokalne plany deinstytucjonalizacji</li>
<li>11:00 – warsztaty w grupach: usługi opiekuńcze, mieszkania wspomagane,
współpraca z organizacjami</li>
<li>16:00 – debata „Oczekiwania na NOWE”</li></ul>
<h2>Sobota, 15 czerwca</h2>
<ul><li>9:30 – podsumowanie warsztatów i wnioski</li>
<li>11:00 – zakończenie konferencji</li></ul>
""",
    ),
    "wnioski-x-konferencji": (
        "Wnioski z X Konferencji – deinstytucjonalizacja w małych gminach",
        "wnioski-x-konferencji-2024.pdf",
        """
<h1>Wnioski z X Konferencji Stowarzyszenia „RAZEM”</h1>
<ol>
<li>Lokalne plany deinstytucjonalizacji powinny powstawać we współpracy gmin
sąsiednich: pojedyncza mała gmina rzadko utrzyma sama pełny zestaw usług.</li>
<li>Nowe zadania ośrodków wymagają stałego finansowania, a nie tylko programów
czasowych.</li>
<li>Potrzebne są proste narzędzia diagnozy potrzeb dostosowane do ośrodków
zatrudniających kilka osób.</li>
<li>Stowarzyszenie przekaże wnioski Ministerstwu Rodziny, Pracy i Polityki
Społecznej i będzie je rozwijać na kolejnych szkoleniach.</li>
</ol>
""",
    ),
}

ZAKOPANE_ARTICLE = "jubileuszowa-x-konferencja-oczekiwania-na-nowe"
ZAKOPANE_ALBUM = {
    "slug": "x-konferencja-zakopane-2024",
    "title": "X Konferencja – Zakopane, czerwiec 2024",
    "date": datetime.date(2024, 6, 14),
    "description": (
        "<p>Zdjęcia z Jubileuszowej X Konferencji „Oczekiwania na NOWE w pomocy "
        "społecznej”, Zakopane, 13-15 czerwca 2024 r.</p>"
    ),
}
