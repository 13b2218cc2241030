"""Demo content of the consultations app: the opinion index, the 2024 letter to the
ministry, an opinion open for signatures, a draft for discussion and a draft law.

Idempotent: pages are found by slug, the draft law by its number, centres by gmina
(TERYT) and kind. Runs after razem, articles, members and conferences; when the demo
centres are missing, signatures are skipped with a message.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission

from members.choices import CentreStatus
from members.models import Centre
from razem.demo import ensure_home_page

from . import services
from .choices import OpinionKind, OpinionState, SendChannel
from .models import (
    Comment,
    DraftLaw,
    OpinionEvent,
    OpinionIndexPage,
    OpinionPage,
    Signature,
)
from .services import letters

MINISTER = "Minister Rodziny, Pracy i Polityki Społecznej"
MINISTRY_ADDRESS = "ul. Nowogrodzka 1/3/5\n00-513 Warszawa"
PROGRAMME = (
    "Dofinansowanie wynagrodzeń pracowników jednostek organizacyjnych pomocy "
    "społecznej w postaci dodatku motywacyjnego na lata 2024-2027"
)
# (TERYT, kind) of the demo centres named in the brief, then the other demo members.
WYSMIERZYCE = ("1401063", "MGOPS")
STARACHOWICE = ("2611011", "CUS")
RADOMSKO = ("1012011", "MOPS")

INDEX_INTRO = (
    "<p>Stowarzyszenie opiniuje projekty przepisów dotyczących pomocy społecznej i "
    "występuje do ministerstwa w imieniu ośrodków z małych gmin. Ośrodki członkowskie "
    "mogą współpodpisać każde stanowisko.</p>"
)
RULES = (
    "<ol><li>W dyskusji biorą udział pracownicy ośrodków członkowskich; komentarze nie "
    "są publikowane.</li><li>Piszemy o treści stanowiska: proponujemy zmiany, podajemy "
    "przykłady z pracy ośrodka.</li><li>Nie podajemy danych osobowych klientów ani "
    "współpracowników.</li><li>Biuro Stowarzyszenia może ukryć komentarz niezgodny z "
    "zasadami; powód ukrycia jest zapisywany.</li></ol>"
)

LETTER_2024_BODY = f"""
<p>Szanowna Pani Minister,</p>
<p>w imieniu Ogólnopolskiego Stowarzyszenia Miejskich i Gminnych Ośrodków Pomocy
Społecznej „RAZEM” oraz ośrodków członkowskich, które współpodpisały niniejsze pismo,
dziękujemy za uruchomienie programu „{PROGRAMME}”. Dodatek motywacyjny jest pierwszym
od lat realnym wsparciem płacowym dla pracowników socjalnych.</p>
<p>Program w obecnym kształcie obejmuje jednak wyłącznie pracowników socjalnych.
Poza nim pozostają osoby, bez których ośrodek nie wykonuje swoich zadań: asystenci
rodziny, opiekunki domowe, pracownicy świadczeń, księgowe i kadrowe, kierownicy działów.
W małych gminach te same osoby często łączą kilka funkcji, a różnica wynagrodzeń w
jednym zespole rodzi poczucie niesprawiedliwości i utrudnia zatrzymanie ludzi w pracy.</p>
<h2>Wnioskujemy o:</h2>
<ol>
<li>rozszerzenie kręgu uprawnionych do dodatku na wszystkich pracowników jednostek
organizacyjnych pomocy społecznej, z zachowaniem dotychczasowej kwoty dla pracowników
socjalnych;</li>
<li>uproszczenie rozliczeń, tak aby gminy nie musiały co miesiąc przekazywać
imiennych zestawień;</li>
<li>zagwarantowanie środków na cały okres 2024-2027 i ich waloryzację.</li>
</ol>
<p>Ośrodki z gmin do 50 000 mieszkańców mają najmniejsze budżety i najtrudniej im
konkurować o pracowników z większymi miastami. Prosimy o uwzględnienie naszego wniosku
przy najbliższej zmianie programu. Jesteśmy gotowi przedstawić dane z ośrodków
członkowskich i wziąć udział w pracach zespołu roboczego.</p>
"""

OPEN_BODY = """
<p>Stowarzyszenie „RAZEM” przedstawia stanowisko w sprawie planowanego podziału
środków na usługi opiekuńcze w 2027 roku.</p>
<p>Gminy wiejskie i miejsko-wiejskie mają wielu seniorów mieszkających samotnie,
daleko od ośrodka i bez dostępu do transportu. Koszt godziny usług opiekuńczych
jest tam wyższy niż w mieście, a algorytm podziału środków nie uwzględnia czasu
dojazdu opiekunek.</p>
<h2>Proponujemy:</h2>
<ol>
<li>uwzględnienie w algorytmie odległości i gęstości zaludnienia gminy;</li>
<li>finansowanie kosztów dojazdu opiekunek w gminach wiejskich;</li>
<li>wydłużenie terminu rozliczenia dotacji do 31 stycznia roku następnego.</li>
</ol>
"""

DRAFT_BODY = """
<p>Projekt opinii Stowarzyszenia do projektu ustawy o zmianie ustawy o pomocy
społecznej (UD245) – wersja do dyskusji w ośrodkach członkowskich.</p>
<p>Popieramy kierunek zmian dotyczących pracy socjalnej, ale zwracamy uwagę na
obciążenie małych ośrodków nowymi obowiązkami sprawozdawczymi.</p>
"""


def _ensure_index(home) -> OpinionIndexPage:
    index = OpinionIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=OpinionIndexPage(
                title="Opinie i stanowiska",
                slug="opinie",
                show_in_menus=True,
                intro=INDEX_INTRO,
                discussion_rules=RULES,
            )
        )
        index.save_revision().publish()
    return index


def _grant_editors(index) -> None:
    """Association editors run opinions: publish rights here, draft laws as snippets."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="consultations",
            codename__in=["add_draftlaw", "change_draftlaw", "delete_draftlaw"],
        )
    )


