"""Every admin form staff use, submitted empty and with bad values (issue 10, 15).

The walk, as a superuser whose second factor is set up:
- every admin URL of the apps (their viewsets and snippets: add, edit, copy; their
  custom views: decisions, consoles, transitions), parameters filled from the
  access matrix's world (`tests/security/test_access_matrix.py`);
- the association's settings;
- each page type's add form under a parent that allows it, and its edit form.

Each view that shows a form is posted three times, with what a browser sends for the
form as rendered (its inputs, textareas, selects, the inline panels' management
forms, stream fields): empty; with bad values (texts past their limit, impossible
dates and times, negative numbers); and with every date range reversed. No answer
may be a 500, and every error message shown must be Polish, never the generic
'Ograniczenie "…" zostało naruszone.'. Each POST runs in a rolled-back
transaction.
"""

import dataclasses
import re
import traceback
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django import forms
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page, Site

from tests.security.test_access_matrix import expectations, world  # noqa: F401

PROJECT_APPS = ("razem", "articles", "members", "conferences", "consultations")
PROJECT_NAMESPACES = (
    "members_",
    "registrations",
    "conferences",
    "consultations_admin",
    "wagtailsnippets_articles_",
    "wagtailsnippets_conferences_",
    "wagtailsnippets_consultations_",
)
# Views that show records or files, never a form to fill in.
NOT_FORMS = re.compile(
    r":(index|index_results|list|list_results|history|history_results|usage|inspect"
    r"|delete|export.*"
    r"|staff_export_\w+|staff_badges|staff_certificates|results)$"
)
GENERIC_CONSTRAINT = re.compile(
    r"Ograniczenie [„\"“].+[”\"] zostało naruszone|Constraint “.+” is violated"
)
ENGLISH = re.compile(
    r"\b(the|must|cannot|should|is not|are not|Enter a|Ensure this|This field|"
    r"already exists|invalid|Invalid)\b"
)
POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
LONG = 100_001

# Failures that belong to other apps' code, left in this list (not fixed here)
# for the lead to route and empty; each entry is "<url name or page type> <case>".
# An entry that no longer fails makes the test fail too (remove it then).
KNOWN_FAILURES: dict[str, str] = {}


# -- what a browser sends ---------------------------------------------------------------


