"""The access matrix: every URL pattern that takes an object id or token, for every
role, every object (own and foreign) and both methods.

The patterns come from the URL resolver. Each must have an entry in EXPECTATIONS,
or be listed in EXCLUDED with the reason, so a new URL cannot slip in unchecked.
Outcomes:
- ALLOW: the role may do it: no 403/404 and no redirect to a login page;
- DENY: 403, 404 or 405, or a redirect to a login page (or, inside the admin, to
  the dashboard with Wagtail's "no permission" message); nothing changes;
- SAFE: the view may answer (e.g. with an error message), but nothing changes.
Each request runs in a transaction that is rolled back, so one case cannot prepare
the next.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from conferences.choices import RegistrationStatus
from conferences.models import Registration
from consultations.choices import OpinionState
from consultations.models import Comment, OpinionPage, Signature
from members.models import Application, Centre, Invitation, Membership

ALLOW, DENY, SAFE = "allow", "deny", "safe"
ROLES = ["anonymous", "staff_a", "rep_a", "rep_b", "editor", "admin"]
MEMBERS = ["staff_a", "rep_a", "rep_b"]
LOGIN_PATHS = ("/konto/login/", "/admin/login/")
# Wagtail answers a logged-in admin user without the permission with a redirect to
# the dashboard and a "no permission" message.
ADMIN_DENIED = "/admin/"

# Wagtail's and allauth's own parametrised views, tested by those projects; the apps'
# admin views and the snippets of our models are in EXPECTATIONS instead.
EXCLUDED = {
    "wagtaildocs_authenticate_with_password": "Wagtail's private-collection password form",
    "wagtailcore_authenticate_with_password": "Wagtail's private-page password form",
    "wagtailsnippetchoosers_articles_category:chosen": "Wagtail chooser (admin JSON)",
    "wagtailsnippetchoosers_conferences_speaker:chosen": "Wagtail chooser (admin JSON)",
    "wagtailsnippetchoosers_consultations_draftlaw:chosen": "Wagtail chooser (admin JSON)",
}
APP_PREFIXES = ("members", "conferences", "consultations", "articles", "razem")


def _walk(resolver, prefix="", namespaces=()):
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            extra = (entry.namespace,) if entry.namespace else ()
            yield from _walk(entry, text, namespaces + extra)
        elif isinstance(entry, URLPattern):
            yield text, ":".join(namespaces + (entry.name or "",))


def parametrised_patterns() -> dict[str, str]:
    """URL name -> pattern, for every pattern that takes an id or a token.

    Admin URLs count when they belong to the apps: their namespaces, their viewsets
    (registrations, members_*) and the snippets of their models.
    """
    found = {}
    for text, name in _walk(get_resolver()):
        if "<" not in text and "(?P" not in text:
            continue
        if text.startswith("admin/"):
            base = name.split(":")[0]
            ours = (
                base.startswith(APP_PREFIXES)
                or base == "registrations"
                or any(f"_{app}_" in base for app in APP_PREFIXES)
            )
            if not ours:
                continue
        found[name] = text
    return found


# -- the world --------------------------------------------------------------------


@dataclass
class World:
    """Objects of centre A and centre B, and the site's own records."""

    people: object
    pages: object
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


def _registration(conference, centre, user, email, **extra):
    return Registration.objects.create(
        conference=conference,
        centre=centre,
        registered_by=user,
        first_name="Zażółć",
        last_name=f"Gęślą {email}",
        email=email,
        status=RegistrationStatus.CONFIRMED,
        queued_at=timezone.now(),
        fee=conference.member_fee,
        **extra,
    )


def _past_conference(pages):
    from tests.factories.conferences import make_conference

    today = timezone.localdate()
    return make_conference(
        index=pages.conference_index,
        open_now=False,
        start_date=today - datetime.timedelta(days=30),
        end_date=today - datetime.timedelta(days=28),
    )


def _opinion_with_letter(pages, state):
    from tests.factories.consultations import opinion_page

    opinion = opinion_page(pages.opinion_index, state=state)
    opinion.letter_pdf.save(
        f"pismo-{opinion.pk}.pdf", ContentFile(b"%PDF-1.4 list"), save=False
    )
    OpinionPage.objects.filter(pk=opinion.pk).update(
        letter_pdf=opinion.letter_pdf.name, letter_sha256="0" * 64
    )
    return opinion


