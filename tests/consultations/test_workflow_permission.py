"""The opinion workflow needs its own permission, `manage_opinion_workflow`.

Editors who may edit and publish opinion pages but lack it see none of the
workflow's actions (console, page header, page listing), and the URLs and the
services refuse them; with it, each action works. One test per action.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from consultations import services
from consultations.choices import OpinionState
from consultations.demo import _grant_editors
from consultations.exceptions import NotAllowed
from consultations.models import OpinionPage
from tests.factories.members import UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def page_editor(index):
    """An editor with publish rights on the opinion index, without the workflow."""
    _grant_editors(index)
    user = UserFactory(email="redaktorka@razem.test", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _grant_workflow(user):
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="consultations",
            codename="manage_opinion_workflow",
        )
    )
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def _opinion(make_opinion, rep_a, admin_user, state):
    opinion = make_opinion(state=OpinionState.DRAFT)
    if state == OpinionState.DRAFT:
        return opinion
    services.open_for_signatures(opinion, admin_user)
    services.sign_opinion(opinion, rep_a)
    if state == OpinionState.OPEN:
        return OpinionPage.objects.get(pk=opinion.pk)
    services.close_signing(opinion, admin_user)
    if state == OpinionState.SENT:
        services.mark_sent(opinion, admin_user, sent_on=TODAY(), sent_via="epuap")
    return OpinionPage.objects.get(pk=opinion.pk)


# action, the state it starts from, what it posts, the service call, and how it shows
CASES = {
    "open": (OpinionState.DRAFT, {}, lambda o, u: services.open_for_signatures(o, u)),
    "close": (OpinionState.OPEN, {}, lambda o, u: services.close_signing(o, u)),
    "regenerate": (
        OpinionState.CLOSED,
        {},
        lambda o, u: services.regenerate_letter(o, u),
    ),
    "send": (
        OpinionState.CLOSED,
        {"sent_on": "TODAY", "sent_via": "epuap"},
        lambda o, u: services.mark_sent(o, u, sent_on=TODAY(), sent_via="epuap"),
    ),
    "answer": (
        OpinionState.SENT,
        {"answered_on": "TODAY", "summary": "Ministerstwo rozważy uwagi."},
        lambda o, u: services.mark_answered(
            o, u, answered_on=TODAY(), summary="Ministerstwo rozważy uwagi."
        ),
    ),
    "erratum": (
        OpinionState.SENT,
        {"dated": "TODAY", "body": "W pkt 2 zamiast „2026” powinno być „2027”."},
        lambda o, u: services.add_erratum(
            o, u, dated=TODAY(), body="W pkt 2 zamiast „2026” powinno być „2027”."
        ),
    ),
}


def _data(data: dict) -> dict:
    return {k: TODAY().isoformat() if v == "TODAY" else v for k, v in data.items()}


def _record(opinion) -> tuple:
    opinion = OpinionPage.objects.get(pk=opinion.pk)
    return (
        opinion.state,
        opinion.state_version,
        opinion.letter_generated_at,
        opinion.errata.count(),
    )


@pytest.mark.parametrize("action", list(CASES))
def test_each_workflow_action_needs_the_permission(
    client, make_opinion, rep_a, admin_user, page_editor, action
):
    state, data, call = CASES[action]
    opinion = _opinion(make_opinion, rep_a, admin_user, state)
    url = f"/admin/opinie/{opinion.pk}/{action}/"
    before = _record(opinion)

    client.force_login(page_editor)
    console = client.get(f"/admin/opinie/{opinion.pk}/")
    assert console.status_code == 200  # the console itself stays open to them
    html = console.content.decode()
    assert url not in html
    assert "Może uruchamiać obieg stanowisk" in html  # says which permission
    editor_page = client.get(f"/admin/pages/{opinion.pk}/edit/").content.decode()
    assert url not in editor_page
    listing = client.get(f"/admin/pages/{opinion.get_parent().pk}/").content.decode()
    assert url not in listing
    for response in (client.get(url), client.post(url, _data(data))):
        assert response.status_code in (302, 403)
    with pytest.raises(NotAllowed) as refused:
        call(OpinionPage.objects.get(pk=opinion.pk), page_editor)
    assert "Może uruchamiać obieg stanowisk" in str(refused.value)
    assert _record(opinion) == before  # nothing changed

    allowed = _grant_workflow(page_editor)
    client.force_login(allowed)
    assert url in client.get(f"/admin/opinie/{opinion.pk}/").content.decode()
    assert url in client.get(f"/admin/pages/{opinion.pk}/edit/").content.decode()
    response = client.post(url, _data(data))
    assert response.status_code == 302, response.context and response.context.get(
        "form"
    )
    assert _record(opinion) != before


def test_moderators_keep_the_workflow_and_superusers_have_it(moderator, admin_user):
    assert moderator.has_perm("consultations.manage_opinion_workflow")
    assert admin_user.has_perm("consultations.manage_opinion_workflow")
    assert (
        not Group.objects.get(name="Editors")
        .permissions.filter(codename="manage_opinion_workflow")
        .exists()
    )


def test_the_deadline_job_closes_without_anyone_holding_the_permission(
    make_opinion, rep_a
):
    opinion = make_opinion(
        state=OpinionState.OPEN, deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert services.close_overdue_opinions() == [opinion.pk]
    assert OpinionPage.objects.get(pk=opinion.pk).state == OpinionState.CLOSED
