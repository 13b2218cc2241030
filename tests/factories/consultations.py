"""Factories for draft laws, opinion pages, signatures and comments."""

import datetime

import factory
from django.utils import timezone

from consultations.choices import OpinionState
from consultations.models import (
    Comment,
    DraftLaw,
    OpinionIndexPage,
    OpinionPage,
    Signature,
)

from .members import CentreFactory, UserFactory


class DraftLawFactory(factory.django.DjangoModelFactory):
    """A draft law in public consultation, deadline in three weeks."""

    class Meta:
        model = DraftLaw

    title = factory.Sequence(
        lambda n: f"Projekt ustawy o zmianie ustawy o pomocy społecznej ({n})"
    )
    ministry = "Ministerstwo Rodziny, Pracy i Polityki Społecznej"
    number = factory.Sequence(lambda n: f"UD{100 + n}")
    url = "https://legislacja.gov.pl/projekt/12345"
    consultation_deadline = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=21)
    )


def opinion_index(home_page) -> OpinionIndexPage:
    """The opinion index at /opinie/ under the home page (created once)."""
    index = OpinionIndexPage.objects.first()
    if index is None:
        index = home_page.add_child(
            instance=OpinionIndexPage(title="Opinie i stanowiska", slug="opinie")
        )
        index.save_revision().publish()
    return index


_counter = iter(range(1, 10**6))


def opinion_page(
    index,
    *,
    state=OpinionState.DRAFT,
    deadline: datetime.datetime | None = None,
    live: bool = True,
    **fields,
) -> OpinionPage:
    """An opinion page under the index, published, in the given state.

    The state is set directly (test set-up); tests of the transitions call services.
    """
    number = next(_counter)
    defaults = {
        "title": f"Stanowisko w sprawie dodatku motywacyjnego nr {number}",
        "slug": f"stanowisko-{number}",
        "addressee": "Minister Rodziny, Pracy i Polityki Społecznej",
        "subject": "Rozszerzenie programu „Dofinansowanie wynagrodzeń” na lata 2024-2027",
        "body": "<p>Zwracamy się z prośbą o rozszerzenie programu na wszystkich pracowników ośrodków.</p>",
        "signing_deadline": deadline
        if deadline is not None
        else timezone.now() + datetime.timedelta(days=14),
    }
    defaults.update(fields)
    # The editor refuses a deadline in the past; tests of late signing set it after.
    deadline = defaults["signing_deadline"]
    past = deadline is not None and deadline <= timezone.now()
    if past:
        defaults["signing_deadline"] = None
    page = index.add_child(instance=OpinionPage(**defaults))
    if past:
        OpinionPage.objects.filter(pk=page.pk).update(signing_deadline=deadline)
        page.signing_deadline = deadline
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save(update_fields=["live"], clean=False)
    if state != OpinionState.DRAFT:
        OpinionPage.objects.filter(pk=page.pk).update(state=state)
        page.refresh_from_db()
    return page


class SignatureFactory(factory.django.DjangoModelFactory):
    """An active co-signature of a member centre."""

    class Meta:
        model = Signature

    centre = factory.SubFactory(CentreFactory)
    signed_by = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    """A visible comment."""

    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    body = "<p>Popieramy, ale prosimy o doprecyzowanie § 2.</p>"