class FormInputs(HTMLParser):
    """The fields of each POST form of a page, as a browser would send them.

    Inputs inside <template> (an inline panel's blank child) are not sent.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form = None
        self._template = 0
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template += 1
        elif tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = []
            self.forms.append(self._form)
        elif self._form is None or self._template:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "chosen": [], "first": None}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def _input(self, attrs):
        name, kind = attrs.get("name"), (attrs.get("type") or "text").lower()
        if not name or kind in ("submit", "button", "file", "image", "reset"):
            return
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        self._form.append(
            (name, attrs.get("value", "on" if kind == "checkbox" else ""))
        )

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            if self._form is not None and not self._template:
                self._form.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or [self._select["first"] or ""]
            if self._form is not None and not self._template:
                self._form.extend((self._select["name"], v) for v in chosen)
            self._select = None


def as_sent(html: str) -> dict[str, list[str]]:
    """The largest POST form of the page (the admin's own form), as data."""
    parser = FormInputs()
    parser.feed(html)
    largest = max(parser.forms, key=len, default=[])
    data: dict[str, list[str]] = {}
    for name, value in largest:
        data.setdefault(name, []).append(value)
    return data


# -- the forms behind the page --------------------------------------------------------


def django_forms(context) -> list[forms.BaseForm]:
    """The forms in a response's context, with the inline panels' child forms."""
    found = []
    for value in _context_values(context):
        if isinstance(value, forms.BaseForm) and value not in found:
            found.append(value)
            for formset in getattr(value, "formsets", {}).values():
                found.extend(formset.forms)
    return found


def _context_values(context):
    if context is None:
        return []
    contexts = context if isinstance(context, list) else [context]
    values = []
    for ctx in contexts:
        flattened = ctx.flatten() if hasattr(ctx, "flatten") else dict(ctx)
        values.extend(flattened.values())
    return values


def _is_text(field) -> bool:
    widget = field.widget
    return (
        isinstance(field, forms.CharField)
        and not widget.is_hidden
        and "Draftail" not in type(widget).__name__
        and "Block" not in type(widget).__name__
    )


def _stream_counts(form) -> dict[str, list[str]]:
    """Stream fields are built by script in the browser; an empty one is sent."""
    return {
        f"{form.add_prefix(name)}-count": ["0"]
        for name, field in form.fields.items()
        if type(field).__name__ == "BlockField"
    }


def bad_values(form, sent: dict) -> dict:
    """Texts past their limit, impossible dates and times, negative numbers."""
    data = dict(sent)
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if field.disabled or field.widget.is_hidden:
            continue
        if isinstance(field, forms.SplitDateTimeField):
            data[f"{key}_0"], data[f"{key}_1"] = ["2024-02-31"], ["25:61"]
        elif isinstance(field, forms.DateTimeField):
            data[key] = ["2024-02-31 25:61"]
        elif isinstance(field, forms.DateField):
            data[key] = ["2024-02-31"]
        elif isinstance(field, forms.TimeField):
            data[key] = ["25:61"]
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            data[key] = ["-5"]
        elif _is_text(field) and not isinstance(field, forms.ChoiceField):
            data[key] = ["ż" * ((field.max_length or LONG - 1) + 1)]
    return data


def reversed_ranges(form, sent: dict) -> dict:
    """Every date and time field later than the next one declared (end < start)."""
    data = dict(sent)
    moments = [
        (name, field)
        for name, field in form.fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and not field.disabled
        and not field.widget.is_hidden
    ]
    for position, (name, field) in enumerate(moments):
        day = f"2031-06-{20 - position:02d}"
        key = form.add_prefix(name)
        if isinstance(field, forms.SplitDateTimeField):
            data[f"{key}_0"], data[f"{key}_1"] = [day], ["10:00"]
        elif isinstance(field, forms.DateTimeField):
            data[key] = [f"{day} 10:00"]
        else:
            data[key] = [day]
    return data


def empty(forms_found, sent: dict) -> dict:
    """Nothing typed: every visible field of the form and its inline panels blank;
    what the page itself carries (ids, management forms, hidden fields) stays."""
    data = dict(sent)
    for form in forms_found:
        for name, field in form.fields.items():
            if field.widget.is_hidden or field.disabled:
                continue
            key = form.add_prefix(name)
            if isinstance(
                field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField
            ):
                data.pop(key, None)  # no box ticked: nothing is sent
            elif "Draftail" in type(field.widget).__name__:
                data[key] = [field.widget.format_value("")]  # the editor's own empty
            else:
                data[key] = [""]
    return data


# -- judging an answer ------------------------------------------------------------------


def error_messages(forms_found) -> list[tuple[str, str]]:
    messages = []
    for form in forms_found:
        if not form.is_bound:
            continue
        for name, errors in form.errors.items():
            messages.extend((name, str(message)) for message in errors)
    return messages


def message_problem(message: str) -> str | None:
    if GENERIC_CONSTRAINT.search(message):
        return "the generic constraint message"
    if ENGLISH.search(message) and not POLISH_LETTERS.search(message):
        return "not Polish"
    return None


def failure_summary(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return f"HTTP {response.status_code}"
    frames = [
        f"{frame.filename.split('/work/main/')[-1]}:{frame.lineno}"
        for frame in traceback.extract_tb(exc_info[2])
        if "/site-packages/" not in frame.filename
    ]
    return f"500 {exc_info[0].__name__}: {exc_info[1]} ({' < '.join(frames[-2:])})"


@dataclass
class Walk:
    client: Client
    problems: dict[str, str] = dataclasses.field(default_factory=dict)
    walked: list[str] = dataclasses.field(default_factory=list)

    def visit(self, label: str, url: str) -> None:
        response = self.client.get(url)
        if response.status_code >= 500:
            self.problems[f"{label} GET"] = failure_summary(response)
            return
        found = django_forms(response.context) if response.status_code == 200 else []
        main = next((f for f in found if f.fields), None)
        if main is None:
            return
        self.walked.append(label)
        sent = as_sent(response.content.decode())
        for formset_form in found:
            sent.update(_stream_counts(formset_form))
        self.post(f"{label} empty", url, empty(found, sent))
        for case, build in (
            ("bad values", bad_values),
            ("reversed ranges", reversed_ranges),
        ):
            self.post(f"{label} {case}", url, build(main, sent))

    def post(self, label: str, url: str, data: dict) -> None:
        with transaction.atomic():
            response = self.client.post(url, data)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            self.problems[label] = failure_summary(response)
            return
        for name, message in error_messages(django_forms(response.context)):
            problem = message_problem(message)
            if problem:
                self.problems[label] = f"{name}: {problem}: {message[:200]}"


# -- what to walk -----------------------------------------------------------------------


def _walk_patterns(resolver, prefix="", namespaces=()):
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            extra = (entry.namespace,) if entry.namespace else ()
            yield from _walk_patterns(entry, text, namespaces + extra)
        elif isinstance(entry, URLPattern):
            yield text, ":".join(namespaces + (entry.name or "",))


def app_admin_urls(the_world) -> list[tuple[str, str]]:
    """(label, url) of every admin view of the apps that may show a form."""
    cases = expectations(the_world)
    urls = []
    for text, name in _walk_patterns(get_resolver()):
        if not text.startswith("admin/") or not name.startswith(PROJECT_NAMESPACES):
            continue
        if NOT_FORMS.search(name):
            continue
        if "<" not in text:
            urls.append((name, reverse(name)))
            continue
        for case in cases.get(name, []):
            urls.append((f"{name} ({case.label})", reverse(name, kwargs=case.kwargs)))
    return urls


def page_urls(the_world) -> list[tuple[str, str]]:
    """Each project page type: its add form under an allowed parent, its edit form."""
    urls = []
    existing = list(Page.objects.filter(depth__gt=1).specific())
    for model in apps.get_models():
        if not issubclass(model, Page) or model._meta.app_label not in PROJECT_APPS:
            continue
        label = model._meta.label
        parent = next(
            (
                p
                for p in existing
                if model.can_create_at(p) and model.can_exist_under(p)
            ),
            None,
        )
        if parent is not None:
            add = reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, parent.pk],
            )
            urls.append((f"{label} add", add))
        own = next((p for p in existing if type(p) is model), None)
        if own is not None:
            urls.append(
                (f"{label} edit", reverse("wagtailadmin_pages:edit", args=[own.pk]))
            )
    return urls


