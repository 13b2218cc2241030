"""The large-association generator at a tiny scale: scaled counts and the refusal."""

import pytest
from django.core.management import CommandError, call_command

from razem.management.commands.generate_large_association import (
    EMAIL_DOMAIN,
    scaled_counts,
)


@pytest.mark.django_db
def test_generates_scaled_counts_and_refuses_a_second_run():
    from articles.models import ArticlePage
    from conferences.models import ConferencePage, Registration
    from consultations.models import OpinionPage, Signature
    from members.models import Centre, Membership, User
    from razem.models import SearchEntry

    counts = scaled_counts(0.002)
    assert counts == {
        "centres": 5,
        "people": 10,
        "articles": 6,
        "conferences": 1,
        "registrations": 1,
        "opinions": 1,
        "signatures": 1,
    }
    centres_before = Centre.objects.count()
    call_command("generate_large_association", "--scale", "0.002", stdout=None)

    assert Centre.objects.count() - centres_before == 5
    assert User.objects.filter(email__endswith=EMAIL_DOMAIN).count() == 10
    assert Membership.objects.filter(user__email__endswith=EMAIL_DOMAIN).count() == 10
    articles = ArticlePage.objects.live().filter(slug__startswith="artykul-")
    assert articles.count() == 6
    conference = ConferencePage.objects.get(slug="konferencja-duza-0")
    assert Registration.objects.filter(conference=conference).count() == 1
    opinion = OpinionPage.objects.get(slug="stanowisko-duze-0")
    assert Signature.objects.filter(opinion=opinion).count() == 1
    assert SearchEntry.objects.filter(page__in=articles).count() == 6

    with pytest.raises(CommandError, match="already holds a generated"):
        call_command("generate_large_association", "--scale", "0.002")
    assert User.objects.filter(email__endswith=EMAIL_DOMAIN).count() == 10


@pytest.mark.django_db
def test_generated_member_centres_are_in_eligible_gminy_only(settings):
    """A member centre over the population limit needs a written reason; the
    generator therefore takes only gminy within the limit."""
    from members.models import Centre
    from tests.factories.members import MunicipalityFactory

    settings.RAZEM_MAX_POPULATION = 50_000
    MunicipalityFactory(teryt="0000001", name="Duże Miasto", population=80_000)
    MunicipalityFactory(teryt="0000002", name="Mała Gmina", population=5_000)
    call_command("generate_large_association", "--scale", "0.002", stdout=None)
    generated = Centre.objects.filter(email__endswith=EMAIL_DOMAIN)
    assert generated.exists()
    assert not generated.filter(
        municipality__population__gt=settings.RAZEM_MAX_POPULATION,
        eligibility_exception_reason="",
    ).exists()
