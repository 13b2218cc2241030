"""Polish texts of the house's demo pages (editor content, so Polish in the code).

Written for the demo from the association's own materials; facts (names, address,
dates) follow the seeds, the wording is new.
"""

ABOUT_LEAD = (
    "Zrzeszamy miejskie i gminne ośrodki pomocy społecznej z gmin liczących do "
    "50 000 mieszkańców. Razem jesteśmy lepiej słyszani tam, gdzie zapadają decyzje "
    "o polityce społecznej."
)
ABOUT = [
    "<h2>Dlaczego powstało stowarzyszenie</h2>"
    "<p>Polski system pomocy społecznej zmienia się szybko: przybywa zadań, programów "
    "i sprawozdań, a ośrodki stają się centrami usług dla całych społeczności. "
    "Większość tej pracy wykonują ośrodki w małych i średnich miastach oraz w gminach "
    "wiejskich. Ich kierownicy i pracownicy rzadko mają jednak wpływ na kształt "
    "przepisów, które potem wdrażają, a nowe rozwiązania często nie uwzględniają "
    "realiów niewielkiej gminy.</p>"
    "<p>Dlatego kierownicy ośrodków z całego kraju założyli Ogólnopolskie "
    "Stowarzyszenie Miejskich i Gminnych Ośrodków Pomocy Społecznej „RAZEM” z siedzibą "
    "w Radomsku. Łączy nas to, że pracujemy blisko mieszkańców i mierzymy się z innymi "
    "problemami niż ośrodki w dużych miastach czy powiatowe centra pomocy rodzinie.</p>",
    "<h2>Nasze cele</h2>"
    "<ul><li>integracja środowiska pracowników pomocy społecznej,</li>"
    "<li>podnoszenie poziomu funkcjonowania ośrodków z gmin do 50 000 mieszkańców,</li>"
    "<li>szkolenia i doskonalenie zawodowe kadry ośrodków,</li>"
    "<li>opiniowanie projektów aktów prawnych dotyczących pomocy społecznej,</li>"
    "<li>działania na rzecz klientów i podopiecznych ośrodków z gmin członkowskich.</li>"
    "</ul>",
    "<h2>Jak działamy</h2>"
    "<p>Co roku organizujemy ogólnopolską konferencję z wykładami, warsztatami i "
    "debatami. Jubileuszowa X Konferencja odbyła się w dniach 13–15 czerwca 2024 r. w "
    "Zakopanem pod hasłem „Oczekiwania na NOWE w pomocy społecznej” i była poświęcona "
    "deinstytucjonalizacji usług społecznych.</p>"
    "<p>Przygotowujemy stanowiska i opinie do projektów ustaw i rozporządzeń, a ośrodki "
    "członkowskie mogą je współpodpisywać. Współpracujemy z Ministerstwem Rodziny, Pracy "
    "i Polityki Społecznej oraz z innymi organizacjami działającymi w pomocy społecznej; "
    "w 2024 r. wystąpiliśmy do ministerstwa o rozszerzenie programu dodatku "
    "motywacyjnego na lata 2024–2027 na wszystkich pracowników ośrodków.</p>",
    "<h2>Kto może do nas należeć</h2>"
    "<p>Członkiem może zostać ośrodek pomocy społecznej (OPS, GOPS, MOPS, MGOPS, MOPR) "
    "lub centrum usług społecznych z gminy, która liczy nie więcej niż 50 000 "
    "mieszkańców według oficjalnych danych GUS. Wniosek o przyjęcie można złożyć przez "
    'formularz <a href="/przystap/">Przystąp do stowarzyszenia</a>.</p>',
]

