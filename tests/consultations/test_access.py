"""Access control over every URL of the app, for every kind of person."""

import pytest

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Comment, OpinionPage, Signature

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "outsider", "staff_a", "rep_a", "rep_b", "editor", "admin_user"]


def _login(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


@pytest.fixture
def draft(make_opinion):
    """A published opinion still in the draft state."""
    return make_opinion(title="Projekt stanowiska do dyskusji", slug="projekt")


@pytest.fixture
def opened(make_opinion):
    """An opinion open for signatures."""
    return make_opinion(
        title="Stanowisko otwarte do podpisu", slug="otwarte", state=OpinionState.OPEN
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("staff_a", 200),
        ("rep_a", 200),
        ("rep_b", 200),
        ("editor", 404),
        ("admin_user", 200),
    ],
)
def test_draft_opinion_page(client, request, draft, who, status):
    _login(client, request, who)
    response = client.get(draft.url)
    assert response.status_code == status
    if status == 200:
        assert "Projekt stanowiska do dyskusji" in response.content.decode()


@pytest.mark.parametrize("who", PEOPLE)
def test_open_opinion_page_is_public(client, request, opened, who):
    _login(client, request, who)
    response = client.get(opened.url)
    assert response.status_code == 200
    assert "Stanowisko otwarte do podpisu" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("staff_a", True),
        ("rep_a", True),
        ("editor", False),
    ],
)
def test_index_lists_drafts_only_for_members(
    client, request, index, draft, opened, who, sees_draft
):
    _login(client, request, who)
    html = client.get(index.url).content.decode()
    assert "Stanowisko otwarte do podpisu" in html
    assert ("Projekt stanowiska do dyskusji" in html) is sees_draft


@pytest.mark.parametrize("who", PEOPLE)
def test_draft_law_list_is_public(client, request, index, who):
    from tests.factories.consultations import DraftLawFactory

    DraftLawFactory(number="UD321")
    _login(client, request, who)
    response = client.get("/opinie/projekty/")
    assert response.status_code == 200
    assert "UD321" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "signed"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("staff_a", False),
        ("rep_a", True),
        ("editor", False),
        ("admin_user", False),
    ],
)
def test_sign_url(client, request, opened, rep_a, who, signed):
    _login(client, request, who)
    response = client.post(
        f"/opinie/{opened.pk}/podpis/", {"version": opened.state_version}
    )
    if who == "anonymous":
        # Not logged in (any more): the Polish page of an ended session, with the
        # login (razem.middleware.EndedSessionPostMiddleware), not a bare redirect.
        assert response.status_code == 403
        assert "/konto/login/" in response.content.decode()
    else:
        assert response.status_code == 302
    assert Signature.objects.exists() is signed


def test_sign_url_refuses_get(client, opened, rep_a):
    client.force_login(rep_a)
    assert client.get(f"/opinie/{opened.pk}/podpis/").status_code == 405


def test_sign_on_a_draft_is_not_found_for_outsiders(client, draft, outsider):
    client.force_login(outsider)
    response = client.post(f"/opinie/{draft.pk}/podpis/", {"version": 0})
    assert response.status_code == 404


def test_representative_of_b_cannot_withdraw_a_signature_of_a(
    client, opened, rep_a, rep_b
):
    signature = services.sign_opinion(opened, rep_a)
    client.force_login(rep_b)
    client.post(
        f"/opinie/{opened.pk}/wycofanie/",
        {"version": opened.state_version, "signature": signature.pk},
    )
    signature.refresh_from_db()
    assert signature.withdrawn_at is None


@pytest.mark.parametrize(
    ("who", "status", "created"),
    [
        ("anonymous", 403, False),  # the Polish page of an ended session
        ("outsider", 404, False),
        ("staff_a", 302, True),
        ("rep_b", 302, True),
        ("editor", 404, False),
        ("admin_user", 403, False),
    ],
)
def test_comment_url(client, request, draft, who, status, created):
    _login(client, request, who)
    response = client.post(f"/opinie/{draft.pk}/komentarze/", {"body": "Uwaga"})
    assert response.status_code == status
    assert Comment.objects.exists() is created


def _admin_urls(opinion, comment):
    return [
        "/admin/opinie/",
        f"/admin/opinie/{opinion.pk}/",
        f"/admin/opinie/{opinion.pk}/open/",
        f"/admin/opinie/{opinion.pk}/podpisy.csv",
        f"/admin/opinie/{opinion.pk}/podpisy.xlsx",
        f"/admin/opinie/komentarze/{comment.pk}/ukryj/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "staff_a", "rep_a"])
def test_admin_urls_turn_away_people_without_admin_access(
    client, request, draft, rep_a, who
):
    comment = services.post_comment(draft, rep_a, "Uwaga")
    _login(client, request, who)
    for url in _admin_urls(draft, comment):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Uwaga" not in response.content.decode()


def test_admin_urls_refuse_an_editor_without_publish_rights(
    client, draft, rep_a, editor
):
    comment = services.post_comment(draft, rep_a, "Uwaga")
    client.force_login(editor)
    list_response = client.get("/admin/opinie/")
    assert list_response.status_code == 200
    assert draft.title not in list_response.content.decode()
    for url in _admin_urls(draft, comment)[1:]:
        response = client.get(url)
        # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
        assert response.status_code in (302, 403), url
        assert "Uwaga" not in response.content.decode()
    response = client.post(f"/admin/opinie/{draft.pk}/open/")
    assert response.status_code in (302, 403)
    assert OpinionPage.objects.get(pk=draft.pk).state == OpinionState.DRAFT


def test_admin_urls_work_for_the_admin(client, draft, rep_a, admin_user):
    comment = services.post_comment(draft, rep_a, "Uwaga")
    client.force_login(admin_user)
    for url in _admin_urls(draft, comment):
        assert client.get(url).status_code == 200, url
    response = client.post(f"/admin/opinie/{draft.pk}/open/")
    assert response.status_code == 302
    assert OpinionPage.objects.get(pk=draft.pk).state == OpinionState.OPEN


def test_admin_transition_refusal_is_shown(client, draft, admin_user):
    client.force_login(admin_user)
    response = client.post(f"/admin/opinie/{draft.pk}/close/", follow=True)
    assert response.status_code == 200
    assert OpinionPage.objects.get(pk=draft.pk).state == OpinionState.DRAFT


def test_admin_full_flow_with_forms(client, opened, admin_user, rep_a):
    from django.utils import timezone

    services.sign_opinion(opened, rep_a)
    client.force_login(admin_user)
    assert client.post(f"/admin/opinie/{opened.pk}/close/").status_code == 302
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/admin/opinie/{opened.pk}/send/", {"sent_on": today, "sent_via": "epuap"}
    )
    assert response.status_code == 302
    response = client.post(
        f"/admin/opinie/{opened.pk}/answer/",
        {"answered_on": today, "summary": "Ministerstwo przyjęło uwagi."},
    )
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.state == OpinionState.ANSWERED
    html = client.get(f"/admin/opinie/{opened.pk}/").content.decode()
    assert opened.letter_sha256 in html


def test_unknown_admin_action_is_not_found(client, draft, admin_user):
    client.force_login(admin_user)
    assert client.get(f"/admin/opinie/{draft.pk}/explode/").status_code == 404


def test_page_editor_shows_state_buttons(client, draft, admin_user):
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert f"/admin/opinie/{draft.pk}/open/" in html
    assert 'name="state"' not in html
