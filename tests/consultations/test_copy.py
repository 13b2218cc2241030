"""Wagtail's "copy page" of an opinion in the admin: the copy is a fresh draft.

Found in the browser trial: copying the demo's sent letter failed with a 500 (its
2024 deadline went along and the page refused it; an alias took the letter's
number along).
"""

import io
from importlib import import_module

import pytest
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.models import OpinionIndexPage, OpinionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_letter(home_page):
    """The demo's sent 2024 letter, co-signed, with an erratum."""
    for name in ("razem.demo", "members.demo", "consultations.demo"):
        import_module(name).load(io.StringIO())
    letter = OpinionPage.objects.get(slug="dodatek-motywacyjny-2024-2027")
    assert letter.state == OpinionState.SENT and letter.signatures.exists()
    return letter


@pytest.fixture
def admin_user(demo_letter):
    """The demo's superuser (the shared fixture's address is the demo's too)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def _copy(client, page, slug, **extra):
    index = OpinionIndexPage.objects.get()
    data = {"new_title": "Kopia pisma", "new_slug": slug, "new_parent_page": index.pk}
    data.update(extra)
    return client.post(f"/admin/pages/{page.pk}/copy/", data)


def _assert_fresh_draft(copy: OpinionPage, original: OpinionPage) -> None:
    assert copy.state == OpinionState.DRAFT and copy.state_version == 0
    assert copy.letter_number == "" and copy.letter_sha256 == ""
    assert not copy.letter_pdf and copy.frozen_content == {}
    assert copy.sent_on is None and copy.sent_via == ""
    assert copy.signing_deadline is None
    assert not copy.signatures.exists() and not copy.errata.exists()
    assert not copy.events.exists() and not copy.comments.exists()
    assert copy.body == original.body  # the text is what one copies for
    latest = copy.get_latest_revision().content
    assert latest["state"] == OpinionState.DRAFT and latest["letter_sequence"] is None


@pytest.mark.parametrize("publish", [False, True])
def test_copying_the_sent_demo_letter_in_the_admin_gives_a_fresh_draft(
    client, demo_letter, admin_user, publish
):
    services.add_erratum(
        demo_letter, admin_user, dated=timezone.localdate(), body="Poprawka."
    )
    client.force_login(admin_user)
    form = client.get(f"/admin/pages/{demo_letter.pk}/copy/").context["form"]
    assert "alias" not in form.fields  # an alias would mirror the sent letter
    extra = {"publish_copies": "on", "alias": "on"} if publish else {}
    response = _copy(client, demo_letter, "kopia-pisma", **extra)
    assert response.status_code == 302
    copy = OpinionPage.objects.get(slug="kopia-pisma")
    assert copy.live is publish and not copy.is_public
    _assert_fresh_draft(copy, demo_letter)
    original = OpinionPage.objects.get(pk=demo_letter.pk)
    assert original.state == OpinionState.SENT
    assert original.letter_snapshot() == original.frozen_content
    # The copy edits freely and opens as any draft.
    response = client.get(f"/admin/pages/{copy.pk}/edit/")
    assert response.context["form"].frozen_fields == []


def test_a_copy_to_a_reserved_address_is_refused_beside_the_slug(
    client, demo_letter, admin_user
):
    client.force_login(admin_user)
    response = _copy(client, demo_letter, "projekty")
    assert response.status_code == 200
    assert "zarezerwowany" in response.context["form"].errors["new_slug"][0]
    assert not OpinionPage.objects.filter(slug="projekty").exists()


def test_no_script_makes_an_alias_of_an_opinion(demo_letter, admin_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        demo_letter.create_alias(update_slug="alias-pisma", user=admin_user)
    assert "aliasem" in str(refused.value)
    assert not OpinionPage.objects.filter(slug="alias-pisma").exists()