STATUTE_LEAD = (
    "Tekst jednolity statutu Stowarzyszenia (wersja demonstracyjna). Statut określa "
    "cele, członkostwo, władze i zasady gospodarki finansowej Stowarzyszenia."
)
STATUTE = [
    "<h2>Rozdział I. Postanowienia ogólne</h2>"
    "<p>§ 1. Stowarzyszenie nosi nazwę Ogólnopolskie Stowarzyszenie Miejskich i "
    "Gminnych Ośrodków Pomocy Społecznej „RAZEM”, zwane dalej Stowarzyszeniem.</p>"
    "<p>§ 2. Siedzibą Stowarzyszenia jest miasto Radomsko, a terenem działania "
    "Rzeczpospolita Polska.</p>"
    "<p>§ 3. Stowarzyszenie działa na podstawie ustawy Prawo o stowarzyszeniach oraz "
    "niniejszego statutu i posiada osobowość prawną.</p>",
    "<h2>Rozdział II. Cele i sposoby działania</h2>"
    "<p>§ 4. Celami Stowarzyszenia są integracja środowiska pracowników pomocy "
    "społecznej, podnoszenie poziomu funkcjonowania ośrodków pomocy społecznej z gmin "
    "do 50 000 mieszkańców, doskonalenie zawodowe ich kadry oraz opiniowanie projektów "
    "aktów prawnych dotyczących pomocy społecznej.</p>"
    "<p>§ 5. Stowarzyszenie realizuje swoje cele przez organizowanie konferencji, "
    "szkoleń i warsztatów, wymianę doświadczeń między ośrodkami, przygotowywanie "
    "stanowisk i wniosków kierowanych do organów administracji publicznej oraz "
    "współpracę z instytucjami i organizacjami działającymi w sferze pomocy "
    "społecznej.</p>",
    "<h2>Rozdział III. Członkowie</h2>"
    "<p>§ 6. Członkami zwyczajnymi mogą być ośrodki pomocy społecznej i centra usług "
    "społecznych z gmin liczących nie więcej niż 50 000 mieszkańców, reprezentowane "
    "przez kierownika lub dyrektora albo inną upoważnioną osobę.</p>"
    "<p>§ 7. Przyjęcia w poczet członków dokonuje Zarząd na podstawie pisemnego "
    "wniosku. W uzasadnionych przypadkach Zarząd może przyjąć ośrodek z większej gminy; "
    "uzasadnienie takiej decyzji odnotowuje się na piśmie.</p>"
    "<p>§ 8. Członkowie mają prawo uczestniczyć w konferencjach i szkoleniach na "
    "preferencyjnych warunkach, współpodpisywać stanowiska Stowarzyszenia oraz wybierać "
    "i być wybieranymi do władz. Członkowie są obowiązani przestrzegać statutu i "
    "opłacać składki członkowskie.</p>"
    "<p>§ 9. Członkostwo ustaje na skutek pisemnej rezygnacji, wykluczenia przez Zarząd "
    "z powodu nieopłacania składek przez okres dłuższy niż rok albo likwidacji "
    "ośrodka.</p>",
    "<h2>Rozdział IV. Władze Stowarzyszenia</h2>"
    "<p>§ 10. Władzami Stowarzyszenia są Walne Zebranie Członków, Zarząd i Komisja "
    "Rewizyjna. Kadencja władz trwa cztery lata.</p>"
    "<p>§ 11. Walne Zebranie Członków jest najwyższą władzą Stowarzyszenia; zwołuje je "
    "Zarząd co najmniej raz w roku. Uchwały zapadają zwykłą większością głosów w "
    "obecności co najmniej połowy członków, a w drugim terminie bez względu na liczbę "
    "obecnych.</p>"
    "<p>§ 12. Zarząd kieruje działalnością Stowarzyszenia i reprezentuje je na "
    "zewnątrz. Do składania oświadczeń woli w imieniu Stowarzyszenia upoważniony jest "
    "Prezes Zarządu samodzielnie lub dwóch członków Zarządu łącznie.</p>"
    "<p>§ 13. Komisja Rewizyjna kontroluje działalność Stowarzyszenia, w tym jego "
    "gospodarkę finansową, i składa sprawozdanie Walnemu Zebraniu Członków.</p>",
    "<h2>Rozdział V. Majątek i postanowienia końcowe</h2>"
    "<p>§ 14. Majątek Stowarzyszenia pochodzi ze składek członkowskich, opłat za udział "
    "w konferencjach, darowizn i dotacji. Wysokość składki ustala Walne Zebranie "
    "Członków.</p>"
    "<p>§ 15. Zmiana statutu i rozwiązanie Stowarzyszenia wymagają uchwały Walnego "
    "Zebrania Członków podjętej większością dwóch trzecich głosów.</p>",
]