@pytest.fixture
def world(pages, people, pending_application):
    from articles.models import Category
    from tests.factories.conferences import SpeakerFactory
    from tests.factories.consultations import DraftLawFactory
    from tests.factories.members import invitation

    conference = pages.conference
    past = _past_conference(pages)
    now = timezone.now()
    objects = {
        "membership_staff_a": Membership.objects.get(user=people.staff_a),
        "membership_staff_b": Membership.objects.get(user=people.staff_b),
        "invitation_a": invitation(people.centre_a, email="nowy@a.test")[0],
        "invitation_b": invitation(people.centre_b, email="nowy@b.test"),
        "registration_a": _registration(
            conference, people.centre_a, people.rep_a, "a@a.test"
        ),
        "registration_b": _registration(
            conference, people.centre_b, people.rep_b, "b@b.test"
        ),
        "attended_a": _registration(
            past, people.centre_a, people.rep_a, "a@a.test", checked_in_at=now
        ),
        "attended_b": _registration(
            past, people.centre_b, people.rep_b, "b@b.test", checked_in_at=now
        ),
        "sent_opinion": _opinion_with_letter(pages, OpinionState.SENT),
        "open_with_letter": _opinion_with_letter(pages, OpinionState.OPEN),
        "comment_b": Comment.objects.create(
            opinion=pages.opinion,
            author=people.staff_b,
            centre=people.centre_b,
            body="<p>Komentarz ośrodka B</p>",
        ),
        "draft_comment_b": Comment.objects.create(
            opinion=pages.draft_opinion,
            author=people.staff_b,
            centre=people.centre_b,
            body="<p>Komentarz do projektu</p>",
        ),
        "application": pending_application,
        "category": Category.objects.create(name="Szkolenia", slug="szkolenia"),
        "speaker": SpeakerFactory(),
        "draft_law": DraftLawFactory(),
    }
    objects["invitation_b"], objects["token_b"] = objects["invitation_b"]
    return World(people=people, pages=pages, objects=objects | {"past": past})


# -- expectations --------------------------------------------------------------------


@dataclass
class Case:
    """One object for a URL: its kwargs and the outcome per role and method."""

    label: str
    kwargs: dict
    get: dict
    post: dict


def outcomes(default=DENY, **by_role) -> dict:
    """Role -> outcome, `default` for roles not named."""
    return {role: by_role.get(role, default) for role in ROLES}


def members_only(*roles, other=DENY) -> dict:
    return outcomes(other, **dict.fromkeys(roles, ALLOW))


ADMIN_ONLY = outcomes(admin=ALLOW)
NOBODY = outcomes()
EVERYONE = outcomes(ALLOW)


# Deleting these is refused to everyone: protected by other records (centres,
# gminy) or by the registration permission policy (places go through services).
UNDELETABLE = {"members_centre", "members_municipality", "registrations"}


def admin_case(label, kwargs, *, post=None) -> Case:
    """An admin view of the apps: the superuser only; POST refused to the rest."""
    return Case(label, kwargs, ADMIN_ONLY, post if post is not None else ADMIN_ONLY)


def _people_cases(w, action):
    return [
        Case(
            "person of A",
            {"pk": w["membership_staff_a"].pk},
            members_only("rep_a"),
            members_only("rep_a"),
        ),
        Case(
            "person of B",
            {"pk": w["membership_staff_b"].pk},
            members_only("rep_b"),
            members_only("rep_b"),
        ),
    ]


def _members_cases(w):
    return {
        "members:invitation": [
            Case("valid token of B", {"token": w["token_b"]}, EVERYONE, outcomes(SAFE)),
            Case("forged token", {"token": "x" * 43}, NOBODY, NOBODY),
        ],
        "members:remove_person": _people_cases(w, "remove"),
        "members:hand_over": _people_cases(w, "hand_over"),
        "members:cancel_invitation": [
            Case(
                "invitation of A",
                {"pk": w["invitation_a"].pk},
                NOBODY,
                members_only("rep_a"),
            ),
            Case(
                "invitation of B",
                {"pk": w["invitation_b"].pk},
                NOBODY,
                members_only("rep_b"),
            ),
        ],
    }


