"""What logged-in requests keep in the cache, and that none of it outlives a change.

Remembered routes (razem.routing), the page record, breadcrumbs, the association's
settings and permission sets (razem.auth) all live under the cache generation; each
test changes the underlying data the way staff would and expects the next request
to show it.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from razem.cache import current_generation
from razem.models import AssociationSettings
from tests.factories.razem import publish_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    return publish_standard_page(home_page, "O nas", slug="o-nas", text="Pierwsza.")


@pytest.fixture
def board(about):
    return publish_standard_page(about, "Zarząd", slug="zarzad", text="Skład.")


@pytest.fixture
def member(make_user):
    return make_user("czlonek@example.test", first_name="Ola", last_name="Nowak")


def page_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [
        q["sql"] for q in context.captured_queries if "wagtailcore_page" in q["sql"]
    ]


# Routing ---------------------------------------------------------------------------


def test_a_remembered_route_loads_the_page_in_one_query(client, member, board):
    client.force_login(member)
    first = page_queries(client, "/o-nas/zarzad/")
    second = page_queries(client, "/o-nas/zarzad/")
    assert len(second) < len(first)
    # Wagtail's view read the route from its request memo: the tree was not walked.
    assert not any('"wagtailcore_page"."slug" =' in sql for sql in second)


def test_view_restrictions_are_not_queried_for_an_unrestricted_page(
    client, member, board
):
    client.force_login(member)
    client.get("/o-nas/zarzad/")
    with CaptureQueriesContext(connection) as context:
        client.get("/o-nas/zarzad/")
    sql = " ".join(q["sql"] for q in context.captured_queries)
    assert "wagtailcore_pageviewrestriction" not in sql


def test_an_unpublished_page_is_gone_despite_a_remembered_route(
    client, member, board, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert client.get("/o-nas/zarzad/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        board.unpublish()
    assert client.get("/o-nas/zarzad/").status_code == 404


def test_an_unpublished_page_is_gone_even_without_the_generation_bump(
    client, member, board
):
    """The remembered entry is checked: a missed bump cannot serve a dead page."""
    client.force_login(member)
    generation = current_generation()
    assert client.get("/o-nas/zarzad/").status_code == 200
    Page.objects.filter(pk=board.pk).update(live=False)  # no signal, no bump
    assert current_generation() == generation
    assert client.get("/o-nas/zarzad/").status_code == 404


def test_a_renamed_page_moves_and_its_old_address_redirects(
    client, member, board, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert client.get("/o-nas/zarzad/").status_code == 200
    board.slug = "wladze"
    with django_capture_on_commit_callbacks(execute=True):
        board.save_revision().publish()
    assert client.get("/o-nas/wladze/").status_code == 200
    old = client.get("/o-nas/zarzad/")  # Wagtail's automatic redirect, not the page
    assert (old.status_code, old["Location"]) == (301, "/o-nas/wladze/")


def test_a_renamed_page_without_the_bump_is_not_served_at_its_old_address(
    client, member, board
):
    client.force_login(member)
    assert client.get("/o-nas/zarzad/").status_code == 200
    # The url_path no longer matches the remembered address: Wagtail routes again.
    Page.objects.filter(pk=board.pk).update(
        slug="wladze", url_path=board.url_path.replace("zarzad", "wladze")
    )
    assert client.get("/o-nas/zarzad/").status_code == 404


def test_a_page_made_private_asks_for_login_at_once(
    client, member, board, django_capture_on_commit_callbacks
):
    assert client.get("/o-nas/zarzad/").status_code == 200  # remembered, unrestricted
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=board, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get("/o-nas/zarzad/")
    assert response.status_code == 302
    assert "/login" in response["Location"]
    client.force_login(member)
    assert client.get("/o-nas/zarzad/").status_code == 200


def test_a_restriction_on_an_ancestor_protects_the_child(
    client, board, django_capture_on_commit_callbacks
):
    assert client.get("/o-nas/zarzad/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=board.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get("/o-nas/zarzad/").status_code == 302


def test_a_restricted_page_keeps_being_checked(client, member, board):
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/o-nas/zarzad/").status_code == 302
    assert client.get("/o-nas/zarzad/").status_code == 302  # remembered: restricted
    client.force_login(member)
    assert client.get("/o-nas/zarzad/").status_code == 200


def test_unknown_addresses_are_not_remembered(client, home_page):
    from django.core.cache import cache

    assert client.get("/nie-ma-takiej-strony/").status_code == 404
    assert not [k for k in cache._cache if "razem:route" in k]


# Page record, breadcrumbs, settings -----------------------------------------------


def test_the_page_record_is_remembered_until_the_next_publish(
    client, member, about, make_user, django_capture_on_commit_callbacks
):
    from razem.templatetags.razem_tags import page_record

    client.force_login(member)
    page_record(about)
    with CaptureQueriesContext(connection) as context:
        html = page_record(about)
    assert not [
        q for q in context.captured_queries if "wagtailcore_revision" in q["sql"]
    ]
    assert html.count("<li><time") == 1
    editor = make_user("redaktor@example.test", first_name="Jan", last_name="Nowak")
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision(user=editor).publish(
            user=editor, skip_permission_checks=True
        )
    about.refresh_from_db()
    html = page_record(about)
    assert html.count("<li><time") == 2
    assert "Jan Nowak" in html


def test_breadcrumbs_follow_a_renamed_parent(
    client, member, board, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert ">O nas</a>" in client.get("/o-nas/zarzad/").content.decode()
    about = board.get_parent().specific
    about.title = "Kim jesteśmy"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    html = client.get("/o-nas/zarzad/").content.decode()
    assert ">Kim jesteśmy</a>" in html
    assert ">O nas</a>" not in html


def test_saved_settings_show_in_the_footer_at_once(
    client, member, about, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.get("/o-nas/")
    settings = AssociationSettings.for_site(about.get_site())
    settings.phone = "(44) 111 22 33"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    assert "(44) 111 22 33" in client.get("/o-nas/").content.decode()


# Permissions (razem.auth) -----------------------------------------------------------


@pytest.fixture
def shared_cache(monkeypatch):
    """Let the permission backend use the cache, as it does with Redis."""
    monkeypatch.setattr("razem.auth.cache_is_shared", lambda: True)


def fresh(user):
    """The account as the next request loads it (no per-object permission memo)."""
    return type(user).objects.get(pk=user.pk)


def permission(codename="access_admin"):
    return Permission.objects.get(
        codename=codename, content_type__app_label="wagtailadmin"
    )


def test_permission_sets_come_from_the_cache(shared_cache, member):
    group = Group.objects.create(name="Redakcja testowa")
    group.permissions.add(permission())
    member.groups.add(group)
    assert fresh(member).has_perm("wagtailadmin.access_admin")
    with CaptureQueriesContext(connection) as context:
        assert fresh(member).has_perm("wagtailadmin.access_admin")
    assert not [q for q in context.captured_queries if "auth_permission" in q["sql"]]


@pytest.mark.parametrize(
    "revoke",
    [
        "leave_group",
        "clear_groups",
        "group_loses_permission",
        "group_deleted",
        "user_loses_own_permission",
    ],
)
def test_a_revoked_permission_is_gone_on_the_next_request(
    shared_cache, member, revoke, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Redakcja testowa")
    group.permissions.add(permission())
    member.groups.add(group)
    if revoke == "user_loses_own_permission":
        member.groups.remove(group)
        member.user_permissions.add(permission())
    assert fresh(member).has_perm("wagtailadmin.access_admin")
    with django_capture_on_commit_callbacks(execute=True):
        if revoke == "leave_group":
            group.user_set.remove(member)
        elif revoke == "clear_groups":
            member.groups.clear()
        elif revoke == "group_loses_permission":
            group.permissions.remove(permission())
        elif revoke == "group_deleted":
            group.delete()
        else:
            member.user_permissions.clear()
    assert not fresh(member).has_perm("wagtailadmin.access_admin")


def test_a_granted_permission_is_there_on_the_next_request(
    shared_cache, member, django_capture_on_commit_callbacks
):
    assert not fresh(member).has_perm("wagtailadmin.access_admin")
    group = Group.objects.create(name="Redakcja testowa")
    with django_capture_on_commit_callbacks(execute=True):
        group.permissions.add(permission())
        member.groups.add(group)
    assert fresh(member).has_perm("wagtailadmin.access_admin")


def test_superuser_and_active_flags_take_effect_at_once(shared_cache, member):
    assert not fresh(member).has_perm("wagtailadmin.access_admin")
    type(member).objects.filter(pk=member.pk).update(is_superuser=True)  # no signal
    assert fresh(member).has_perm("wagtailadmin.access_admin")
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    assert not fresh(member).has_perm("wagtailadmin.access_admin")


def test_the_permission_backend_never_authenticates(member, password):
    from razem.auth import CachedPermissionsBackend

    backend = CachedPermissionsBackend()
    assert backend.authenticate(None, username=member.email, password=password) is None


def test_without_a_shared_cache_permissions_are_read_from_the_database(member):
    group = Group.objects.create(name="Redakcja testowa")
    group.permissions.add(permission())
    member.groups.add(group)
    assert fresh(member).has_perm("wagtailadmin.access_admin")
    group.permissions.clear()  # no on_commit here: no bump reaches the cache
    assert not fresh(member).has_perm("wagtailadmin.access_admin")


# Sessions with the cached_db engine (production's, with Redis); rotation, expiry,
# logout and password change run on both engines in tests/security/test_sessions.py.


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_deleting_an_account_ends_its_cached_sessions(cached_sessions, member, client):
    from django.test import Client

    from members.services.privacy import delete_account

    other_device = Client()
    other_device.force_login(member)
    assert other_device.get("/moj-osrodek/").status_code == 200
    delete_account(member)
    assert other_device.get("/moj-osrodek/").status_code == 302


def test_account_deletion_removes_the_cached_copy_of_each_session(
    cached_sessions, member, settings
):
    from importlib import import_module

    from django.test import Client

    from members.services.privacy import _delete_sessions

    device = Client()
    device.force_login(member)
    key = device.cookies[settings.SESSION_COOKIE_NAME].value
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert store(key).load()  # now in the cache too
    _delete_sessions(member.pk)
    assert store(key).load() == {}


def test_fragments_vary_on_the_generation_without_a_request(board):
    """Templates read the generation themselves: no context processor needed."""
    from django.template.loader import render_to_string

    from razem.cache import invalidate_pages

    about = board.get_parent().specific
    assert ">O nas</a>" in render_to_string(
        "components/breadcrumbs.html", {"page": board}
    )
    about.title = "Kim jesteśmy"
    about.save_revision().publish()  # its on_commit bump does not run here
    invalidate_pages()
    html = render_to_string("components/breadcrumbs.html", {"page": board})
    assert ">Kim jesteśmy</a>" in html


def test_the_record_of_an_unsaved_page_is_markup_not_text(home_page):
    """Previews of new pages render the record afresh, as HTML, not escaped."""
    from django.template import Context, Template

    from razem.models import StandardPage

    draft = StandardPage(title="Nowa strona", slug="nowa", path=home_page.path + "9999")
    html = Template("{% load razem_tags %}{% page_record page %}").render(
        Context({"page": draft})
    )
    assert '<details class="page-record">' in html
    assert "&lt;details" not in html