BOARD_LEAD = (
    "Zarząd kieruje pracami Stowarzyszenia między Walnymi Zebraniami Członków. "
    "Tworzą go kierownicy ośrodków członkowskich, którzy na co dzień prowadzą pomoc "
    "społeczną w swoich gminach."
)
BOARD = [
    "<h2>Skład Zarządu</h2>"
    "<p><b>Prezes Zarządu: Andrzej Barszcz</b> – reprezentuje Stowarzyszenie wobec "
    "ministerstw i partnerów, otwiera coroczne konferencje i podpisuje stanowiska "
    "kierowane do organów administracji publicznej.</p>"
    "<p>W skład Zarządu wchodzą ponadto wiceprezes, sekretarz, skarbnik i członkowie "
    "Zarządu wybrani przez Walne Zebranie Członków spośród przedstawicieli ośrodków "
    "członkowskich.</p>",
    "<h2>Czym zajmuje się Zarząd</h2>"
    "<ul><li>przyjmuje nowe ośrodki w poczet członków i prowadzi ich ewidencję,</li>"
    "<li>przygotowuje program corocznej konferencji,</li>"
    "<li>opracowuje projekty stanowisk i opinii oraz zbiera podpisy ośrodków,</li>"
    "<li>zarządza majątkiem i składkami członkowskimi,</li>"
    "<li>zwołuje Walne Zebranie Członków i składa mu sprawozdania.</li></ul>",
    "<h2>Komisja Rewizyjna</h2>"
    "<p>Działalność Zarządu, w tym gospodarkę finansową, co roku kontroluje Komisja "
    "Rewizyjna, niezależna od Zarządu i wybierana przez Walne Zebranie Członków.</p>"
    '<p>Sprawy do Zarządu prosimy kierować przez <a href="/kontakt/">formularz '
    "kontaktowy</a> lub na adres siedziby Stowarzyszenia.</p>",
]

PRIVACY_LEAD = (
    "Wyjaśniamy, jakie dane osobowe przetwarzamy w portalu, po co, jak długo je "
    "przechowujemy i jakie prawa Ci przysługują. Nie śledzimy odwiedzających."
)
PRIVACY = [
    "<h2>Administrator danych</h2>"
    "<p>Administratorem danych jest Ogólnopolskie Stowarzyszenie Miejskich i Gminnych "
    "Ośrodków Pomocy Społecznej „RAZEM”, ul. Kościuszki 12A, 97-500 Radomsko, e-mail "
    "stowarzyszenieopsrazem@gmail.com, tel. (44) 683 28 85. W sprawach danych "
    "osobowych możesz pisać na ten sam adres.</p>",
    "<h2>Jakie dane przetwarzamy i jak długo</h2>"
    "<h3>Konta użytkowników</h3>"
    "<p>Adres e-mail, imię i nazwisko, ośrodek i rola w ośrodku (przedstawiciel lub "
    "pracownik), hasło w postaci skrótu oraz – dla pracowników Stowarzyszenia – dane "
    "uwierzytelniania dwuskładnikowego. Przechowujemy je, dopóki konto istnieje. Konto "
    "możesz w każdej chwili usunąć, a wcześniej pobrać swoje dane.</p>"
    "<h3>Wnioski o członkostwo</h3>"
    "<p>Dane ośrodka (nazwa, adres, NIP, dane kontaktowe) i osoby, która go "
    "reprezentuje. Dane przyjętego ośrodka przechodzą do rejestru członków i są tam "
    "przez czas członkostwa i 5 lat po jego ustaniu (obowiązki rachunkowe). Dane "
    "osoby składającej wniosek – przyjęty albo odrzucony – anonimizujemy automatycznie "
    "12 miesięcy po decyzji; zostają dane ośrodka, decyzja i jej uzasadnienie.</p>"
    "<h3>Uczestnicy konferencji</h3>"
    "<p>Imię i nazwisko, e-mail, stanowisko, wybrane warsztaty, posiłki, nocleg i "
    "uwagi. Dane są potrzebne do organizacji konferencji i wystawienia zaświadczeń. "
    "Informacje o diecie i potrzebach związanych z dostępnością to dane szczególnej "
    "kategorii: zbieramy je tylko za Twoją wyraźną zgodą i usuwamy automatycznie po "
    "zakończeniu konferencji. Po "
    "upływie okresu przechowywania (dwa lata od konferencji) dane uczestników są "
    "automatycznie anonimizowane; zostają tylko dane statystyczne.</p>"
    "<h3>Współpodpisy stanowisk</h3>"
    "<p>Przy stanowisku zapisujemy, który ośrodek je współpodpisał, kiedy i która "
    "osoba w jego imieniu. Publicznie pokazujemy wyłącznie nazwę ośrodka i gminę. "
    "Współpodpisy są częścią dokumentacji Stowarzyszenia i przechowujemy je "
    "bezterminowo.</p>"
    "<h3>Formularz kontaktowy</h3>"
    "<p>Imię i nazwisko, e-mail, temat i treść wiadomości. Wiadomość trafia do biura "
    "Stowarzyszenia; przechowujemy ją do załatwienia sprawy, nie dłużej niż 12 "
    "miesięcy.</p>",
    "<h2>Podstawy prawne</h2>"
    "<p>Przetwarzamy dane na podstawie art. 6 ust. 1 RODO: lit. b (konto, członkostwo, "
    "udział w konferencji), lit. c (obowiązki rachunkowe i archiwalne) oraz lit. f "
    "(odpowiedź na wiadomość, dokumentowanie działań Stowarzyszenia).</p>",
    "<h2>Bez śledzenia</h2>"
    "<p>Nie używamy narzędzi analitycznych ani reklamowych. Licznik odwiedzin w stopce "
    "liczy wyświetlenia stron bez plików cookie i bez zapisywania adresów IP. Szczegóły "
    'w <a href="/polityka-cookies/">polityce cookies</a>.</p>',
    "<h2>Twoje prawa</h2>"
    "<p>Masz prawo dostępu do swoich danych, ich sprostowania, usunięcia, ograniczenia "
    "przetwarzania, przeniesienia oraz sprzeciwu. Masz też prawo wnieść skargę do "
    "Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa).</p>"
    "<p>Dane przechowujemy na serwerach w Unii Europejskiej i nie przekazujemy ich do "
    "państw trzecich. Odbiorcami danych są wyłącznie podmioty, które utrzymują dla nas "
    "serwer i pocztę e-mail.</p>",
]