def _registration_cases(w, *, own_get, own_post, prefix):
    return [
        Case(
            "registration of A",
            {"pk": w[f"{prefix}_a"].pk},
            members_only(*own_get["a"]),
            members_only(*own_post["a"]),
        ),
        Case(
            "registration of B",
            {"pk": w[f"{prefix}_b"].pk},
            members_only(*own_get["b"]),
            members_only(*own_post["b"]),
        ),
    ]


def _conference_cases(w):
    centre_a = ("staff_a", "rep_a")
    conference = w.pages.conference
    cases = {
        "conferences:register": [
            Case(
                "open conference",
                {"page_id": conference.pk},
                members_only(*MEMBERS),
                members_only(*MEMBERS),
            ),
            Case("not a conference", {"page_id": w.pages.home.pk}, NOBODY, NOBODY),
        ],
        "conferences:cancel": _registration_cases(
            w,
            own_get={"a": centre_a, "b": ("rep_b",)},
            own_post={"a": centre_a, "b": ("rep_b",)},
            prefix="registration",
        ),
        "conferences:certificate": _registration_cases(
            w,
            own_get={"a": centre_a, "b": ("rep_b",)},
            own_post={"a": centre_a, "b": ("rep_b",)},
            prefix="attended",
        ),
    }
    for name in (
        "conferences:staff_conference",
        "conferences:staff_export_csv",
        "conferences:staff_export_xlsx",
        "conferences:staff_badges",
        "conferences:staff_check_in",
    ):
        cases[name] = [admin_case("conference", {"page_id": conference.pk})]
    cases["conferences:staff_certificates"] = [
        admin_case("past conference", {"page_id": w["past"].pk})
    ]
    for name in (
        "conferences:staff_check_in_action",
        "conferences:staff_approve",
        "conferences:staff_cancel",
    ):
        cases[name] = [
            admin_case("registration of A", {"pk": w["registration_a"].pk}),
            admin_case("registration of B", {"pk": w["registration_b"].pk}),
        ]
    for action in ("edit", "history", "history_results", "usage", "inspect"):
        cases[f"registrations:{action}"] = [
            admin_case("registration of A", {"pk": w["registration_a"].pk}),
        ]
    refused = outcomes(admin=SAFE)
    cases["registrations:delete"] = [
        Case("registration of A", {"pk": w["registration_a"].pk}, refused, refused)
    ]
    return cases


def _opinion_cases(w):
    opinion, draft = w.pages.opinion, w.pages.draft_opinion
    reps = ("rep_a", "rep_b")
    discuss = outcomes(DENY, staff_a=ALLOW, rep_a=ALLOW, rep_b=ALLOW)
    # Staff who manage opinions see drafts; signing is refused to them by the service.
    sign_open = outcomes(SAFE, anonymous=DENY, **dict.fromkeys(reps, ALLOW))
    sign_draft = outcomes(SAFE, anonymous=DENY, editor=DENY)
    return {
        "consultations:sign": [
            Case("open opinion", {"opinion_id": opinion.pk}, NOBODY, sign_open),
            Case("draft opinion", {"opinion_id": draft.pk}, NOBODY, sign_draft),
        ],
        "consultations:withdraw": [
            Case(
                "open opinion",
                {"opinion_id": opinion.pk},
                NOBODY,
                sign_open | dict.fromkeys(reps, SAFE),
            ),
            Case("draft opinion", {"opinion_id": draft.pk}, NOBODY, sign_draft),
        ],
        "consultations:comment": [
            Case("open opinion", {"opinion_id": opinion.pk}, NOBODY, discuss),
            Case("draft opinion", {"opinion_id": draft.pk}, NOBODY, discuss),
        ],
        "consultations:letter": [
            Case("sent letter", {"opinion_id": w["sent_opinion"].pk}, EVERYONE, NOBODY),
            Case(
                "letter not sent yet",
                {"opinion_id": w["open_with_letter"].pk},
                ADMIN_ONLY,
                NOBODY,
            ),
        ],
        "consultations:letter_pack": [
            Case("sent letter", {"opinion_id": w["sent_opinion"].pk}, EVERYONE, NOBODY),
            Case(
                "letter not sent yet",
                {"opinion_id": w["open_with_letter"].pk},
                ADMIN_ONLY,
                NOBODY,
            ),
        ],
        "consultations_admin:opinion": [
            admin_case("draft opinion", {"opinion_id": draft.pk}),
        ],
        "consultations_admin:transition": [
            admin_case("open opinion", {"opinion_id": opinion.pk, "action": "close"}),
        ],
        "consultations_admin:export": [
            admin_case("signatories", {"opinion_id": opinion.pk, "file_format": "csv"}),
            admin_case(
                "signatories", {"opinion_id": opinion.pk, "file_format": "xlsx"}
            ),
        ],
        "consultations_admin:hide_comment": [
            admin_case("comment of B", {"comment_id": w["comment_b"].pk}),
            admin_case("comment on a draft", {"comment_id": w["draft_comment_b"].pk}),
        ],
    }


