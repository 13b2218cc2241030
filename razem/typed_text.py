"""What a refusal page shows back of a refused form: the person's words under the
labels they saw, never secrets, ids, ticked boxes as "True" or button values.

A refusal (an expired form, a closed opinion, a wrong method) happens before the
view has built its form, so the labels are found from what was posted: the form
page at the address (Wagtail's form builder: the editor's labels), else the forms of
the app that serves the address (and allauth's for its pages), chosen by the field
names they share with the post. A field no form knows keeps a readable name; a
button's value ("search", "submit") and the values of fields a person does not type
(hidden, a choice of a record) are not shown. A ticked box of a known form reads
"tak", a choice its label.
"""

import contextlib
import importlib
import re
import sys

from django import forms
from django.forms.forms import BaseForm
from django.forms.utils import pretty_name
from django.utils.translation import pgettext

# Never shown: secrets, tokens, the honeypot, what the page itself carried.
UNSHOWN_FIELD_WORDS = ("password", "token", "csrf", "secret")
UNSHOWN_FIELDS = {"code", "website_url", "recovery_code", "next", "return_url"}
UNSHOWN_SUFFIXES = ("-id", "-DELETE", "-ORDER", "_FORMS", "-count", "-type")
# Names of the site's buttons and switches: their values are not typed text.
BUTTON_FIELDS = {
    "action",
    "submit",
    "language",
    "register",
    "add_participant",
    "action-publish",
    "action-submit",
}
TYPED_FIELDS_SHOWN = 30
TYPED_TEXT_SHOWN = 20_000

PROJECT_APPS = ("razem", "articles", "members", "conferences", "consultations")
FORMSET_PREFIX = re.compile(r"^(?P<prefix>[\w]+-\d+-)(?P<name>.+)$")
TICKED = {"on", "true", "1", "yes", "tak"}


def _common_labels() -> dict[str, str]:
    """Readable labels for names no form of the address defines."""
    return {
        "q": pgettext("typed text label", "Search words"),
        "email": pgettext("typed text label", "E-mail address"),
        "login": pgettext("typed text label", "E-mail address"),
        "name": pgettext("typed text label", "Name"),
        "first_name": pgettext("typed text label", "First name"),
        "last_name": pgettext("typed text label", "Last name"),
        "message": pgettext("typed text label", "Message"),
        "body": pgettext("typed text label", "Text"),
    }


def shown_field(name: str) -> bool:
    """A field whose value may be shown back at all."""
    lowered = name.lower()
    return not (
        lowered in UNSHOWN_FIELDS
        or lowered in BUTTON_FIELDS
        or any(word in lowered for word in UNSHOWN_FIELD_WORDS)
        or name.endswith(UNSHOWN_SUFFIXES)
    )


def typed(value: str) -> bool:
    """A value a person typed: not a ticked box, an id or a single character."""
    value = value.strip()
    return (
        len(value) >= 2
        and value.lower() not in {"on", "true", "false"}
        and not value.isdigit()
    )