COOKIES_LEAD = (
    "Portal używa wyłącznie niezbędnych plików cookie. Nie ma tu cookies "
    "analitycznych, reklamowych ani śledzących, dlatego nie prosimy o zgodę."
)
COOKIES = [
    "<h2>Jakie pliki cookie ustawiamy</h2>"
    "<ul><li><b>Sesja</b> (<code>__Secure-sessionid</code>) – tylko po zalogowaniu; pozwala "
    "pozostać zalogowanym. Wygasa po zamknięciu przeglądarki, najpóźniej po 8 "
    "godzinach.</li>"
    "<li><b>Ochrona formularzy</b> (<code>__Secure-csrftoken</code>) – gdy korzystasz z "
    "formularza (logowanie, kontakt, zgłoszenia); chroni przed podszyciem się pod "
    "Ciebie przez inną stronę.</li>"
    "<li><b>Język</b> (<code>django_language</code>) – tylko wtedy, gdy wybierzesz "
    "angielską wersję interfejsu; zapamiętuje ten wybór.</li></ul>",
    "<h2>Czego nie robimy</h2>"
    "<p>Licznik odwiedzin nie używa żadnych plików cookie i nie zapisuje adresów IP: "
    "zlicza wyłącznie liczbę wyświetleń stron w danym miesiącu. Nie korzystamy z "
    "zewnętrznych narzędzi statystycznych ani z czcionek czy skryptów ładowanych z "
    "cudzych serwerów.</p>"
    "<p>To, że zamknąłeś informację o plikach cookie, zapamiętujemy w pamięci "
    "przeglądarki (localStorage), a nie w pliku cookie; informacja ta nigdy nie trafia "
    "na nasz serwer.</p>",
    "<h2>Filmy</h2>"
    "<p>Niektóre artykuły zawierają filmy z serwisu YouTube osadzone w trybie "
    "rozszerzonej prywatności (youtube-nocookie.com). Dopiero odtworzenie filmu może "
    "spowodować zapisanie plików cookie przez ten serwis.</p>",
    "<h2>Jak zarządzać plikami cookie</h2>"
    "<p>Możesz usunąć lub zablokować pliki cookie w ustawieniach przeglądarki. Bez "
    "niezbędnych plików cookie strona działa, ale nie da się zalogować ani wysłać "
    "formularza.</p>",
]