VIEWSET_ACTIONS = ("edit", "delete", "history", "history_results", "usage", "inspect")


def _admin_record_cases(w):
    records = {
        "members_centre": w.people.centre_b.pk,
        "members_application": w["application"].pk,
        "members_municipality": w.people.centre_b.municipality_id,
        "members_invitation": w["invitation_b"].pk,
        "wagtailsnippets_articles_category": w["category"].pk,
        "wagtailsnippets_conferences_speaker": w["speaker"].pk,
        "wagtailsnippets_consultations_draftlaw": w["draft_law"].pk,
    }
    cases = {}
    for namespace, pk in records.items():
        # "representative": the office appoints a centre's representative.
        for action in (*VIEWSET_ACTIONS, "accept", "reject", "copy", "representative"):
            cases[f"{namespace}:{action}"] = [admin_case(namespace, {"pk": pk})]
        if namespace in UNDELETABLE:
            refused = outcomes(admin=SAFE)
            cases[f"{namespace}:delete"] = [
                Case(namespace, {"pk": pk}, refused, refused)
            ]
    return cases


def _site_cases(w):
    unpublished = w.pages.draft_opinion
    return {
        "page_pdf": [
            Case(
                "public page",
                {"page_id": w.pages.standard.pk},
                EVERYONE,
                outcomes(SAFE),
            ),
            Case(
                "draft opinion (members and its managers)",
                {"page_id": unpublished.pk},
                members_only(*MEMBERS, "admin"),
                outcomes(SAFE, anonymous=DENY, editor=DENY),
            ),
        ],
        "account_confirm_email": [
            Case(
                "forged key", {"key": "MQ:forged:key"}, outcomes(SAFE), outcomes(SAFE)
            ),
        ],
        "account_reset_password_from_key": [
            Case(
                "forged key",
                {"uidb36": "1", "key": "forged-key"},
                outcomes(SAFE),
                outcomes(SAFE),
            ),
        ],
    }


def expectations(w) -> dict[str, list[Case]]:
    """URL name -> cases, for every parametrised URL of the project."""
    table = {}
    for part in (
        _members_cases,
        _conference_cases,
        _opinion_cases,
        _admin_record_cases,
        _site_cases,
    ):
        table.update(part(w))
    return table


# -- the check -------------------------------------------------------------------------


def fingerprint() -> str:
    """A digest of every record an unauthorised request could change."""
    rows = []
    for model in (
        Registration,
        Signature,
        Comment,
        Membership,
        Invitation,
        Centre,
        Application,
    ):
        rows.append(list(model.objects.order_by("pk").values()))
    rows.append(
        list(OpinionPage.objects.order_by("pk").values_list("pk", "state", "live"))
    )
    from django.contrib.auth import get_user_model

    rows.append(
        list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", "is_staff", "is_superuser", "is_active", "password")
        )
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _is_login_redirect(response) -> bool:
    location = response.get("Location", "")
    return response.status_code in (301, 302) and (
        location == ADMIN_DENIED or location.startswith(LOGIN_PATHS)
    )