def transition_urls(the_world) -> list[tuple[str, str]]:
    """Every state change of an opinion, on an opinion in a state that allows it
    (the access matrix's world has one case of them)."""
    from consultations.admin_views import ACTIONS
    from tests.factories.consultations import opinion_page

    urls, by_state = [], {}
    for key, action in ACTIONS.items():
        state = action.from_states[0]
        if state not in by_state:
            by_state[state] = opinion_page(the_world.pages.opinion_index, state=state)
        url = reverse(
            "consultations_admin:transition",
            kwargs={"opinion_id": by_state[state].pk, "action": key},
        )
        urls.append((f"consultations_admin:transition {key}", url))
    return urls


def settings_urls() -> list[tuple[str, str]]:
    site = Site.objects.get(is_default_site=True)
    return [
        (
            "razem.AssociationSettings edit",
            reverse(
                "wagtailsettings:edit", args=["razem", "associationsettings", site.pk]
            ),
        )
    ]


@pytest.fixture
def superuser_client(request):
    the_world = request.getfixturevalue("world")
    client = Client(raise_request_exception=False)
    client.force_login(the_world.people.admin)  # TOTP set up (conftest)
    return the_world, client


@pytest.fixture
def quick_pdfs(monkeypatch):
    """Views that render PDFs are not what this test is about."""
    monkeypatch.setattr("razem.pdf.html_to_pdf", lambda html, **kw: b"%PDF-1.4")


@pytest.mark.django_db
def test_every_admin_form_refuses_bad_input_in_polish_without_a_500(
    superuser_client, quick_pdfs
):
    the_world, client = superuser_client
    walk = Walk(client)
    targets = (
        app_admin_urls(the_world)
        + transition_urls(the_world)
        + page_urls(the_world)
        + settings_urls()
    )
    for label, url in targets:
        walk.visit(label, url)

    print("walked:", *walk.walked, sep="\n  ")  # noqa: T201 - the test's record
    # The walk reached the forms it is about.
    for expected in (
        "members_invitation:add",
        "members_centre:add",
        "members_application:add",
        "wagtailsnippets_articles_category:add",
        "razem.StandardPage add",
        "articles.ArticlePage add",
        "conferences.ConferencePage add",
        "consultations.OpinionPage add",
        "razem.AssociationSettings edit",
        "consultations_admin:transition send",
    ):
        assert any(label.startswith(expected) for label in walk.walked), expected

    unexpected = {
        label: problem
        for label, problem in walk.problems.items()
        if label not in KNOWN_FAILURES
    }
    report = "\n".join(f"{label}: {problem}" for label, problem in unexpected.items())
    assert not unexpected, f"admin forms that fail:\n{report}"
    fixed = set(KNOWN_FAILURES) - set(walk.problems)
    assert not fixed, f"no longer failing, remove from KNOWN_FAILURES: {fixed}"


@pytest.mark.django_db
def test_wagtails_own_messages_in_the_page_editor_are_polish(superuser_client):
    """Wagtail 8.0's Polish catalogue lacks these; the house's supplies them
    (razem/wagtail_polish.py)."""
    the_world, client = superuser_client
    home = the_world.pages.home
    url = reverse("wagtailadmin_pages:add", args=["razem", "standardpage", home.pk])
    taken = the_world.pages.standard.slug
    response = client.get(url)
    data = as_sent(response.content.decode())
    data.update({"title": ["Druga strona"], "slug": [taken], "body-count": ["0"]})
    response = client.post(url, data)
    html = response.content.decode()
    assert f"Adres (slug) „{taken}” jest już używany" in html
    assert "Nie udało się utworzyć strony, bo formularz zawiera błędy." in html
    assert "Przejdź do pierwszego błędu" in html
    assert "is already in use" not in html
    assert "could not be created" not in html