ACCESSIBILITY_LEAD = (
    "Stowarzyszenie „RAZEM” zobowiązuje się zapewnić dostępność swojej strony "
    "internetowej zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej "
    "stron internetowych i aplikacji mobilnych podmiotów publicznych."
)
ACCESSIBILITY = [
    "<p>Deklaracja dostępności dotyczy portalu Ogólnopolskiego Stowarzyszenia "
    "Miejskich i Gminnych Ośrodków Pomocy Społecznej „RAZEM”.</p>"
    "<ul><li>Data publikacji strony internetowej: 2026-01-15.</li>"
    "<li>Data ostatniej istotnej aktualizacji: 2026-11-02.</li></ul>",
    "<h2>Stan dostępności cyfrowej</h2>"
    "<p>Strona internetowa jest częściowo zgodna z ustawą o dostępności cyfrowej "
    "stron internetowych i aplikacji mobilnych podmiotów publicznych z powodu "
    "niezgodności lub wyłączeń wymienionych poniżej.</p>",
    "<h2>Treści niedostępne</h2>"
    "<ul><li>Część plików do pobrania opublikowanych przed 2024 r. to skany dokumentów "
    "bez warstwy tekstowej.</li>"
    "<li>Nagrania z wcześniejszych konferencji nie mają napisów ani transkrypcji.</li>"
    "<li>Niektóre zdjęcia w archiwalnych galeriach mają ogólne opisy alternatywne.</li>"
    "</ul>"
    "<p>Wyłączenia: pliki opublikowane przed 23 września 2018 r. oraz multimedia "
    "nadawane na żywo, zgodnie z art. 3 ust. 4 ustawy. Na prośbę przygotujemy "
    "dostępną wersję każdego dokumentu.</p>",
    "<h2>Przygotowanie deklaracji dostępności</h2>"
    "<p>Deklarację sporządzono dnia 2026-11-02 na podstawie samooceny przeprowadzonej "
    "przez Stowarzyszenie, wspartej automatycznymi testami każdej strony narzędziem "
    "axe-core (kryteria WCAG 2.1 na poziomach A i AA) oraz testami obsługi "
    "klawiaturą.</p>"
    "<p>Na stronie można korzystać ze standardowych skrótów klawiaturowych "
    "przeglądarki. Pierwszy klawisz Tab prowadzi do odnośnika „Przejdź do treści”.</p>",
    "<h2>Informacje zwrotne i dane kontaktowe</h2>"
    "<p>Błędy i problemy z dostępnością strony prosimy zgłaszać na adres e-mail "
    "stowarzyszenieopsrazem@gmail.com lub telefonicznie pod numerem (44) 683 28 85. "
    "Tą samą drogą można składać wnioski o udostępnienie informacji niedostępnej "
    "oraz żądania zapewnienia dostępności cyfrowej strony lub jej elementu.</p>",
    "<h2>Procedura wnioskowo-skargowa</h2>"
    "<p>Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony "
    "internetowej lub jej elementu. Żądanie powinno zawierać dane osoby zgłaszającej, "
    "wskazanie strony lub elementu oraz sposób kontaktu; jeśli zgłaszający prosi o "
    "informację w formie alternatywnej, powinien ją określić.</p>"
    "<p>Żądanie realizujemy niezwłocznie, nie później niż w ciągu 7 dni od jego "
    "otrzymania. Jeśli nie jest to możliwe, informujemy o tym i wskazujemy termin, nie "
    "dłuższy niż 2 miesiące. Jeśli zapewnienie dostępności nie jest możliwe, "
    "proponujemy alternatywny sposób dostępu do informacji.</p>"
    "<p>W przypadku odmowy lub niedotrzymania terminu można złożyć skargę do "
    "Stowarzyszenia, a po wyczerpaniu tej procedury – wniosek do Rzecznika Praw "
    "Obywatelskich.</p>",
    "<h2>Dostępność architektoniczna</h2>"
    "<p>Siedziba Stowarzyszenia mieści się w Radomsku przy ul. Kościuszki 12A. Do "
    "budynku prowadzi wejście od ulicy z podjazdem dla wózków; drzwi wejściowe otwierają "
    "się ręcznie. Biuro znajduje się na parterze, bez progów. W budynku nie ma pętli "
    "indukcyjnej ani oznaczeń w alfabecie Braille’a. Przed budynkiem jest miejsce "
    "parkingowe dla osób z niepełnosprawnościami. Do budynku można wejść z psem "
    "asystującym.</p>"
    "<p>Na spotkanie z tłumaczem polskiego języka migowego można się umówić, zgłaszając "
    "taką potrzebę co najmniej 3 dni robocze wcześniej.</p>",
]

CONTACT_INTRO = (
    "<p>Masz pytanie o członkostwo, konferencję albo stanowisko Stowarzyszenia? "
    "Napisz do nas – odpowiadamy zwykle w ciągu kilku dni roboczych. Wiadomość trafia "
    "do biura Stowarzyszenia w Radomsku.</p>"
    '<p>Zasady przetwarzania danych z formularza opisuje <a href="/polityka-prywatnosci/">'
    "polityka prywatności</a>.</p>"
)
CONTACT_THANKS = (
    "<p>Dziękujemy, Twoja wiadomość dotarła do biura Stowarzyszenia. Odpowiemy na "
    "podany adres e-mail.</p>"
)
