"""Member discussion: sanitised against XSS, hidden from the public, moderated."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from wagtail.models import PageLogEntry

from consultations import services
from consultations.choices import OpinionState
from consultations.exceptions import CommentRefused, NotAllowed
from consultations.models import Comment
from consultations.services.comments import ALLOWED_TAGS
from tests.xss import assert_inert, payloads

pytestmark = pytest.mark.django_db

PAYLOADS = payloads()


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 30


class _MarkupAudit(HTMLParser):
    """Collects every tag and attribute the browser would build from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if tag != "a" or name not in ("href", "rel"):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and urlsplit(value or "").scheme not in (
                "http",
                "https",
                "mailto",
            ):
                self.problems.append(f"href {value!r}")


def _audit(html: str) -> list[str]:
    audit = _MarkupAudit()
    audit.feed(html)
    audit.close()
    return audit.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_leaves_no_live_markup(payload):
    cleaned = services.sanitize_comment(f"Uwaga do § 2: {payload} – koniec")
    assert_inert(cleaned, payload)
    assert _audit(cleaned) == []


def test_every_payload_posted_and_rendered_stays_inert(
    client, make_opinion, rep_a, staff_a
):
    opinion = make_opinion()
    for payload in PAYLOADS:
        services.post_comment(opinion, staff_a, f"Komentarz: {payload}")
    client.force_login(rep_a)
    html = client.get(opinion.url).content.decode()
    assert (
        html.count('class="comment"')
        == Comment.objects.filter(body__regex=r"\S").count()
    )
    for payload in PAYLOADS:
        assert_inert(html, payload)
    assert "<script>alert" not in html


def test_safe_subset_is_kept_and_links_get_nofollow():
    cleaned = services.sanitize_comment(
        '<p><b>Ważne</b> i <em>pilne</em>: <a href="https://www.gov.pl/web/rodzina" '
        'onclick="x()" target="_blank">strona</a></p><ul><li>jeden</li></ul>'
    )
    assert "<b>Ważne</b>" in cleaned and "<em>pilne</em>" in cleaned
    assert 'href="https://www.gov.pl/web/rodzina"' in cleaned
    assert 'rel="nofollow noopener"' in cleaned
    assert "onclick" not in cleaned and "target" not in cleaned
    assert "<ul><li>jeden</li></ul>" in cleaned


def test_plain_text_gets_paragraphs_and_bare_links_are_linked():
    cleaned = services.sanitize_comment(
        "Pierwszy akapit.\n\nDrugi, zob. https://legislacja.gov.pl/projekt/1"
    )
    assert cleaned.startswith("<p>Pierwszy akapit.</p>")
    assert (
        '<a href="https://legislacja.gov.pl/projekt/1" rel="nofollow noopener">'
        in cleaned
    )


def test_comments_are_never_shown_to_the_public(client, make_opinion, rep_a):
    opinion = make_opinion()
    services.post_comment(opinion, rep_a, "Tajna uwaga członków o § 3")
    OpinionPageState = type(opinion)
    OpinionPageState.objects.filter(pk=opinion.pk).update(state=OpinionState.OPEN)
    html = client.get(opinion.url).content.decode()
    assert "Tajna uwaga" not in html
    assert "dyskusja" not in html
    # Not in the cached copy either: the second anonymous view is a cache hit.
    cached = client.get(opinion.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "Tajna uwaga" not in cached.content.decode()
    client.force_login(rep_a)
    member_view = client.get(opinion.url)
    assert "Tajna uwaga" in member_view.content.decode()
    assert "X-Page-Cache" not in member_view
    assert "no-store" in member_view["Cache-Control"]


def test_people_outside_member_centres_cannot_comment(
    make_opinion, outsider, suspended_rep, applicant_rep, editor
):
    opinion = make_opinion()
    for user in (outsider, suspended_rep, applicant_rep, editor):
        with pytest.raises(NotAllowed):
            services.post_comment(opinion, user, "Uwaga")
    assert not Comment.objects.exists()


@pytest.mark.parametrize("state", [OpinionState.CLOSED, OpinionState.SENT])
def test_no_comments_after_signing_closed(make_opinion, rep_a, state):
    opinion = make_opinion(state=state)
    with pytest.raises(NotAllowed):
        services.post_comment(opinion, rep_a, "Za późno")


def test_empty_or_markup_only_comment_is_refused(make_opinion, rep_a):
    opinion = make_opinion()
    with pytest.raises(CommentRefused):
        services.post_comment(opinion, rep_a, "   ")
    with pytest.raises(CommentRefused):
        services.post_comment(opinion, rep_a, "<b></b><i> </i><p></p>")
    assert not Comment.objects.exists()


def test_comment_form_error_keeps_the_text(client, make_opinion, rep_a):
    opinion = make_opinion()
    client.force_login(rep_a)
    response = client.post(f"/opinie/{opinion.pk}/komentarze/", {"body": "x" * 6000})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html or "field--error" in html
    assert not Comment.objects.exists()


def test_member_posts_through_the_form(client, make_opinion, staff_a):
    opinion = make_opinion()
    client.force_login(staff_a)
    response = client.post(
        f"/opinie/{opinion.pk}/komentarze/", {"body": "Proponujemy zmianę w § 4."}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == staff_a and comment.centre == staff_a.membership.centre


def test_moderator_hides_with_a_reason_and_it_stays_on_record(
    client, make_opinion, rep_a, admin_user
):
    opinion = make_opinion()
    comment = services.post_comment(opinion, rep_a, "Obraźliwa uwaga")
    with pytest.raises(CommentRefused):
        services.hide_comment(comment, admin_user, "  ")
    services.hide_comment(comment, admin_user, "Narusza zasady dyskusji")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == admin_user
    assert comment.hidden_reason == "Narusza zasady dyskusji"
    entry = PageLogEntry.objects.get(
        page_id=opinion.pk, action="consultations.comment_hide"
    )
    assert entry.data["comment_id"] == comment.pk
    client.force_login(rep_a)
    assert "Obraźliwa uwaga" not in client.get(opinion.url).content.decode()
    with pytest.raises(CommentRefused):
        services.hide_comment(comment, admin_user, "Drugi raz")


def test_only_staff_who_manage_the_opinion_may_hide(make_opinion, rep_a, rep_b, editor):
    opinion = make_opinion()
    comment = services.post_comment(opinion, rep_a, "Uwaga")
    for user in (rep_a, rep_b, editor):
        with pytest.raises(NotAllowed):
            services.hide_comment(comment, user, "Nie")
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_hide_through_the_admin(client, make_opinion, rep_a, admin_user):
    opinion = make_opinion()
    comment = services.post_comment(opinion, rep_a, "Do ukrycia")
    client.force_login(admin_user)
    url = f"/admin/opinie/komentarze/{comment.pk}/ukryj/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Poza tematem"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_reason == "Poza tematem"


def test_rules_of_discussion_are_linked_beside_the_form(client, make_opinion, rep_a):
    opinion = make_opinion()
    client.force_login(rep_a)
    html = client.get(opinion.url).content.decode()
    assert 'href="/opinie/zasady-dyskusji/"' in html
    rules = client.get("/opinie/zasady-dyskusji/")
    assert rules.status_code == 200
