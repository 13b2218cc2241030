"""No view's SQL query count grows with the data it shows.

Every URL of the project (public pages and their sub-routes, "Mój ośrodek", the
staff pages beside the admin and the project's own admin views) is requested at two
data sizes: SMALL items, then LARGE items of what the view lists (registrations,
signatures, comments, centres, people, dues, articles...). The two query counts must
be equal; on failure the queries that grew are printed.

Each measurement is the second of two identical requests (the first one makes image
renditions and the like) with the cache cleared in between, so a cold cache is
measured: what is computed once and then cached must be bounded too. The anonymous
page cache is off, so every request renders.

Views measured elsewhere with a warm cache (tests/articles/test_queries.py,
tests/consultations/test_queries.py, tests/members/test_directory.py,
tests/conferences/test_pages.py and test_views.py, tests/razem/test_search.py) are
measured here once more with a cold one, at the end of the table.

Run with `-s` to see the report: every view's query count at both sizes.
"""

import datetime
import itertools
import re
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conferences.choices import RegistrationStatus, SessionKind
from conferences.models import ConferenceDocument, ConferenceGalleryImage, Registration
from conferences.services.registration import register_participants
from consultations.choices import OpinionState
from consultations.models import Comment, OpinionEvent, Signature
from members.choices import CentreStatus, Role
from members.models import Membership
from tests.factories.articles import (
    ArticlePageFactory,
    CategoryFactory,
    DocumentFactory,
    GalleryIndexPageFactory,
    GalleryPageFactory,
    ImageFactory,
    NewsIndexPageFactory,
)
from tests.factories.conferences import (
    SpeakerFactory,
    add_session,
    add_workshop,
    conference_index,
    make_conference,
    participant,
)
from tests.factories.consultations import (
    CommentFactory,
    DraftLawFactory,
    SignatureFactory,
    opinion_index,
    opinion_page,
)
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    DuesFactory,
    MunicipalityFactory,
    UserFactory,
    centre_staff,
    invitation,
    representative,
)
from tests.factories.razem import publish_standard_page

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12
_numbers = itertools.count(1)


def number() -> int:
    """A number unique in the test run (e-mails, names, slugs)."""
    return next(_numbers)


# --- the measuring machinery -------------------------------------------------------


@dataclass
class Req:
    """One request: where, as whom, and what answer is expected."""

    url: str
    user: Any = None
    method: str = "get"
    data: dict | None = None
    status: int = 200


@dataclass
class Scenario:
    """A view and the data it lists.

    `request(size)` gives the request to measure (called once for the warm-up and once
    for the measurement, so an action can act on a fresh object each time); `grow(n)`
    adds n more of what the view lists.
    """

    request: Callable[[int], Req]
    grow: Callable[[int], None] = lambda n: None


def get(url, user=None, status=200) -> Callable[[int], Req]:
    """The request of a plain page: the same GET whatever the size."""
    return lambda size: Req(url() if callable(url) else url, user, status=status)


def _send(client, req: Req):
    if req.user is None:
        client.logout()
    else:
        client.force_login(req.user)
    method = getattr(client, req.method)
    with CaptureQueriesContext(connection) as captured:
        response = method(req.url, req.data or {})
        if response.streaming:
            content = b"".join(response.streaming_content)
        else:
            content = response.content
    assert response.status_code == req.status, (req.url, response.status_code)
    assert response.get("X-Page-Cache") != "hit"
    return captured.captured_queries, len(content)


def measure(client, scenario: Scenario, size: int) -> tuple[list[dict], int]:
    """The queries of one request, after a warm-up request and with a cold cache,
    and the length of the response."""
    _send(client, scenario.request(size))
    req = scenario.request(size)
    cache.clear()
    return _send(client, req)


def _shape(sql: str) -> str:
    sql = re.sub(r'"s\d+_x\d+"', "?", sql)  # savepoint names
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\((?:\?, )+\?\)", "(?...)", sql)
    return sql


def explain(few: list[dict], many: list[dict]) -> str:
    """The query shapes whose number differs between the two sizes."""
    small = Counter(_shape(q["sql"]) for q in few)
    large = Counter(_shape(q["sql"]) for q in many)
    lines = [
        f"{large[shape] - small[shape]:+d} x {shape[:500]}"
        for shape in sorted(set(small) | set(large))
        if small[shape] != large[shape]
    ]
    return (
        f"{len(few)} queries with {SMALL} items, {len(many)} with {LARGE}:\n"
        + "\n".join(lines)
    )


# --- the world: people, centres and pages, made when a scenario asks ----------------