def _ensure_draft_law() -> DraftLaw:
    draft_law, _created = DraftLaw.objects.get_or_create(
        number="UD245",
        defaults={
            "title": (
                "Projekt ustawy o zmianie ustawy o pomocy społecznej oraz niektórych "
                "innych ustaw"
            ),
            "ministry": "Ministerstwo Rodziny, Pracy i Polityki Społecznej",
            "url": "https://legislacja.gov.pl/",
            "consultation_deadline": timezone.localdate() + datetime.timedelta(days=25),
            "description": (
                "Zmiany w organizacji pracy socjalnej, sprawozdawczości ośrodków i "
                "zasadach przyznawania usług opiekuńczych. Uwagi w ramach konsultacji "
                "publicznych można zgłaszać do ministerstwa."
            ),
        },
    )
    return draft_law


def _centres() -> dict:
    """The demo member centres by (TERYT, kind)."""
    return {
        (centre.municipality.teryt, centre.kind): centre
        for centre in Centre.objects.filter(status=CentreStatus.MEMBER)
        .select_related("municipality")
        .order_by("pk")[:40]
    }


def _author():
    """The office's editor writes the demo opinions (the superuser if absent)."""
    User = get_user_model()
    return (
        User.objects.filter(email="redakcja@razem.test").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _page(index, slug, *, author=None, **fields) -> tuple[OpinionPage, bool]:
    """The opinion, created and published as in the editor: a revision by its
    author, published by them, so its page record names who and when."""
    existing = OpinionPage.objects.filter(slug=slug).first()
    if existing:
        return existing, False
    page = index.add_child(instance=OpinionPage(slug=slug, owner=author, **fields))
    page.save_revision(user=author).publish(user=author, skip_permission_checks=True)
    return OpinionPage.objects.get(pk=page.pk), True


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _ensure_letter_2024(index, centres, admin, stdout) -> None:
    """The 2024 letter, recorded as it happened (past dates the services refuse).

    Published through the editor's path (revisions by the editor and the
    president, then publishing), then dated as it happened, so its page record
    has what a real one has: created, first published, last changed, by whom.
    """
    author = _author()
    page, created = _page(
        index,
        "dodatek-motywacyjny-2024-2027",
        author=author,
        title="Wniosek o rozszerzenie programu dodatku motywacyjnego na lata 2024-2027",
        kind=OpinionKind.MOTION,
        addressee=MINISTER,
        addressee_address=MINISTRY_ADDRESS,
        subject=f"Rozszerzenie programu „{PROGRAMME}”",
        summary=(
            "Prosimy ministerstwo o objęcie dodatkiem motywacyjnym wszystkich "
            "pracowników ośrodków pomocy społecznej, nie tylko pracowników socjalnych."
        ),
        body=LETTER_2024_BODY,
        signing_deadline=None,  # set below: the editor's rules refuse a past one
    )
    if not created:
        return
    page.signing_deadline = _at(datetime.date(2024, 6, 25), 23)
    signed_on = datetime.date(2024, 6, 10)
    signers = list(centres.values())[:8]
    for offset, centre in enumerate(signers):
        Signature.objects.create(
            opinion=page,
            centre=centre,
            signed_at=_at(signed_on + datetime.timedelta(days=offset), 10),
        )
    if not signers:
        stdout.write(
            "  consultations: no demo centres yet, the 2024 letter is unsigned"
        )
    page.letter_date = datetime.date(2024, 6, 28)
    with transaction.atomic():
        letters.assign_number(page)
        letters.store_letter(page)
        page.state = OpinionState.SENT
        page.state_version = 3
        page.sent_on = datetime.date(2024, 7, 1)
        page.sent_via = SendChannel.EPUAP
        page.save(clean=False)
    history = [
        (OpinionState.DRAFT, OpinionState.OPEN, datetime.date(2024, 6, 3), ""),
        (OpinionState.OPEN, OpinionState.CLOSED, datetime.date(2024, 6, 28), ""),
        (OpinionState.CLOSED, OpinionState.SENT, datetime.date(2024, 7, 1), "ePUAP"),
    ]
    for from_state, to_state, day, note in history:
        OpinionEvent.objects.create(
            opinion=page,
            from_state=from_state,
            to_state=to_state,
            created_at=_at(day),
            note=note,
        )
    _publish_as_it_happened(page, author, admin or author)


def _publish_as_it_happened(page: OpinionPage, author, publisher) -> None:
    """Publish the letter's final content (state, deadline, letter) as a revision
    of the president's, and date its revisions and publishing as in 2024."""
    page = OpinionPage.objects.get(pk=page.pk)
    page.save_revision(user=publisher).publish(
        user=publisher, skip_permission_checks=True
    )
    created, opened, sent = (
        _at(datetime.date(2024, 5, 27), 9),
        _at(datetime.date(2024, 6, 3), 9),
        _at(datetime.date(2024, 7, 1), 11),
    )
    first, *_middle, last = list(page.revisions.order_by("created_at", "pk"))
    page.revisions.filter(pk=first.pk).update(created_at=created)
    page.revisions.filter(pk=last.pk).update(created_at=sent)
    OpinionPage.objects.filter(pk=page.pk).update(
        first_published_at=opened,
        last_published_at=sent,
        latest_revision_created_at=sent,
    )


def _ensure_open_opinion(index, centres, admin, stdout) -> None:
    """Open now, a few weeks to go; signed by some centres but not Wyśmierzyce."""
    deadline = timezone.make_aware(datetime.datetime(2026, 12, 14, 15, 0))
    if deadline <= timezone.now():
        deadline = timezone.now() + datetime.timedelta(days=21)
    page, created = _page(
        index,
        "uslugi-opiekuncze-2027",
        author=_author(),
        title="Stanowisko w sprawie finansowania usług opiekuńczych w gminach wiejskich",
        kind=OpinionKind.POSITION,
        addressee=MINISTER,
        addressee_address=MINISTRY_ADDRESS,
        subject="Podział środków na usługi opiekuńcze w 2027 roku",
        summary=(
            "Algorytm podziału środków powinien uwzględniać odległości i koszty "
            "dojazdu opiekunek w gminach wiejskich."
        ),
        body=OPEN_BODY,
        signing_deadline=deadline,
    )
    if not created:
        return
    services.open_for_signatures(page, admin)
    named = [centres[key] for key in (STARACHOWICE, RADOMSKO) if key in centres]
    others = [
        centre
        for key, centre in centres.items()
        if key not in (WYSMIERZYCE, STARACHOWICE, RADOMSKO)
    ]
    signers = named + others[:2]
    if not signers:
        stdout.write(
            "  consultations: no demo centres yet, the open opinion is unsigned"
        )
    for centre in signers:
        representative = (
            centre.memberships.filter(role="representative")
            .select_related("user")
            .first()
        )
        if representative is not None:
            services.sign_opinion(page, representative.user)
        else:
            Signature.objects.create(opinion=page, centre=centre)


def _ensure_draft_opinion(index, draft_law, centres) -> None:
    """A draft on the draft law, discussed by members before it opens."""
    page, created = _page(
        index,
        "opinia-ud245",
        author=_author(),
        title="Opinia do projektu ustawy o zmianie ustawy o pomocy społecznej (UD245)",
        kind=OpinionKind.OPINION,
        addressee=MINISTER,
        addressee_address=MINISTRY_ADDRESS,
        subject="Projekt ustawy o zmianie ustawy o pomocy społecznej (UD245)",
        summary="Wersja robocza do dyskusji w ośrodkach członkowskich.",
        body=DRAFT_BODY,
        draft_law=draft_law,
        signing_deadline=_at(
            draft_law.consultation_deadline - datetime.timedelta(days=3), 15
        ),
    )
    starachowice = centres.get(STARACHOWICE)
    if created and starachowice is not None:
        author = starachowice.memberships.select_related("user").first()
        Comment.objects.create(
            opinion=page,
            author=author.user if author else None,
            centre=starachowice,
            body=services.sanitize_comment(
                "Proponujemy dopisać, że nowe sprawozdania powinny być generowane z "
                "systemów dziedzinowych, bez ręcznego przepisywania danych.\n\n"
                "W CUS w Starachowicach zajmuje to dziś dwa dni w miesiącu."
            ),
        )


def load(stdout) -> None:
    """Create the opinion index, three opinions and a draft law (idempotent)."""
    home = ensure_home_page()
    index = _ensure_index(home)
    _grant_editors(index)
    draft_law = _ensure_draft_law()
    centres = _centres()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    _ensure_letter_2024(index, centres, admin, stdout)
    if admin is not None:
        _ensure_open_opinion(index, centres, admin, stdout)
    _ensure_draft_opinion(index, draft_law, centres)
    stdout.write(
        f"  consultations: {OpinionPage.objects.count()} opinions, "
        f"{Signature.objects.active().count()} co-signatures, draft law UD245"
    )
