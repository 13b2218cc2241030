"""Data that must stay private does not leak through the public lists.

Draft opinions (live pages readable only by members) stay out of search, the
sitemap, the opinion index and the feeds; one centre's people and registrations
never appear on another centre's pages.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from consultations.models import OpinionPage

SECRET = "Tajnywyrazprojektu"


@pytest.fixture
def secret_draft(pages):
    draft = OpinionPage.objects.get(pk=pages.draft_opinion.pk)
    draft.title = f"{SECRET} w projekcie stanowiska"
    draft.subject = f"Projekt: {SECRET}"
    draft.save_revision().publish()
    call_command("rebuild_search", stdout=StringIO())
    return draft


@pytest.mark.django_db
def test_draft_opinions_stay_out_of_public_lists(client, pages, secret_draft):
    for url in [
        f"/szukaj/?q={SECRET}",
        f"/szukaj/?q={SECRET.lower()}",
        "/sitemap.xml",
        pages.opinion_index.url,
        pages.opinion_index.url + "projekty/",
        "/",
        "/aktualnosci/rss/",
        "/aktualnosci/atom/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if not url.startswith("/szukaj/"):  # the search page repeats the query
            assert SECRET not in body, url
        assert secret_draft.url not in body, url
    assert client.get(secret_draft.url).status_code == 404
    assert client.get(f"/pdf/{secret_draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_members_find_what_they_may_read(client, pages, people, secret_draft):
    client.force_login(people.rep_a)
    assert client.get(secret_draft.url).status_code == 200
    client.logout()
    # Once open for signatures the opinion is public and findable.
    OpinionPage.objects.filter(pk=secret_draft.pk).update(state="open")
    call_command("rebuild_search", stdout=StringIO())
    found = client.get(f"/szukaj/?q={SECRET}").content.decode()
    assert secret_draft.url in found


@pytest.mark.django_db
def test_a_centre_never_sees_another_centres_people_or_registrations(
    client, pages, people
):
    from conferences.services.registration import register_participants
    from tests.factories.conferences import participant
    from tests.factories.members import invitation

    register_participants(
        conference=pages.conference,
        centre=people.centre_a,
        user=people.rep_a,
        participants=[participant("a", last_name="Uczestniczka-Ośrodka-A")],
    )
    invitation(people.centre_a, email="zaproszona-a@a.test")
    markers = [
        "Uczestniczka-Ośrodka-A",
        "uczestnika@example.test",
        "zaproszona-a@a.test",
        people.staff_a.email,
        people.rep_a.email,
        people.staff_a.last_name,
    ]
    own = {}
    for role, user in (("rep_a", people.rep_a), ("rep_b", people.rep_b)):
        client.force_login(user)
        own[role] = "".join(
            client.get(url).content.decode()
            for url in (
                "/moj-osrodek/",
                "/moj-osrodek/konferencje/",
                "/moj-osrodek/moje-dane/",
                pages.conference.url,
            )
        )
    assert any(marker in own["rep_a"] for marker in markers)
    leaked = [marker for marker in markers if marker in own["rep_b"]]
    assert not leaked, leaked
