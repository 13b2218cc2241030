"""Refusals from a stale tab: a clear Polish message, the typed text kept, nothing
changed, and never a bare 403 or a 500."""

import datetime

import pytest
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.models import Comment, OpinionPage, Signature
from members.choices import CentreStatus
from tests.factories.members import representative

pytestmark = pytest.mark.django_db

TYPED = "Proponujemy doprecyzować § 2 – w naszym ośrodku dotyczy to 14 osób."


def _post_comment(client, opinion, text=TYPED):
    return client.post(f"/opinie/{opinion.pk}/komentarze/", {"body": text})


def _kept(response) -> bool:
    return TYPED in response.content.decode()


@pytest.mark.parametrize("state", [OpinionState.CLOSED, OpinionState.SENT])
def test_comment_typed_before_the_opinion_closed_is_kept(
    client, make_opinion, staff_a, state
):
    opinion = make_opinion(state=OpinionState.OPEN)
    client.force_login(staff_a)
    assert "komentarze" in client.get(opinion.url).content.decode()  # the tab
    OpinionPage.objects.filter(pk=opinion.pk).update(state=state)
    response = _post_comment(client, opinion)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Dyskusja została zamknięta w trakcie pisania" in html
    assert _kept(response) and "<html" in html and 'id="dyskusja"' in html
    assert "Dodaj komentarz</button>" not in html  # no button that cannot work
    assert not Comment.objects.exists()


def test_comment_after_the_deadline_passed_is_kept(client, make_opinion, staff_a):
    opinion = make_opinion(
        state=OpinionState.OPEN, deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(staff_a)
    response = _post_comment(client, opinion)
    assert response.status_code == 409
    assert "zamknięta" in response.content.decode() and _kept(response)
    assert not Comment.objects.exists()


def test_comment_of_a_person_whose_centre_was_suspended_is_kept(
    client, make_opinion, rep_a, centre_a
):
    opinion = make_opinion(state=OpinionState.OPEN)
    client.force_login(rep_a)
    centre_a.status = CentreStatus.SUSPENDED
    centre_a.save()
    response = _post_comment(client, opinion)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Twój ośrodek nie jest członkiem z pełnią praw (status: zawieszony)" in html
    assert _kept(response) and "<html" in html
    assert not Comment.objects.exists()


def test_comment_on_an_opinion_that_was_unpublished_is_kept(
    client, make_opinion, staff_a
):
    opinion = make_opinion()
    client.force_login(staff_a)
    OpinionPage.objects.filter(pk=opinion.pk).update(live=False)
    response = _post_comment(client, opinion)
    assert response.status_code == 404
    html = response.content.decode()
    assert "nie jest (już) dla Ciebie dostępne" in html
    assert "readonly" in html and _kept(response)
    assert not Comment.objects.exists()


def test_comments_are_rate_limited_per_person_with_the_text_kept(
    client, make_opinion, staff_a
):
    from consultations.views import COMMENT_LIMIT

    opinion = make_opinion()
    client.force_login(staff_a)
    for number in range(COMMENT_LIMIT.limit):
        assert _post_comment(client, opinion, f"Uwaga nr {number}").status_code == 302
    response = _post_comment(client, opinion)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Spróbuj ponownie za 10 minut" in html and _kept(response)
    assert Comment.objects.count() == COMMENT_LIMIT.limit
    # Another person of the same centre (same connection) is not locked out.
    other = representative(staff_a.membership.centre, email="inna@a.test")
    client.force_login(other)
    assert _post_comment(client, opinion).status_code == 302


def test_an_over_long_comment_is_refused_beside_the_field(
    client, make_opinion, staff_a
):
    opinion = make_opinion()
    client.force_login(staff_a)
    response = _post_comment(client, opinion, "x" * 5001)
    assert response.status_code == 200
    assert response.context["comment_form"].errors["body"]
    assert "x" * 5001 in response.content.decode()
    assert not Comment.objects.exists()


def _sign(client, opinion, version=None):
    version = opinion.state_version if version is None else version
    return client.post(
        f"/opinie/{opinion.pk}/podpis/", {"version": version}, follow=True
    )


def test_signing_from_a_tab_opened_before_closing(
    client, make_opinion, rep_a, admin_user
):
    opinion = make_opinion(state=OpinionState.OPEN)
    version = opinion.state_version
    services.close_signing(opinion, admin_user)
    client.force_login(rep_a)
    response = _sign(client, opinion, version)
    assert response.status_code == 200
    assert "Podpisywanie jest zamknięte" in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_after_another_representative_of_the_centre_signed(
    client, make_opinion, rep_a, centre_a
):
    opinion = make_opinion(state=OpinionState.OPEN)
    second = representative(centre_a, email="zastepca@a.test")
    services.sign_opinion(opinion, second)
    client.force_login(rep_a)
    response = _sign(client, opinion)
    assert response.status_code == 200
    assert "już współpodpisał" in response.content.decode()
    assert Signature.objects.active().count() == 1


def test_withdrawing_after_closing_from_a_stale_tab(
    client, make_opinion, rep_a, admin_user
):
    opinion = make_opinion(state=OpinionState.OPEN)
    signature = services.sign_opinion(opinion, rep_a)
    version = OpinionPage.objects.get(pk=opinion.pk).state_version
    services.close_signing(opinion, admin_user)
    client.force_login(rep_a)
    response = client.post(
        f"/opinie/{opinion.pk}/wycofanie/",
        {"version": version, "signature": signature.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Podpisywanie jest zamknięte" in response.content.decode()
    signature.refresh_from_db()
    assert signature.withdrawn_at is None
