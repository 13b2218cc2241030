"""Who may open what: every members URL and admin view for six kinds of people.

Rows: anonymous, staff of centre A, representative of A, representative of B,
association editor, association admin. A person of one centre never sees or
changes another centre's data: ids of centre A in the URL give B 404.
"""

import pytest
from django.urls import reverse

from members.models import Membership
from tests.factories.members import ApplicationFactory, invitation

PEOPLE = ["anonymous", "staff_a", "rep_a", "rep_b", "editor", "admin"]
LOGIN = "/konto/login/"


@pytest.fixture
def world(db, centre_a, centre_b, rep_a, staff_a, rep_b, editor, admin_user):
    """The people and some objects of centre A to aim at."""
    invite, _token = invitation(centre_a, email="nowy@example.test")
    return {
        "users": {
            "anonymous": None,
            "staff_a": staff_a,
            "rep_a": rep_a,
            "rep_b": rep_b,
            "editor": editor,
            "admin": admin_user,
        },
        "staff_a_membership": Membership.objects.get(user=staff_a),
        "invitation": invite,
        "application": ApplicationFactory(),
        "centre_a": centre_a,
    }


def as_person(client, world, who):
    user = world["users"][who]
    if user is not None:
        client.force_login(user)
    return client


def outcome(response):
    """A short name for what happened: ok, login, denied, missing, admin-denied."""
    code = response.status_code
    location = response.get("Location", "")
    if code == 200:
        return "ok"
    if code == 302 and location.startswith(LOGIN):
        return "login"
    if code == 302 and location.startswith("/admin/login"):
        return "login"
    if code == 302 and location in ("/admin/", "/admin"):
        return "admin-denied"
    if code == 403:
        return "denied"
    if code == 404:
        return "missing"
    return f"{code} {location}"


PUBLIC = ["/przystap/", "/przystap/gminy/?q=al", "/przystap/wyslano/", "/czlonkowie/"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_open_for_everybody(client, world, who, url):
    assert outcome(as_person(client, world, who).get(url)) == "ok"


# Expected result per person for the front-end pages of a centre (GET).
CENTRE_PAGES = {
    "my_centre": ("/moj-osrodek/", ["login", "ok", "ok", "ok", "ok", "ok"]),
    "edit_contacts": (
        "/moj-osrodek/dane/",
        ["login", "denied", "ok", "ok", "denied", "denied"],
    ),
    "invite": (
        "/moj-osrodek/osoby/zapros/",
        ["login", "denied", "ok", "ok", "denied", "denied"],
    ),
    "my_data": ("/moj-osrodek/moje-dane/", ["login", "ok", "ok", "ok", "ok", "ok"]),
    "delete_account": (
        "/moj-osrodek/usun-konto/",
        ["login", "ok", "ok", "ok", "ok", "ok"],
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(CENTRE_PAGES))
@pytest.mark.parametrize("index,who", list(enumerate(PEOPLE)))
def test_centre_pages(client, world, page, index, who):
    url, expected = CENTRE_PAGES[page]
    assert outcome(as_person(client, world, who).get(url)) == expected[index]


@pytest.mark.django_db
@pytest.mark.parametrize("index,who", list(enumerate(PEOPLE)))
def test_my_centre_shows_only_own_centre(client, world, index, who):
    response = as_person(client, world, who).get("/moj-osrodek/")
    if who in ("staff_a", "rep_a"):
        html = response.content.decode()
        assert "MGOPS Alfa" in html and "CUS Beta" not in html
    elif who == "rep_b":
        html = response.content.decode()
        assert "CUS Beta" in html and "MGOPS Alfa" not in html
        assert "staff-a@example.test" not in html
    elif who in ("editor", "admin"):
        assert "MGOPS Alfa" not in response.content.decode()


# Actions on objects of centre A (by id in the URL).
A_OBJECT_PAGES = [
    ("remove_person", "staff_a_membership"),
    ("hand_over", "staff_a_membership"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,target", A_OBJECT_PAGES)
@pytest.mark.parametrize(
    "who,expected",
    [
        ("anonymous", "login"),
        ("staff_a", "denied"),
        ("rep_a", "ok"),
        ("rep_b", "missing"),
        ("editor", "denied"),
        ("admin", "denied"),
    ],
)
def test_actions_on_centre_a_people(client, world, name, target, who, expected):
    url = reverse(f"members:{name}", args=[world[target].pk])
    assert outcome(as_person(client, world, who).get(url)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "staff_a", "rep_b", "editor", "admin"])
def test_others_cannot_remove_or_promote_staff_of_a(client, world, who):
    membership = world["staff_a_membership"]
    as_person(client, world, who)
    client.post(reverse("members:remove_person", args=[membership.pk]))
    client.post(reverse("members:hand_over", args=[membership.pk]))
    membership.refresh_from_db()
    assert membership.role == "staff"
    assert membership.centre == world["centre_a"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,expected",
    [
        # A POST without a login: the Polish page of an ended session (403), which
        # keeps what was typed (razem.middleware.EndedSessionPostMiddleware).
        ("anonymous", "denied"),
        ("staff_a", "denied"),
        ("rep_b", "missing"),
        ("editor", "denied"),
        ("admin", "denied"),
    ],
)
def test_others_cannot_withdraw_invitations_of_a(client, world, who, expected):
    invite = world["invitation"]
    url = reverse("members:cancel_invitation", args=[invite.pk])
    assert outcome(as_person(client, world, who).post(url)) == expected
    invite.refresh_from_db()
    assert invite.is_usable


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff_a", "rep_b", "editor"])
def test_others_cannot_change_contacts_of_a(client, world, who):
    as_person(client, world, who).post(
        "/moj-osrodek/dane/", {"director": "Włamywacz", "email": "x@example.test"}
    )
    world["centre_a"].refresh_from_db()
    assert world["centre_a"].director != "Włamywacz"


def admin_urls(world):
    application = world["application"]
    centre = world["centre_a"]
    return {
        "centres": "/admin/members/centre/",
        "centre_edit": f"/admin/members/centre/edit/{centre.pk}/",
        "centre_export": "/admin/members/centre/?export=csv",
        "applications": "/admin/members/application/",
        "application_inspect": f"/admin/members/application/inspect/{application.pk}/",
        "application_accept": f"/admin/members/application/accept/{application.pk}/",
        "application_reject": f"/admin/members/application/reject/{application.pk}/",
        "municipalities": "/admin/members/municipality/",
        "invitations": "/admin/members/invitation/",
    }


ADMIN_VIEWS = [
    "centres",
    "centre_edit",
    "centre_export",
    "applications",
    "application_inspect",
    "application_accept",
    "application_reject",
    "municipalities",
    "invitations",
]


@pytest.mark.django_db
@pytest.mark.parametrize("view", ADMIN_VIEWS)
@pytest.mark.parametrize(
    "who,expected",
    [
        ("anonymous", "login"),
        # A logged-in centre person gets the site's Polish 403 (with the way to
        # "Mój ośrodek"), not a redirect to the login that sends them back.
        ("staff_a", "denied"),
        ("rep_a", "denied"),
        ("rep_b", "denied"),
        ("editor", "admin-denied"),
        ("admin", "ok"),
    ],
)
def test_admin_views(client, world, view, who, expected):
    url = admin_urls(world)[view]
    assert outcome(as_person(client, world, who).get(url)) == expected