def judge(outcome, response, before, after) -> str | None:
    """None when the response fits the outcome, else what went wrong."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if outcome == ALLOW:
        if status in (403, 404) or _is_login_redirect(response):
            return f"refused ({status} {response.get('Location', '')})"
        return None
    if before != after:
        return f"changed data (status {status})"
    if outcome == DENY and not (
        status in (403, 404, 405) or _is_login_redirect(response)
    ):
        return f"answered {status} {response.get('Location', '')}"
    return None


@pytest.fixture(autouse=True)
def _quick_pdfs(monkeypatch):
    """Access is the question here, not rendering: PDFs come out as a stub."""
    import importlib

    for module in (
        "razem.pdf",
        "conferences.services.documents",
        "consultations.services.letters",
    ):
        monkeypatch.setattr(
            importlib.import_module(module), "html_to_pdf", lambda html: b"%PDF-stub"
        )


@pytest.fixture
def clients(people):
    """One logged-in client per role."""
    result = {"anonymous": Client()}
    for role, user in people.by_role().items():
        if user is not None:
            result[role] = Client()
            result[role].force_login(user)
    return result


def run_case(client, method, url, outcome):
    with transaction.atomic():
        before = fingerprint() if outcome != ALLOW else ""
        response = getattr(client, method)(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        after = fingerprint() if outcome != ALLOW else ""
        transaction.set_rollback(True)
    return judge(outcome, response, before, after)


@pytest.mark.django_db
def test_every_parametrised_url_has_expectations(world):
    patterns = parametrised_patterns()
    table = expectations(world)
    missing = sorted(set(patterns) - set(table) - set(EXCLUDED))
    assert not missing, f"URL patterns without an entry in the access matrix: {missing}"
    assert len(patterns) > 40


@pytest.mark.django_db
def test_access_matrix(world, clients, capsys, monkeypatch):
    from django.urls import reverse

    # Every role asks for the PDFs from one address: the per-client render limit
    # (its own tests: tests/razem/test_pdf_requests.py) is not what this checks.
    monkeypatch.setattr("razem.views.PDF_RENDER_LIMIT", 10_000)

    patterns = parametrised_patterns()
    table = expectations(world)
    problems, checked = [], 0
    for name in sorted(set(patterns) & set(table)):
        for case in table[name]:
            url = reverse(name, kwargs=case.kwargs)
            for method, plan in (("get", case.get), ("post", case.post)):
                for role in ROLES:
                    problem = run_case(clients[role], method, url, plan[role])
                    checked += 1
                    if problem:
                        problems.append(
                            f"{name} [{case.label}] {method.upper()} {url} as {role}: "
                            f"expected {plan[role]}, {problem}"
                        )
    assert checked > 500
    with capsys.disabled():
        print(f"\n[access matrix] {checked} requests checked")  # noqa: T201
    assert not problems, "\n".join(problems)


# Any admin user may open these: Wagtail's snippet choosers (the page editor picks
# categories, speakers and draft laws, all public), and the opinion console's list,
# which the consultations app opens to everyone with admin access.
EDITOR_MAY_OPEN = {"consultations_admin:opinions"}
# Refused to everyone: registrations are only created through the services.
REFUSED_TO_ALL = {"registrations:add"}


def list_plan(name: str) -> dict:
    """Outcome per role for an admin page without parameters."""
    if name in REFUSED_TO_ALL:
        return outcomes(admin=SAFE)
    chooser = name.startswith("wagtailsnippetchoosers_") and not name.endswith(
        ":create"
    )
    if name in EDITOR_MAY_OPEN or chooser:
        return outcomes(admin=ALLOW, editor=ALLOW)
    return outcomes(admin=ALLOW)


def app_admin_lists() -> dict[str, str]:
    """URL name -> path of the apps' admin pages without parameters (lists, add
    forms, dashboards), each list also as its CSV and XLSX export."""
    found = {}
    for text, name in _walk(get_resolver()):
        if not text.startswith("admin/") or "<" in text or "(?P" in text:
            continue
        base = name.split(":")[0]
        if (
            base.startswith(APP_PREFIXES)
            or base == "registrations"
            or any(f"_{app}_" in base for app in APP_PREFIXES)
        ):
            found[name] = "/" + text
    return found


@pytest.mark.django_db
def test_app_admin_lists_and_exports_are_for_staff_only(world, clients):
    paths = app_admin_lists()
    assert len(paths) >= 10
    urls = []
    for name, path in sorted(paths.items()):
        urls.append((name, path))
        if name.endswith(":index"):
            urls += [(name, f"{path}?export=csv"), (name, f"{path}?export=xlsx")]
    problems = []
    for name, url in urls:
        plan = list_plan(name)
        for role in ROLES:
            problem = run_case(clients[role], "get", url, plan[role])
            if problem:
                problems.append(
                    f"{name} GET {url} as {role}: expected {plan[role]}, {problem}"
                )
    assert not problems, "\n".join(problems)
