"""A small world for the security tests: one page of every type, two centres, roles.

Roles follow the issue's access matrix: anonymous, a staff member of centre A, the
representatives of A and B, an editor (admin access, not superuser) and the superuser.
Editor and superuser have TOTP activated, so the MFA gate lets them into the admin.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from consultations.choices import OpinionState
from members.choices import CentreStatus
from tests.factories.members import (
    ApplicationFactory,
    CentreFactory,
    MunicipalityFactory,
    UserFactory,
    centre_staff,
    invitation,
    representative,
)


def activate_totp(user) -> None:
    """Give the account a TOTP authenticator (its secret is never used in tests)."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": "not-used-in-tests"}},
    )


@dataclass
class Pages:
    """One live page of every public page type."""

    home: object
    standard: object
    contact: object
    news_index: object
    article: object
    gallery_index: object
    gallery: object
    conference_index: object
    conference: object
    opinion_index: object
    opinion: object
    draft_opinion: object

    def public_urls(self) -> dict[str, str]:
        """Page type name -> URL of every public page (and the app pages)."""
        urls = {
            name: getattr(self, name).url
            for name in (
                "home",
                "standard",
                "contact",
                "news_index",
                "article",
                "gallery_index",
                "gallery",
                "conference_index",
                "conference",
                "opinion_index",
                "opinion",
            )
        }
        urls.update(
            {
                "directory": "/czlonkowie/",
                "apply": "/przystap/",
                "search": "/szukaj/?q=konferencja",
                "login": "/konto/login/",
                "not_found": "/nie-ma-takiej-strony/",
                "feed": "/aktualnosci/rss/",
            }
        )
        return urls


@pytest.fixture
def pages(home_page):
    """A published page of every type under the home page."""
    from razem.demo import ensure_contact_page
    from tests.factories.articles import (
        ArticlePageFactory,
        GalleryIndexPageFactory,
        GalleryPageFactory,
        NewsIndexPageFactory,
    )
    from tests.factories.conferences import conference_index, make_conference
    from tests.factories.consultations import opinion_index, opinion_page
    from tests.factories.razem import publish_standard_page

    news = NewsIndexPageFactory(parent=home_page)
    galleries = GalleryIndexPageFactory(parent=home_page)
    conferences = conference_index(home_page)
    opinions = opinion_index(home_page)
    return Pages(
        home=home_page,
        standard=publish_standard_page(home_page, "O stowarzyszeniu", text="Razem."),
        contact=ensure_contact_page(home_page, None),
        news_index=news,
        article=ArticlePageFactory(parent=news, photos=1, attachments=1),
        gallery_index=galleries,
        gallery=GalleryPageFactory(parent=galleries, photos=1),
        conference_index=conferences,
        conference=make_conference(index=conferences, capacity=20),
        opinion_index=opinions,
        opinion=opinion_page(
            opinions,
            state=OpinionState.OPEN,
            deadline=timezone.now() + datetime.timedelta(days=10),
        ),
        draft_opinion=opinion_page(opinions, state=OpinionState.DRAFT),
    )


@dataclass
class People:
    """The accounts of the access matrix, keyed by role."""

    centre_a: object
    centre_b: object
    staff_a: object
    rep_a: object
    rep_b: object
    staff_b: object
    editor: object
    admin: object

    def by_role(self) -> dict[str, object | None]:
        """Role name -> user (None for the anonymous visitor)."""
        return {
            "anonymous": None,
            "staff_a": self.staff_a,
            "rep_a": self.rep_a,
            "rep_b": self.rep_b,
            "editor": self.editor,
            "admin": self.admin,
        }


@pytest.fixture
def people(db):
    """Two member centres with their people, an editor and a superuser."""
    centre_a = CentreFactory(
        name="Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        municipality=MunicipalityFactory(teryt="1401063", name="Wyśmierzyce"),
    )
    centre_b = CentreFactory(
        name="Centrum Usług Społecznych w Starachowicach",
        municipality=MunicipalityFactory(
            teryt="2611011", name="Starachowice", voivodeship="świętokrzyskie"
        ),
    )
    editor = UserFactory(email="redakcja@razem.test", is_staff=True)
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editor.groups.add(editors)
    admin = UserFactory(email="admin@razem.test", is_staff=True, is_superuser=True)
    activate_totp(editor)
    activate_totp(admin)
    return People(
        centre_a=centre_a,
        centre_b=centre_b,
        staff_a=centre_staff(centre_a, email="pracownik@a.test"),
        rep_a=representative(centre_a, email="kierownik@a.test"),
        rep_b=representative(centre_b, email="kierownik@b.test"),
        staff_b=centre_staff(centre_b, email="pracownik@b.test"),
        editor=editor,
        admin=admin,
    )


@pytest.fixture
def applicant_centre(db):
    """A centre that applied and is not a member yet."""
    return CentreFactory(status=CentreStatus.APPLICANT)


@pytest.fixture
def pending_application(db):
    """A pending membership application."""
    return ApplicationFactory()


@pytest.fixture
def invitation_of_b(people):
    """An unused invitation of centre B: (invitation, raw token)."""
    return invitation(people.centre_b, email="nowy@b.test")
