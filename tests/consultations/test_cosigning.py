"""Co-signing: who may sign, once per centre, withdraw and re-sign, stale forms."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import PageLogEntry

from consultations import services
from consultations.choices import OpinionState
from consultations.exceptions import (
    AlreadySigned,
    NotAllowed,
    SigningRefused,
    StaleForm,
)
from consultations.models import Signature
from razem.cache import current_generation

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion(make_opinion):
    """An opinion open for signatures for two more weeks."""
    return make_opinion(state=OpinionState.OPEN)


def test_representative_signs_once_and_it_is_logged(opinion, rep_a, centre_a):
    signature = services.sign_opinion(opinion, rep_a)
    assert signature.centre == centre_a and signature.signed_by == rep_a
    entry = PageLogEntry.objects.get(page_id=opinion.pk, action="consultations.sign")
    assert entry.user == rep_a and entry.data["centre_id"] == centre_a.pk


def test_second_sign_is_refused_and_changes_nothing(opinion, rep_a):
    services.sign_opinion(opinion, rep_a)
    with pytest.raises(AlreadySigned):
        services.sign_opinion(opinion, rep_a)
    assert Signature.objects.filter(opinion=opinion).count() == 1


def test_database_refuses_a_second_active_signature(opinion, centre_a, rep_a):
    Signature.objects.create(opinion=opinion, centre=centre_a, signed_by=rep_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(opinion=opinion, centre=centre_a, signed_by=rep_a)


def test_integrity_error_becomes_already_signed(opinion, rep_a, monkeypatch):
    """When the partial unique index loses a race, the person reads a clear message."""
    from consultations.services import signing

    monkeypatch.setattr(signing, "_active_signature", lambda opinion, centre: None)
    services.sign_opinion(opinion, rep_a)
    with pytest.raises(AlreadySigned):
        services.sign_opinion(opinion, rep_a)
    assert Signature.objects.count() == 1


def test_withdraw_then_sign_again(opinion, rep_a):
    first = services.sign_opinion(opinion, rep_a)
    services.withdraw_signature(opinion, rep_a, signature_id=first.pk)
    first.refresh_from_db()
    assert first.withdrawn_at is not None and first.withdrawn_by == rep_a
    second = services.sign_opinion(opinion, rep_a)
    assert second.pk != first.pk
    assert Signature.objects.active().filter(opinion=opinion).get() == second
    assert Signature.objects.filter(opinion=opinion).count() == 2
    actions = list(
        PageLogEntry.objects.filter(page_id=opinion.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "consultations.sign",
        "consultations.withdraw",
        "consultations.sign",
    ]


def test_withdraw_without_signature_is_refused(opinion, rep_a):
    with pytest.raises(SigningRefused, match="nie współpodpisał"):
        services.withdraw_signature(opinion, rep_a)


def test_stale_withdraw_form_changes_nothing(opinion, rep_a):
    first = services.sign_opinion(opinion, rep_a)
    services.withdraw_signature(opinion, rep_a, signature_id=first.pk)
    second = services.sign_opinion(opinion, rep_a)
    # The old tab still shows the first signature's withdraw button.
    with pytest.raises(StaleForm):
        services.withdraw_signature(opinion, rep_a, signature_id=first.pk)
    second.refresh_from_db()
    assert second.withdrawn_at is None


def test_stale_version_is_refused(opinion, rep_a):
    with pytest.raises(StaleForm):
        services.sign_opinion(
            opinion, rep_a, expected_version=opinion.state_version + 1
        )
    assert not Signature.objects.exists()


def test_signing_after_the_deadline_is_refused(make_opinion, rep_a):
    opinion = make_opinion(
        state=OpinionState.OPEN, deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(SigningRefused, match="Termin podpisywania minął"):
        services.sign_opinion(opinion, rep_a)
    assert not Signature.objects.exists()


def test_withdrawing_after_the_deadline_is_refused(opinion, rep_a):
    signature = services.sign_opinion(opinion, rep_a)
    type(opinion).objects.filter(pk=opinion.pk).update(
        signing_deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(SigningRefused):
        services.withdraw_signature(opinion, rep_a, signature_id=signature.pk)
    signature.refresh_from_db()
    assert signature.withdrawn_at is None


@pytest.mark.parametrize(
    "state",
    [OpinionState.DRAFT, OpinionState.CLOSED, OpinionState.SENT, OpinionState.ANSWERED],
)
def test_signing_outside_the_open_state_is_refused(make_opinion, rep_a, state):
    opinion = make_opinion(state=state)
    with pytest.raises(SigningRefused):
        services.sign_opinion(opinion, rep_a)
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    "who", ["staff_a", "suspended_rep", "applicant_rep", "outsider", "admin_user"]
)
def test_only_representatives_of_member_centres_sign(opinion, request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        services.sign_opinion(opinion, user)
    assert not Signature.objects.exists()


def test_anonymous_cannot_sign(opinion):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        services.sign_opinion(opinion, AnonymousUser())


def test_signing_invalidates_the_page_cache_on_commit(
    opinion, rep_a, django_capture_on_commit_callbacks
):
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        signature = services.sign_opinion(opinion, rep_a)
    assert current_generation() == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_signature(opinion, rep_a, signature_id=signature.pk)
    assert current_generation() == before + 2


# Through the web: double submits and stale forms give a Polish message.


def _post_sign(client, opinion, version=None):
    version = opinion.state_version if version is None else version
    return client.post(
        f"/opinie/{opinion.pk}/podpis/", {"version": version}, follow=True
    )


def test_double_submit_gives_a_clear_message(client, opinion, rep_a):
    client.force_login(rep_a)
    first = _post_sign(client, opinion)
    assert "współpodpisał" in first.content.decode()
    second = _post_sign(client, opinion)
    assert second.status_code == 200
    assert "już współpodpisał" in second.content.decode()
    assert Signature.objects.count() == 1


def test_stale_form_gives_a_clear_message(client, opinion, rep_a):
    client.force_login(rep_a)
    response = _post_sign(client, opinion, version=opinion.state_version + 5)
    assert "nieaktualna" in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_after_deadline_through_the_web(client, make_opinion, rep_a):
    opinion = make_opinion(
        state=OpinionState.OPEN, deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(rep_a)
    response = _post_sign(client, opinion)
    assert "Termin" in response.content.decode()
    assert not Signature.objects.exists()


def test_incomplete_form_changes_nothing(client, opinion, rep_a):
    client.force_login(rep_a)
    response = client.post(f"/opinie/{opinion.pk}/podpis/", {}, follow=True)
    assert response.status_code == 200
    assert not Signature.objects.exists()


def test_withdraw_and_resign_through_the_web(client, opinion, rep_a):
    client.force_login(rep_a)
    _post_sign(client, opinion)
    signature = Signature.objects.get()
    response = client.post(
        f"/opinie/{opinion.pk}/wycofanie/",
        {"version": opinion.state_version, "signature": signature.pk},
        follow=True,
    )
    assert "wycofany" in response.content.decode()
    assert not Signature.objects.active().exists()
    _post_sign(client, opinion)
    assert Signature.objects.active().count() == 1


def test_representative_sees_the_sign_button_and_then_withdraw(client, opinion, rep_a):
    client.force_login(rep_a)
    html = client.get(opinion.url).content.decode()
    assert f'action="/opinie/{opinion.pk}/podpis/"' in html
    _post_sign(client, opinion)
    html = client.get(opinion.url).content.decode()
    assert f'action="/opinie/{opinion.pk}/wycofanie/"' in html
    assert f'action="/opinie/{opinion.pk}/podpis/"' not in html


def test_centre_staff_sees_no_sign_button(client, opinion, staff_a):
    client.force_login(staff_a)
    html = client.get(opinion.url).content.decode()
    assert "/podpis/" not in html