def activate_totp(user) -> None:
    """An active TOTP authenticator, so the staff two-factor gate lets them in."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": "not-used-in-tests"}},
    )


def _grant(group, app_label: str, codenames: list[str]) -> None:
    from django.contrib.auth.models import Permission

    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )


class World:
    """Everything a scenario may need, created on first use."""

    def __init__(self, home):
        self.home = home
        self._reps = {}

    # people
    @cached_property
    def centre(self):
        return CentreFactory(name="Gminny Ośrodek Pomocy Społecznej w Łęcznej")

    @cached_property
    def rep(self):
        return self.rep_of(self.centre)

    @cached_property
    def staff_member(self):
        return centre_staff(self.centre, email="pracownik@gops.test")

    def rep_of(self, centre):
        """The representative of a centre (made once per centre)."""
        if centre.pk not in self._reps:
            membership = Membership.objects.filter(
                centre=centre, role=Role.REPRESENTATIVE
            ).first()
            self._reps[centre.pk] = (
                membership.user if membership else representative(centre)
            )
        return self._reps[centre.pk]

    @cached_property
    def editor(self):
        """An association editor, as the demo sets the Editors group up."""
        from django.contrib.auth.models import Group, Permission
        from wagtail.models import GroupPagePermission

        editors, _created = Group.objects.get_or_create(name="Editors")
        _grant(editors, "wagtailadmin", ["access_admin"])
        _grant(
            editors,
            "conferences",
            [
                "view_registration",
                "change_registration",
                "add_speaker",
                "change_speaker",
                "delete_speaker",
                "view_speaker",
            ],
        )
        _grant(
            editors,
            "consultations",
            # The opinion workflow has its own permission since issue 10; the
            # scenarios measure the office member who runs it.
            [
                "add_draftlaw",
                "change_draftlaw",
                "delete_draftlaw",
                "manage_opinion_workflow",
            ],
        )
        _grant(editors, "articles", ["add_category", "change_category"])
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=self.home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        user = UserFactory(
            email="redakcja@razem.test",
            first_name="Ewa",
            last_name="Redakcyjna",
            is_staff=True,
        )
        user.groups.add(editors)
        activate_totp(user)
        return user

    @cached_property
    def admin(self):
        """The association's administrator (superuser)."""
        user = UserFactory(
            email="admin@razem.test",
            first_name="Andrzej",
            last_name="Barszcz",
            is_staff=True,
            is_superuser=True,
        )
        activate_totp(user)
        return user

    # pages
    @cached_property
    def news_index(self):
        return NewsIndexPageFactory(parent=self.home)

    @cached_property
    def gallery_index(self):
        return GalleryIndexPageFactory(parent=self.home)

    @cached_property
    def conference_index(self):
        return conference_index(self.home)

    @cached_property
    def opinion_index(self):
        return opinion_index(self.home)

    def conference(self, **fields):
        """A published conference under the index, open and roomy by default."""
        fields.setdefault("capacity", 1000)
        return make_conference(index=self.conference_index, **fields)

    def past_conference(self, **fields):
        """A conference that ended three days ago."""
        conference = self.conference(**fields)
        past = timezone.localdate() - datetime.timedelta(days=3)
        type(conference).objects.filter(pk=conference.pk).update(
            start_date=past - datetime.timedelta(days=2), end_date=past
        )
        conference.refresh_from_db()
        return conference

    def opinion(self, **fields):
        return opinion_page(self.opinion_index, **fields)

    # records
    @contextmanager
    def _open(self, conference):
        """Let a conference that is over take registrations for a moment."""
        model = type(conference)
        dates = (conference.start_date, conference.end_date)
        if dates[1] >= timezone.localdate():
            yield
            return
        future = timezone.localdate() + datetime.timedelta(days=60)
        model.objects.filter(pk=conference.pk).update(
            start_date=future, end_date=future + datetime.timedelta(days=2)
        )
        try:
            yield
        finally:
            model.objects.filter(pk=conference.pk).update(
                start_date=dates[0], end_date=dates[1]
            )
            conference.refresh_from_db()

    def register(self, conference, count, *, centre=None, workshops=(), **extra):
        """`count` participants of a centre (new member centre by default)."""
        centre = centre or CentreFactory()
        people = []
        for _ in range(count):
            n = number()
            people.append(
                participant(
                    n,
                    email=f"uczestnik-{n}@example.test",
                    workshop_ids=[w.pk for w in workshops],
                    **extra,
                )
            )
        with self._open(conference):
            return register_participants(
                conference=conference,
                centre=centre,
                user=self.rep_of(centre),
                participants=people,
            ).registrations

    def sessions(self, conference, count):
        """`count` lectures, each with a speaker with a photo."""
        for _ in range(count):
            session = add_session(conference, title=f"Wykład {number()}")
            session.speakers.add(SpeakerFactory(photo=ImageFactory()))

    def workshops(self, conference, count, capacity=50):
        """`count` workshops in separate time slots (one person may choose them all)."""
        made = []
        taken = conference.sessions.filter(kind=SessionKind.WORKSHOP).count()
        for slot in range(taken, taken + count):
            made.append(
                add_workshop(
                    conference,
                    title=f"Warsztat {number()}",
                    capacity=capacity,
                    date=conference.start_date + datetime.timedelta(days=slot // 20),
                    start_time=datetime.time(slot % 20),
                    end_time=datetime.time(slot % 20, 30),
                )
            )
        return made

    def signatures(self, opinion, count):
        for _ in range(count):
            SignatureFactory(opinion=opinion)

    def comments(self, opinion, count):
        for _ in range(count):
            CommentFactory(opinion=opinion, centre=CentreFactory())

    def check_in_all(self, conference):
        Registration.objects.filter(
            conference=conference, status=RegistrationStatus.CONFIRMED
        ).update(checked_in_at=timezone.now())


@pytest.fixture
def world(home_page, settings):
    settings.RAZEM_PAGE_CACHE_SECONDS = 0
    return World(home_page)


SCENARIOS: dict[str, Callable[[World], Scenario]] = {}


def scenario(name: str):
    """Register a scenario under a name (the test id)."""

    def register(fn):
        assert name not in SCENARIOS, name
        SCENARIOS[name] = fn
        return fn

    return register


# --- public pages and views -------------------------------------------------------


def _standard_pages(world, count):
    for _ in range(count):
        page = publish_standard_page(
            world.home, f"Strona {number()}", text="Treść strony."
        )
        page.show_in_menus = True
        page.save_revision().publish()


@scenario("healthz")
def _healthz(world):
    return Scenario(get("/healthz"), grow=lambda n: _standard_pages(world, n))


@scenario("robots.txt")
def _robots(world):
    return Scenario(get("/robots.txt"), grow=lambda n: _standard_pages(world, n))


@scenario("admin-login-redirect")
def _admin_login(world):
    return Scenario(get("/admin/login/", status=302))


@scenario("set-language")
def _set_language(world):
    return Scenario(
        lambda size: Req(
            "/jezyk/", method="post", data={"language": "en", "next": "/"}, status=302
        ),
        grow=lambda n: _standard_pages(world, n),
    )


@scenario("not-found-page")
def _not_found(world):
    return Scenario(
        get("/nie-ma-takiej-strony/", status=404),
        grow=lambda n: _standard_pages(world, n),
    )


@scenario("sitemap.xml")
def _sitemap(world):
    def grow(n):
        _standard_pages(world, n)
        for _ in range(n):
            ArticlePageFactory(parent=world.news_index)
            world.conference()
            world.opinion(state=OpinionState.OPEN)
            world.opinion()  # a draft: not listed

    return Scenario(get("/sitemap.xml"), grow=grow)


def _articles(world, count):
    categories = [CategoryFactory(name="Konferencje"), CategoryFactory(name="Prawo")]
    for _ in range(count):
        ArticlePageFactory(
            parent=world.news_index, categories=categories, tags=[f"tag-{number()}"]
        )


@scenario("feed-rss")
def _rss(world):
    return Scenario(get("/aktualnosci/rss/"), grow=lambda n: _articles(world, n))


@scenario("feed-atom")
def _atom(world):
    return Scenario(get("/aktualnosci/atom/"), grow=lambda n: _articles(world, n))


@scenario("standard-page-with-menu-and-subpages")
def _standard_page(world):
    page = publish_standard_page(world.home, "O stowarzyszeniu", text="Razem.")

    def grow(n):
        _standard_pages(world, n)
        for _ in range(n):
            publish_standard_page(page, f"Podstrona {number()}", text="Treść.")
            page.lead = f"Wersja {number()}"
            page.save_revision().publish()

    return Scenario(get(lambda: page.url), grow=grow)


@scenario("contact-page")
def _contact(world):
    from razem.demo import ensure_contact_page
    from razem.models import FormField

    page = ensure_contact_page(world.home, None)

    def grow(n):
        for _ in range(n):
            FormField.objects.create(
                page=page,
                sort_order=100 + number(),
                label=f"Pole {number()}",
                field_type="singleline",
                required=False,
            )

    return Scenario(get(lambda: page.url), grow=grow)


@scenario("contact-form-post")
def _contact_post(world):
    from razem.demo import ensure_contact_page

    page = ensure_contact_page(world.home, None)
    grow = _contact(world).grow

    def request(size):
        data = {}
        for field in page.get_form_fields():
            if field.field_type == "email":
                data[field.clean_name] = "pytajacy@example.test"
            elif field.field_type == "checkbox":
                data[field.clean_name] = "on"
            else:
                data[field.clean_name] = f"Pytanie {number()}"
        return Req(page.url, method="post", data=data)

    return Scenario(request, grow=grow)


@scenario("conference-index")
def _conference_index(world):
    def grow(n):
        for _ in range(n):
            world.conference()
            world.past_conference()

    return Scenario(get(lambda: world.conference_index.url), grow=grow)


def _grow_conference_page(world, conference, n):
    world.sessions(conference, n)
    world.workshops(conference, n)
    world.register(conference, n, centre=world.centre)
    world.register(conference, n)
    for _ in range(n):
        ConferenceDocument.objects.create(
            page=conference, document=DocumentFactory(), title=f"Plik {number()}"
        )
        ConferenceGalleryImage.objects.create(
            page=conference, image=ImageFactory(), alt_text="Sala obrad"
        )


@scenario("conference-page-for-a-representative")
def _conference_page_rep(world):
    conference = world.conference()
    return Scenario(
        get(lambda: conference.url, world.rep),
        grow=lambda n: _grow_conference_page(world, conference, n),
    )


@scenario("opinion-page-for-centre-staff")
def _opinion_staff(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def grow(n):
        world.signatures(opinion, n)
        world.comments(opinion, n)

    return Scenario(get(lambda: opinion.url, world.staff_member), grow=grow)


@scenario("opinion-page-for-the-editor")
def _opinion_editor(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def grow(n):
        world.signatures(opinion, n)
        world.comments(opinion, n)
        Comment.objects.filter(opinion=opinion, pk__gt=0).filter(
            pk__in=Comment.objects.filter(opinion=opinion).values("pk")[:1]
        ).update(hidden_at=timezone.now(), hidden_by=world.editor, hidden_reason="Spam")

    return Scenario(get(lambda: opinion.url, world.editor), grow=grow)


@scenario("draft-opinion-page-for-a-representative")
def _draft_opinion(world):
    opinion = world.opinion(state=OpinionState.DRAFT)
    return Scenario(
        get(lambda: opinion.url, world.rep),
        grow=lambda n: world.comments(opinion, n),
    )


@scenario("opinion-index-for-the-editor")
def _opinion_index_editor(world):
    def grow(n):
        for _ in range(n):
            world.signatures(world.opinion(state=OpinionState.OPEN), 2)
            world.opinion()

    return Scenario(get(lambda: world.opinion_index.url, world.editor), grow=grow)


@scenario("discussion-rules")
def _rules(world):
    def grow(n):
        for _ in range(n):
            world.comments(world.opinion(state=OpinionState.OPEN), 1)

    return Scenario(
        get(lambda: world.opinion_index.url + "zasady-dyskusji/"), grow=grow
    )


@scenario("draft-law-list-for-a-representative")
def _draft_laws_rep(world):
    def grow(n):
        for _ in range(n):
            law = DraftLawFactory()
            world.opinion(state=OpinionState.OPEN, draft_law=law)

    return Scenario(
        get(lambda: world.opinion_index.url + "projekty/", world.rep), grow=grow
    )


# page PDFs (/pdf/<id>/): the page's own HTML, printed


@scenario("pdf-of-an-article")
def _pdf_article(world):
    from articles.models import ArticleAttachment, ArticleGalleryImage

    article = ArticlePageFactory(parent=world.news_index, photos=1, attachments=1)

    def grow(n):
        for _ in range(n):
            ArticleGalleryImage.objects.create(
                page=article, image=ImageFactory(), alt_text="Zdjęcie", sort_order=n
            )
            ArticleAttachment.objects.create(
                page=article, document=DocumentFactory(), title="Załącznik"
            )

    return Scenario(get(f"/pdf/{article.pk}/"), grow=grow)


@scenario("pdf-of-an-album")
def _pdf_album(world):
    from articles.models import GalleryPageImage

    album = GalleryPageFactory(parent=world.gallery_index, photos=1)

    def grow(n):
        for _ in range(n):
            GalleryPageImage.objects.create(
                page=album, image=ImageFactory(), alt_text="Zdjęcie", sort_order=n
            )

    return Scenario(get(f"/pdf/{album.pk}/"), grow=grow)


@scenario("pdf-of-a-conference")
def _pdf_conference(world):
    conference = world.conference()
    return Scenario(
        get(f"/pdf/{conference.pk}/"),
        grow=lambda n: _grow_conference_page(world, conference, n),
    )


@scenario("pdf-of-an-opinion")
def _pdf_opinion(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(f"/pdf/{opinion.pk}/"), grow=lambda n: world.signatures(opinion, n)
    )


@scenario("pdf-of-the-opinion-index")
def _pdf_opinion_index(world):
    def grow(n):
        for _ in range(n):
            world.signatures(world.opinion(state=OpinionState.OPEN), 1)

    return Scenario(get(lambda: f"/pdf/{world.opinion_index.pk}/"), grow=grow)


@scenario("opinion-letter-pdf")
def _letter(world):
    opinion = world.opinion(state=OpinionState.SENT)
    opinion.letter_pdf.save("pismo.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return Scenario(
        get(f"/opinie/{opinion.pk}/pismo.pdf"),
        grow=lambda n: world.signatures(opinion, n),
    )


# joining the association


def _gminy(count):
    for _ in range(count):
        MunicipalityFactory(name=f"Szukanowo {number()}")


@scenario("apply-with-a-gmina-search")
def _apply_search(world):
    return Scenario(get("/przystap/?q=szukanowo"), grow=_gminy)


@scenario("apply-with-a-chosen-gmina")
def _apply_chosen(world):
    gmina = MunicipalityFactory(name="Szukanowo Wybrane")
    return Scenario(get(f"/przystap/?q=szukanowo&gmina={gmina.teryt}"), grow=_gminy)


@scenario("gmina-autocomplete-json")
def _gmina_json(world):
    return Scenario(get("/przystap/gminy/?q=szukanowo"), grow=_gminy)


@scenario("apply-post")
def _apply_post(world):
    def request(size):
        gmina = MunicipalityFactory(name=f"Nowa Gmina {number()}")
        return Req(
            "/przystap/",
            method="post",
            data={
                "centre_name": "Gminny Ośrodek Pomocy Społecznej",
                "kind": "GOPS",
                "municipality": gmina.teryt,
                "street": "ul. Szkolna 1",
                "postal_code": "26-811",
                "city": "Wyśmierzyce",
                "centre_email": "gops@example.test",
                "director": "Jan Kowalski",
                "first_name": "Jan",
                "last_name": "Kowalski",
                "email": f"wniosek{number()}@example.test",
                "privacy": "on",
            },
            status=302,
        )

    def grow(n):
        for _ in range(n):
            ApplicationFactory()

    return Scenario(request, grow=grow)


@scenario("apply-done")
def _apply_done(world):
    return Scenario(get("/przystap/wyslano/"), grow=_gminy)


@scenario("invitation-acceptance-form")
def _invitation_form(world):
    _invitation, token = invitation(world.centre, email="nowy@gops.test")

    def grow(n):
        for _ in range(n):
            centre_staff(world.centre)
            invitation(world.centre, email=f"inny{number()}@gops.test")

    return Scenario(get(f"/konto/zaproszenie/{token}/"), grow=grow)


@scenario("invitation-acceptance-post")
def _invitation_post(world):
    def request(size):
        _made, token = invitation(world.centre, email=f"nowy{number()}@gops.test")
        return Req(
            f"/konto/zaproszenie/{token}/",
            method="post",
            data={
                "first_name": "Ola",
                "last_name": "Nowa",
                "password1": "Bardzo-Trudne-Haslo-2026",
                "password2": "Bardzo-Trudne-Haslo-2026",
            },
            status=302,
        )

    return Scenario(request, grow=_invitation_form(world).grow)


# --- "Mój ośrodek" --------------------------------------------------------------------


def _grow_centre(world, n):
    """People, invitations, dues, registrations and signatures of the centre."""
    centre = world.centre
    world.rep  # noqa: B018 - the representative first
    conference = world.conference()
    world.register(conference, n, centre=centre)
    for _ in range(n):
        centre_staff(centre)
        invitation(centre, email=f"zaproszenie{number()}@gops.test")
        DuesFactory(centre=centre, year=1990 + number() % 1000)
        signed = world.opinion(state=OpinionState.OPEN)
        Signature.objects.create(opinion=signed, centre=centre, signed_by=world.rep)
        world.opinion(state=OpinionState.OPEN)  # awaiting the centre's signature


@scenario("my-centre-for-the-representative")
def _my_centre_rep(world):
    return Scenario(
        get("/moj-osrodek/", world.rep), grow=lambda n: _grow_centre(world, n)
    )


@scenario("my-centre-for-a-staff-member")
def _my_centre_staff(world):
    return Scenario(
        get("/moj-osrodek/", world.staff_member),
        grow=lambda n: _grow_centre(world, n),
    )


@scenario("my-centre-without-a-centre")
def _my_centre_nobody(world):
    user = UserFactory()
    return Scenario(get("/moj-osrodek/", user), grow=lambda n: _grow_centre(world, n))


@scenario("edit-centre-contacts")
def _edit_contacts(world):
    return Scenario(
        get("/moj-osrodek/dane/", world.rep), grow=lambda n: _grow_centre(world, n)
    )


@scenario("edit-centre-contacts-post")
def _edit_contacts_post(world):
    def request(size):
        return Req(
            "/moj-osrodek/dane/",
            world.rep,
            method="post",
            data={
                "street": f"ul. Lipowa {number()}",
                "postal_code": "21-010",
                "city": "Łęczna",
                "phone": "81 752 10 00",
                "email": "gops@leczna.test",
                "website": "",
                "director": "Anna Nowak",
                "nip": "",
                "invoice_name": "",
            },
            status=302,
        )

    return Scenario(request, grow=lambda n: _grow_centre(world, n))


@scenario("invite-form")
def _invite(world):
    return Scenario(
        get("/moj-osrodek/osoby/zapros/", world.rep),
        grow=lambda n: _grow_centre(world, n),
    )


@scenario("invite-post")
def _invite_post(world):
    def request(size):
        return Req(
            "/moj-osrodek/osoby/zapros/",
            world.rep,
            method="post",
            data={
                "email": f"nowa{number()}@gops.test",
                "first_name": "Ola",
                "last_name": "Nowa",
            },
            status=302,
        )

    return Scenario(request, grow=lambda n: _grow_centre(world, n))


def _person_page(world, action):
    person = Membership.objects.get(user=world.staff_member)
    return Scenario(
        get(f"/moj-osrodek/osoby/{person.pk}/{action}/", world.rep),
        grow=lambda n: _grow_centre(world, n),
    )


@scenario("remove-person-confirmation")
def _remove_person(world):
    return _person_page(world, "usun")


@scenario("hand-over-confirmation")
def _hand_over(world):
    return _person_page(world, "przekaz-funkcje")


@scenario("remove-person-post")
def _remove_person_post(world):
    def request(size):
        person = Membership.objects.get(user=centre_staff(world.centre))
        return Req(
            f"/moj-osrodek/osoby/{person.pk}/usun/", world.rep, "post", status=302
        )

    return Scenario(request, grow=lambda n: _grow_centre(world, n))


@scenario("hand-over-post")
def _hand_over_post(world):
    def request(size):
        current = Membership.objects.get(
            centre=world.centre, role=Role.REPRESENTATIVE
        ).user
        person = Membership.objects.get(user=centre_staff(world.centre))
        return Req(
            f"/moj-osrodek/osoby/{person.pk}/przekaz-funkcje/",
            current,
            "post",
            status=302,
        )

    return Scenario(request, grow=lambda n: _grow_centre(world, n))


@scenario("cancel-invitation-post")
def _cancel_invitation(world):
    def request(size):
        made, _token = invitation(world.centre, email=f"wycofane{number()}@gops.test")
        return Req(
            f"/moj-osrodek/zaproszenia/{made.pk}/wycofaj/",
            world.rep,
            "post",
            status=302,
        )

    return Scenario(request, grow=lambda n: _grow_centre(world, n))


@scenario("my-data-json")
def _my_data(world):
    def grow(n):
        _grow_centre(world, n)
        for _ in range(n):
            ApplicationFactory(email=world.rep.email)
            # used ones: an address holds one pending invitation at most
            invitation(CentreFactory(), email=world.rep.email, used_at=timezone.now())

    return Scenario(get("/moj-osrodek/moje-dane/", world.rep), grow=grow)


@scenario("delete-account-form")
def _delete_account(world):
    return Scenario(
        get("/moj-osrodek/usun-konto/", world.staff_member),
        grow=lambda n: _grow_centre(world, n),
    )


@scenario("delete-account-post")
def _delete_account_post(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def request(size):
        person = centre_staff(world.centre)
        for _ in range(size):
            CommentFactory(opinion=opinion, author=person, centre=world.centre)
        return Req(
            "/moj-osrodek/usun-konto/",
            person,
            "post",
            data={"password": "test-Password-2026", "confirm": "on"},
            status=302,
        )

    return Scenario(request, grow=lambda n: _grow_centre(world, n))


# conferences, the centre's side


@scenario("conference-registration-form")
def _register_form(world):
    conference = world.conference()

    def grow(n):
        world.workshops(conference, n)
        world.register(conference, n, centre=world.centre)

    return Scenario(
        get(f"/moj-osrodek/konferencje/{conference.pk}/zapisz/", world.rep),
        grow=grow,
    )


@scenario("conference-registration-post")
def _register_post(world):
    conference = world.conference()
    chosen = world.workshops(conference, 1)[0]

    def request(size):
        n = number()
        return Req(
            f"/moj-osrodek/konferencje/{conference.pk}/zapisz/",
            world.rep,
            "post",
            data={
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "0",
                "form-MIN_NUM_FORMS": "1",
                "form-MAX_NUM_FORMS": "30",
                "form-0-first_name": "Grażyna",
                "form-0-last_name": f"Żółkiewska {n}",
                "form-0-email": f"grazyna{n}@example.test",
                "form-0-position": "specjalista pracy socjalnej",
                "form-0-accommodation_nights": "0",
                "form-0-workshops": [str(chosen.pk)],
            },
            status=302,
        )

    def grow(n):
        world.workshops(conference, n)
        world.register(conference, n, centre=world.centre, workshops=[chosen])

    return Scenario(request, grow=grow)


@scenario("conference-registration-add-row")
def _register_add_row(world):
    conference = world.conference()

    def grow(n):
        world.workshops(conference, n)
        world.register(conference, n, centre=world.centre)

    return Scenario(
        lambda size: Req(
            f"/moj-osrodek/konferencje/{conference.pk}/zapisz/",
            world.rep,
            "post",
            data={
                "add_participant": "1",
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "0",
                "form-MIN_NUM_FORMS": "1",
                "form-MAX_NUM_FORMS": "30",
                "form-0-first_name": "Grażyna",
            },
        ),
        grow=grow,
    )


@scenario("conference-cancel-confirmation")
def _cancel_form(world):
    conference = world.conference()
    (mine,) = world.register(conference, 1, centre=world.centre)

    def grow(n):
        world.workshops(conference, n)
        world.register(conference, n, centre=world.centre)

    return Scenario(
        get(f"/moj-osrodek/konferencje/zgloszenia/{mine.pk}/anuluj/", world.rep),
        grow=grow,
    )


def _cancel_scenario(world, url, user, centre=None, data=None):
    """Cancel the participant holding the only place: the next one moves up.

    Each request first adds a participant to the waiting list, so that both sizes
    cancel one place and promote one person (to the workshop too).
    """
    conference = world.conference(capacity=1)
    workshop = world.workshops(conference, 1, capacity=1)[0]

    def add(n):
        world.register(conference, n, centre=centre, workshops=[workshop])

    def request(size):
        add(1)
        holder = Registration.objects.get(
            conference=conference, status=RegistrationStatus.CONFIRMED
        )
        return Req(url.format(pk=holder.pk), user, "post", data=data, status=302)

    return Scenario(request, grow=add)


@scenario("conference-cancel-post")
def _cancel_post(world):
    return _cancel_scenario(
        world,
        "/moj-osrodek/konferencje/zgloszenia/{pk}/anuluj/",
        world.rep,
        centre=world.centre,
    )


@scenario("attendance-certificate-pdf")
def _certificate(world):
    conference = world.past_conference()
    workshop = world.workshops(conference, 1)[0]
    (mine,) = world.register(conference, 1, centre=world.centre, workshops=[workshop])
    world.check_in_all(conference)

    def grow(n):
        world.sessions(conference, n)
        world.register(conference, n, centre=world.centre, workshops=[workshop])

    return Scenario(
        get(f"/moj-osrodek/konferencje/zgloszenia/{mine.pk}/zaswiadczenie/", world.rep),
        grow=grow,
    )


# consultations, the centre's side


@scenario("co-sign-post")
def _sign(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def request(size):
        return Req(
            f"/opinie/{opinion.pk}/podpis/",
            world.rep_of(CentreFactory()),
            "post",
            data={"version": opinion.state_version},
            status=302,
        )

    def grow(n):
        world.signatures(opinion, n)
        world.comments(opinion, n)

    return Scenario(request, grow=grow)


@scenario("withdraw-signature-post")
def _withdraw(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def request(size):
        signer = world.rep_of(CentreFactory())
        signature = Signature.objects.create(
            opinion=opinion, centre=signer.membership.centre, signed_by=signer
        )
        return Req(
            f"/opinie/{opinion.pk}/wycofanie/",
            signer,
            "post",
            data={"version": opinion.state_version, "signature": signature.pk},
            status=302,
        )

    def grow(n):
        world.signatures(opinion, n)

    return Scenario(request, grow=grow)


@scenario("comment-post")
def _comment(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def request(size):
        return Req(
            f"/opinie/{opinion.pk}/komentarze/",
            world.staff_member,
            "post",
            data={"body": f"Uwaga nr {number()} do § 2."},
            status=302,
        )

    def grow(n):
        world.signatures(opinion, n)
        world.comments(opinion, n)

    return Scenario(request, grow=grow)


@scenario("comment-post-with-an-error")
def _comment_error(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def grow(n):
        world.signatures(opinion, n)
        world.comments(opinion, n)

    return Scenario(
        lambda size: Req(
            f"/opinie/{opinion.pk}/komentarze/",
            world.staff_member,
            "post",
            data={"body": ""},
        ),
        grow=grow,
    )


# --- conference staff pages beside the admin ------------------------------------------


def _pending_and_waiting(world, conference, n):
    """n non-member participants awaiting approval, n on the waiting list."""
    world.register(conference, n, centre=CentreFactory(status=CentreStatus.APPLICANT))
    world.register(conference, n)


@scenario("staff-conference-overview")
def _overview(world):
    def grow(n):
        for _ in range(n):
            world.register(world.conference(), 1)
            world.past_conference()

    return Scenario(get("/admin/konferencje", world.editor), grow=grow)


@scenario("staff-conference-detail")
def _detail(world):
    conference = world.conference(capacity=4, allow_non_members=True)

    def grow(n):
        world.workshops(conference, n)
        _pending_and_waiting(world, conference, n)

    return Scenario(get(f"/admin/konferencje/{conference.pk}", world.editor), grow=grow)


def _full_conference(world, past=False):
    """A conference with workshops whose participants the export lists."""
    conference = world.past_conference() if past else world.conference()
    workshops = world.workshops(conference, 2)

    def grow(n):
        world.register(
            conference,
            n,
            workshops=workshops,
            remarks="Faktura; „cudzysłów”",
            special_needs="dieta",
            special_needs_consent=True,
        )
        world.check_in_all(conference)

    return conference, grow


@scenario("staff-export-csv")
def _export_csv(world):
    conference, grow = _full_conference(world)
    return Scenario(
        get(f"/admin/konferencje/{conference.pk}/eksport.csv", world.editor),
        grow=grow,
    )


@scenario("staff-export-xlsx")
def _export_xlsx(world):
    conference, grow = _full_conference(world)
    return Scenario(
        get(f"/admin/konferencje/{conference.pk}/eksport.xlsx", world.editor),
        grow=grow,
    )


@scenario("staff-badges-pdf")
def _badges(world):
    conference, grow = _full_conference(world)
    return Scenario(
        get(f"/admin/konferencje/{conference.pk}/identyfikatory.pdf", world.editor),
        grow=grow,
    )


@scenario("staff-certificates-pdf")
def _certificates(world):
    conference, grow = _full_conference(world, past=True)

    def grow_more(n):
        grow(n)
        world.sessions(conference, n)

    return Scenario(
        get(f"/admin/konferencje/{conference.pk}/zaswiadczenia.pdf", world.editor),
        grow=grow_more,
    )


@scenario("staff-check-in-page")
def _check_in(world):
    conference, grow = _full_conference(world)
    return Scenario(
        get(f"/admin/konferencje/{conference.pk}/wejscie", world.editor), grow=grow
    )


@scenario("staff-check-in-search")
def _check_in_search(world):
    conference, grow = _full_conference(world)
    return Scenario(
        get(
            f"/admin/konferencje/{conference.pk}/wejscie?q=Zażółć+Gęślą",
            world.editor,
        ),
        grow=grow,
    )


def _staff_action(world, action, conference, make_target, grow, data=None):
    def request(size):
        target = make_target()
        return Req(
            f"/admin/konferencje/zgloszenia/{target.pk}/{action}",
            world.editor,
            "post",
            data=data,
            status=302,
        )

    return Scenario(request, grow=grow)


@scenario("staff-check-in-post")
def _check_in_post(world):
    conference, grow = _full_conference(world)
    return _staff_action(
        world,
        "obecnosc",
        conference,
        lambda: world.register(conference, 1)[0],
        grow,
        data={"present": "1", "next": f"/admin/konferencje/{conference.pk}/wejscie"},
    )


@scenario("staff-approve-post")
def _approve_post(world):
    conference = world.conference(allow_non_members=True)
    outsider = CentreFactory(status=CentreStatus.APPLICANT)
    return _staff_action(
        world,
        "zatwierdz",
        conference,
        lambda: world.register(conference, 1, centre=outsider)[0],
        lambda n: _pending_and_waiting(world, conference, n),
    )


@scenario("staff-cancel-post")
def _staff_cancel_post(world):
    return _cancel_scenario(
        world,
        "/admin/konferencje/zgloszenia/{pk}/anuluj",
        world.editor,
        data={"reason": "Rezygnacja ośrodka"},  # staff cancel needs a reason
    )


# --- the project's admin views --------------------------------------------------------


@scenario("admin-dashboard-with-occupancy")
def _dashboard(world):
    def grow(n):
        for _ in range(n):
            world.register(world.conference(), 1)

    return Scenario(get("/admin/", world.editor), grow=grow)


def _registrations(world, n):
    """n participants, each of another centre, with n workshops to filter by."""
    conference = world.conference()
    workshops = world.workshops(conference, n)
    for workshop in workshops:
        world.register(conference, 1, workshops=[workshop])


@scenario("admin-registration-inspect")
def _registration_inspect(world):
    conference = world.conference()
    workshops = world.workshops(conference, 1)
    (mine,) = world.register(conference, 1, workshops=workshops)

    def grow(n):
        world.workshops(conference, n)
        _registrations(world, n)

    return Scenario(
        get(f"/admin/registrations/inspect/{mine.pk}/", world.editor), grow=grow
    )


@scenario("admin-registration-edit")
def _registration_edit(world):
    conference = world.conference()
    (mine,) = world.register(conference, 1)
    return Scenario(
        get(f"/admin/registrations/edit/{mine.pk}/", world.editor),
        grow=lambda n: _registrations(world, n),
    )


@scenario("admin-registration-export-csv")
def _registration_export(world):
    return Scenario(
        get("/admin/registrations/?export=csv", world.editor),
        grow=lambda n: _registrations(world, n),
    )


@scenario("admin-registration-list-filtered")
def _registration_filtered(world):
    return Scenario(
        get(
            "/admin/registrations/?status=confirmed&voivodeship=mazowieckie",
            world.editor,
        ),
        grow=lambda n: _registrations(world, n),
    )


@scenario("admin-speakers")
def _speakers(world):
    def grow(n):
        for _ in range(n):
            SpeakerFactory(photo=ImageFactory())

    return Scenario(get("/admin/snippets/conferences/speaker/", world.editor), grow)


@scenario("admin-news-categories")
def _categories(world):
    def grow(n):
        for _ in range(n):
            CategoryFactory(name=f"Kategoria {number()}")

    return Scenario(get("/admin/snippets/articles/category/", world.editor), grow)


@scenario("admin-draft-laws")
def _draft_law_admin(world):
    def grow(n):
        for _ in range(n):
            world.opinion(draft_law=DraftLawFactory())

    return Scenario(get("/admin/snippets/consultations/draftlaw/", world.editor), grow)


# consultations: the opinion console


def _grow_opinion(world, opinion, n):
    world.signatures(opinion, n)
    world.comments(opinion, n)
    Signature.objects.filter(
        pk__in=list(
            Signature.objects.filter(opinion=opinion)
            .order_by("-pk")
            .values_list("pk", flat=True)[:1]
        )
    ).update(withdrawn_at=timezone.now(), withdrawn_by=world.rep)
    Comment.objects.filter(
        pk__in=list(
            Comment.objects.filter(opinion=opinion)
            .order_by("-pk")
            .values_list("pk", flat=True)[:1]
        )
    ).update(hidden_at=timezone.now(), hidden_by=world.editor, hidden_reason="Spam")
    for _ in range(n):
        OpinionEvent.objects.create(
            opinion=opinion,
            from_state=OpinionState.DRAFT,
            to_state=OpinionState.OPEN,
            user=world.editor,
        )


@scenario("admin-opinion-list")
def _opinion_list(world):
    def grow(n):
        for _ in range(n):
            world.signatures(world.opinion(state=OpinionState.OPEN), 1)
            world.opinion()

    return Scenario(get("/admin/opinie/", world.editor), grow=grow)


@scenario("admin-opinion-console")
def _console(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(f"/admin/opinie/{opinion.pk}/", world.editor),
        grow=lambda n: _grow_opinion(world, opinion, n),
    )


@scenario("admin-opinion-transition-confirmation")
def _transition_form(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(f"/admin/opinie/{opinion.pk}/close/", world.editor),
        grow=lambda n: _grow_opinion(world, opinion, n),
    )


@scenario("admin-opinion-close-post")
def _close_post(world):
    def request(size):
        opinion = world.opinion(state=OpinionState.OPEN)
        _grow_opinion(world, opinion, size)
        return Req(
            f"/admin/opinie/{opinion.pk}/close/", world.editor, "post", status=302
        )

    return Scenario(request)


@scenario("admin-opinion-send-post")
def _send_post(world):
    def request(size):
        opinion = world.opinion(state=OpinionState.CLOSED)
        _grow_opinion(world, opinion, size)
        opinion.letter_pdf.save("pismo.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
        return Req(
            f"/admin/opinie/{opinion.pk}/send/",
            world.editor,
            "post",
            data={"sent_on": timezone.localdate().isoformat(), "sent_via": "epuap"},
            status=302,
        )

    return Scenario(request)


@scenario("admin-signatories-csv")
def _signatories_csv(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(f"/admin/opinie/{opinion.pk}/podpisy.csv", world.editor),
        grow=lambda n: _grow_opinion(world, opinion, n),
    )


@scenario("admin-signatories-xlsx")
def _signatories_xlsx(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(f"/admin/opinie/{opinion.pk}/podpisy.xlsx", world.editor),
        grow=lambda n: _grow_opinion(world, opinion, n),
    )


@scenario("admin-hide-comment-form")
def _hide_form(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    comment = CommentFactory(opinion=opinion, centre=world.centre)
    return Scenario(
        get(f"/admin/opinie/komentarze/{comment.pk}/ukryj/", world.editor),
        grow=lambda n: _grow_opinion(world, opinion, n),
    )


@scenario("admin-hide-comment-post")
def _hide_post(world):
    opinion = world.opinion(state=OpinionState.OPEN)

    def request(size):
        comment = CommentFactory(opinion=opinion, centre=world.centre)
        return Req(
            f"/admin/opinie/komentarze/{comment.pk}/ukryj/",
            world.editor,
            "post",
            data={"reason": "Poza tematem."},
            status=302,
        )

    return Scenario(request, grow=lambda n: _grow_opinion(world, opinion, n))


@scenario("admin-page-explorer-of-opinions")
def _explorer(world):
    def grow(n):
        for _ in range(n):
            world.opinion(state=OpinionState.OPEN)
            world.opinion()

    return Scenario(
        get(lambda: f"/admin/pages/{world.opinion_index.pk}/", world.editor), grow
    )


@scenario("admin-opinion-page-edit")
def _opinion_edit(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(f"/admin/pages/{opinion.pk}/edit/", world.editor),
        grow=lambda n: _grow_opinion(world, opinion, n),
    )


# members: centres, applications, gminy, invitations


def _centres(world, n):
    for _ in range(n):
        centre = CentreFactory()
        DuesFactory(centre=centre, year=timezone.localdate().year)
        world.rep_of(centre)


@scenario("admin-centres")
def _centre_list(world):
    return Scenario(
        get("/admin/members/centre/", world.admin), grow=lambda n: _centres(world, n)
    )


@scenario("admin-centres-filtered")
def _centre_filtered(world):
    return Scenario(
        get(
            "/admin/members/centre/?dues_unpaid=true&municipality__voivodeship="
            "mazowieckie&status=member",
            world.admin,
        ),
        grow=lambda n: _centres(world, n),
    )


@scenario("admin-centres-export-csv")
def _centre_csv(world):
    return Scenario(
        get("/admin/members/centre/?export=csv", world.admin),
        grow=lambda n: _centres(world, n),
    )


@scenario("admin-centres-export-xlsx")
def _centre_xlsx(world):
    return Scenario(
        get("/admin/members/centre/?export=xlsx", world.admin),
        grow=lambda n: _centres(world, n),
    )


@scenario("admin-centre-edit-with-dues")
def _centre_edit(world):
    centre = world.centre

    def grow(n):
        for _ in range(n):
            DuesFactory(centre=centre, year=1990 + number() % 1000)
            centre_staff(centre)

    return Scenario(get(f"/admin/members/centre/edit/{centre.pk}/", world.admin), grow)


def _applications(n):
    decided_by = UserFactory(is_staff=True)
    for _ in range(n):
        ApplicationFactory()
        ApplicationFactory(status="rejected", decided_by=decided_by)
        ApplicationFactory(
            status="accepted", decided_by=decided_by, centre=CentreFactory()
        )


@scenario("admin-applications")
def _application_list(world):
    return Scenario(get("/admin/members/application/", world.admin), _applications)


@scenario("admin-applications-export-csv")
def _application_csv(world):
    return Scenario(
        get("/admin/members/application/?export=csv", world.admin), _applications
    )


@scenario("admin-application-inspect")
def _application_inspect(world):
    application = ApplicationFactory()
    return Scenario(
        get(f"/admin/members/application/inspect/{application.pk}/", world.admin),
        _applications,
    )


@scenario("admin-application-accept-form")
def _accept_form(world):
    application = ApplicationFactory()
    return Scenario(
        get(f"/admin/members/application/accept/{application.pk}/", world.admin),
        _applications,
    )


@scenario("admin-application-reject-form")
def _reject_form(world):
    application = ApplicationFactory()
    return Scenario(
        get(f"/admin/members/application/reject/{application.pk}/", world.admin),
        _applications,
    )


@scenario("admin-application-accept-post")
def _accept_post(world):
    def request(size):
        application = ApplicationFactory()
        return Req(
            f"/admin/members/application/accept/{application.pk}/",
            world.admin,
            "post",
            data={"exception_reason": ""},
            status=302,
        )

    return Scenario(request, _applications)


@scenario("admin-application-reject-post")
def _reject_post(world):
    def request(size):
        application = ApplicationFactory()
        return Req(
            f"/admin/members/application/reject/{application.pk}/",
            world.admin,
            "post",
            data={"reason": "Gmina powyżej limitu."},
            status=302,
        )

    return Scenario(request, _applications)


@scenario("admin-municipalities")
def _municipalities(world):
    return Scenario(
        get("/admin/members/municipality/?voivodeship=mazowieckie", world.admin),
        _gminy,
    )


@scenario("admin-invitations")
def _invitations(world):
    def grow(n):
        for _ in range(n):
            invitation(CentreFactory(), email=f"zaproszony{number()}@example.test")

    return Scenario(get("/admin/members/invitation/", world.admin), grow)


# --- views measured elsewhere with a warm cache, measured here with a cold one ---------


def _photo_articles(world, count):
    category = CategoryFactory(name="Konferencje")
    for n in range(count):
        ArticlePageFactory(
            parent=world.news_index,
            categories=[category],
            tags=[f"tag-{number()}"],
            photos=1,
            feed_image=ImageFactory() if n % 2 else None,
        )


@scenario("home-page-with-every-panel")
def _home(world):
    def grow(n):
        _photo_articles(world, n)
        for _ in range(n):
            world.register(world.conference(), 1)
            world.signatures(world.opinion(state=OpinionState.OPEN), 1)

    return Scenario(get("/"), grow=grow)


@scenario("news-index")
def _news_index(world):
    return Scenario(
        get(lambda: world.news_index.url), grow=lambda n: _photo_articles(world, n)
    )


@scenario("article-page")
def _article(world):
    from articles.models import ArticleAttachment, ArticleGalleryImage

    article = ArticlePageFactory(parent=world.news_index, photos=1, tags=["a"])

    def grow(n):
        _photo_articles(world, n)
        for _ in range(n):
            ArticleGalleryImage.objects.create(
                page=article, image=ImageFactory(), alt_text="Zdjęcie", sort_order=n
            )
            ArticleAttachment.objects.create(
                page=article, document=DocumentFactory(), title="Załącznik"
            )

    return Scenario(get(lambda: article.url), grow=grow)


@scenario("gallery-index")
def _gallery_index(world):
    def grow(n):
        for _ in range(n):
            GalleryPageFactory(parent=world.gallery_index, photos=2)

    return Scenario(get(lambda: world.gallery_index.url), grow=grow)


@scenario("album-page")
def _album(world):
    from articles.models import GalleryPageImage

    album = GalleryPageFactory(parent=world.gallery_index, photos=1)

    def grow(n):
        for _ in range(n):
            GalleryPageImage.objects.create(
                page=album, image=ImageFactory(), alt_text="Zdjęcie", sort_order=n
            )

    return Scenario(get(lambda: album.url), grow=grow)


@scenario("conference-page-anonymous")
def _conference_page(world):
    conference = world.conference()
    return Scenario(
        get(lambda: conference.url),
        grow=lambda n: _grow_conference_page(world, conference, n),
    )


@scenario("opinion-page-anonymous")
def _opinion_anonymous(world):
    opinion = world.opinion(state=OpinionState.OPEN)
    return Scenario(
        get(lambda: opinion.url), grow=lambda n: world.signatures(opinion, n)
    )


@scenario("member-directory")
def _directory(world):
    return Scenario(get("/czlonkowie/"), grow=lambda n: _centres(world, n))


@scenario("search")
def _search(world):
    def grow(n):
        for _ in range(n):
            publish_standard_page(world.home, f"Sołectwo {number()}", text="Sołectwo.")

    return Scenario(get("/szukaj/?q=sołectwo"), grow=grow)


@scenario("centre-conference-registrations")
def _centre_registrations(world):
    def grow(n):
        conference = world.conference()
        world.register(
            conference,
            n,
            centre=world.centre,
            workshops=world.workshops(conference, 2),
        )

    return Scenario(get("/moj-osrodek/konferencje/", world.rep), grow=grow)


@scenario("admin-registrations")
def _registration_list(world):
    return Scenario(
        get("/admin/registrations/", world.editor),
        grow=lambda n: _registrations(world, n),
    )


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_query_count_does_not_grow_with_the_data(client, world, name):
    built = SCENARIOS[name](world)
    built.grow(SMALL)
    few, small_length = measure(client, built, SMALL)
    built.grow(LARGE - SMALL)
    many, large_length = measure(client, built, LARGE)
    print(  # noqa: T201 - a report with `-s`
        f"\nQUERIES {name}: {len(few)} with {SMALL}, {len(many)} with {LARGE} "
        f"(response {small_length} -> {large_length} bytes)"
    )
    assert len(few) == len(many), explain(few, many)