def _all_form_classes() -> list[type]:
    for app in PROJECT_APPS:
        with contextlib.suppress(ImportError):
            importlib.import_module(f"{app}.forms")
    found, stack = [], [BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            module = sys.modules.get(sub.__module__)
            # Only forms defined in a module, not classes built per request.
            if (
                hasattr(sub, "base_fields")
                and getattr(module, sub.__name__, None) is sub
            ):
                found.append(sub)
    return found


def _app_of_address(request) -> tuple[str | None, object]:
    """The app serving the request's address and, for a Wagtail page, the page."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None, None
    module = getattr(match.func, "__module__", "") or ""
    if match.url_name in {"wagtail_serve", "razem_serve"}:
        try:
            from wagtail.models import Page

            page = Page.find_for_request(request, request.path_info)
        except Exception:  # noqa: BLE001 - no page, no labels from it
            page = None
        if page is not None:
            page = page.specific
            return page._meta.app_label, page
        return None, None
    if module.startswith("allauth."):
        return "allauth", None
    return module.split(".")[0], None


def _page_fields(page) -> dict[str, tuple[str, str]]:
    """A form page's fields: clean name -> (label, field type)."""
    if page is None or not hasattr(page, "get_form_fields"):
        return {}
    try:
        return {
            field.clean_name: (field.label, field.field_type)
            for field in page.get_form_fields()
        }
    except Exception:  # noqa: BLE001 - labels are a courtesy, never a failure
        return {}


def _form_fields_by_name(app: str | None, names: set[str]) -> dict[str, forms.Field]:
    """The fields of the app's forms that best cover the posted names (greedily)."""
    if not app or not names:
        return {}
    prefix = f"{app}."
    candidates = [
        cls
        for cls in _all_form_classes()
        if cls.__module__.startswith(prefix) and cls.base_fields
    ]
    chosen: dict[str, forms.Field] = {}
    left = set(names)
    while left and candidates:
        best = max(
            candidates,
            key=lambda cls: (len(left & cls.base_fields.keys()), -len(cls.base_fields)),
        )
        covered = left & best.base_fields.keys()
        if not covered:
            break
        for name in covered:
            chosen[name] = best.base_fields[name]
        left -= covered
        candidates.remove(best)
    return chosen


def _shown_value(field: forms.Field | None, field_type: str | None, value: str):
    """The value as the person knows it, or None when it is not theirs to copy."""
    if field_type == "checkbox" or isinstance(field, forms.BooleanField):
        return (
            pgettext("ticked box", "yes") if value.strip().lower() in TICKED else None
        )
    if field_type in {"dropdown", "radio", "multiselect", "checkboxes"}:
        return value if value.strip() else None
    if field is not None:
        if isinstance(field.widget, forms.HiddenInput) or isinstance(
            field, forms.ModelChoiceField
        ):
            return None
        if isinstance(field, forms.ChoiceField):
            labels = {str(key): str(label) for key, label in field.choices}
            return labels.get(value) if value else None
    return value if typed(value) else None


def _bare(name: str) -> str:
    """A formset field's name without its prefix ("participants-0-email")."""
    match = FORMSET_PREFIX.match(name)
    return match["name"] if match else name


def _labelled(request, names: list[str]) -> dict[str, tuple]:
    """For each posted name its (label, form field, field type); names a known form
    of the address does not have (buttons, stray values) are left out."""
    app, page = _app_of_address(request)
    page_fields = _page_fields(page)
    fields = _form_fields_by_name(
        app, {_bare(name) for name in names} - page_fields.keys()
    )
    known = bool(page_fields) or bool(fields)
    common = _common_labels()
    found = {}
    for name in names:
        key = _bare(name)
        field, field_type, label = fields.get(key), None, None
        if key in page_fields:
            label, field_type = page_fields[key]
        elif field is not None:
            label = str(field.label) if field.label else None
        elif known and name == key:
            continue
        label = label or common.get(key) or pretty_name(key.replace("-", " "))
        found[name] = (" ".join(label.split()), field, field_type)
    return found


def typed_text(request) -> list[dict]:
    """The text values of a refused POST, for the person to copy, under the labels
    of the form they filled in (see the module's docstring)."""
    if request.method != "POST":
        return []
    try:
        items = list(request.POST.lists())
    except Exception:  # noqa: BLE001 - an unreadable body (too big, malformed): nothing
        return []
    items = [(name, values) for name, values in items if shown_field(name)]
    if not items:
        return []
    labelled = _labelled(request, [name for name, _values in items])
    shown = []
    for name, values in items:
        if name not in labelled:
            continue
        label, field, field_type = labelled[name]
        for value in values:
            text = _shown_value(field, field_type, value)
            if text is None:
                continue
            text = text[:TYPED_TEXT_SHOWN]
            rows = 1 if len(text) <= 70 and "\n" not in text else 5
            shown.append({"name": name, "label": label, "value": text, "rows": rows})
    return shown[:TYPED_FIELDS_SHOWN]
