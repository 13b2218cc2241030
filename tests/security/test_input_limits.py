"""Limits on every public input, across the apps (issue 10, point 5).

(a) Every TextField (RichTextField included) of the project's own models has a
    length limit that model validation enforces (`razem.fields.LimitedTextField` or
    a max-length validator): the page editor, viewsets, revisions and scripts all
    pass `full_clean`. Every character field of the project's forms has
    `max_length`.
(b) Every form an anonymous visitor can post is rate limited per client: found by
    walking the URLconf and the page types, each URL name is classified, and each
    public form is driven past its limit by one client behind the proxy, which then
    gets the Polish lockout message, while another client behind the same proxy
    does not. A new URL or page type without a classification fails the test.
"""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver
from wagtail.models import Page

PROJECT_APPS = ("razem", "articles", "members", "conferences", "consultations")
PROXY = "10.0.0.1"
CLIENT_A = "203.0.113.5"
CLIENT_B = "198.51.100.7"
LOCKOUT = "Spróbuj ponownie za"

# -- (a) text limits ------------------------------------------------------------------

# Text nobody types: derived by code from what has limits of its own.
DERIVED_TEXT = {
    "razem.SearchEntry.text": "the search index's copy of a live page's texts",
    "razem.SearchEntry.normalised_title": "the page title, folded for search",
    "razem.SearchEntry.normalised_text": "the page texts, folded for search",
}
# Other apps' fields whose limits their developers are adding now (issue 10,
# point 5). Not ours to change: the lead empties this list as their work lands, and
# the test fails when an entry here has got its limit (remove it then).
PENDING_MODEL_LIMITS: set[str] = set()
PENDING_FORM_LIMITS: set[str] = set()


def unlimited_text_fields() -> set[str]:
    """Every TextField of the project's models without a model-level limit."""
    missing = set()
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.local_fields:
                if not isinstance(field, models.TextField):
                    continue
                if not any(isinstance(v, MaxLengthValidator) for v in field.validators):
                    missing.add(f"{model._meta.label}.{field.name}")
    return missing


def test_every_text_field_of_the_project_models_is_limited_in_model_validation():
    missing = unlimited_text_fields() - set(DERIVED_TEXT)
    assert missing <= PENDING_MODEL_LIMITS, (
        f"text fields without a limit in model validation: "
        f"{sorted(missing - PENDING_MODEL_LIMITS)}"
    )
    landed = PENDING_MODEL_LIMITS - missing
    assert not landed, f"limited now, remove from PENDING_MODEL_LIMITS: {landed}"


@pytest.mark.django_db
def test_a_limited_text_field_refuses_a_longer_text_in_full_clean():
    """The check above looks for a validator; this proves one acts on the model."""
    from django.core.exceptions import ValidationError

    from articles.models import Category

    category = Category(name="Konferencje", slug="konferencje", description="x" * 1001)
    with pytest.raises(ValidationError) as refused:
        category.full_clean()
    assert "description" in refused.value.error_dict


def _project_modules():
    skipped = {"migrations", "management", "demo", "demo_content", "settings"}
    for label in PROJECT_APPS:
        package = importlib.import_module(label)
        for info in pkgutil.walk_packages(package.__path__, f"{label}."):
            if skipped & set(info.name.split(".")):
                continue
            yield importlib.import_module(info.name)


def project_form_classes() -> dict[str, type]:
    """The public and member-facing forms: every Form class in the apps' `forms`
    modules and the house's account forms (admin forms: see test_admin_forms)."""
    found = {}
    for module in _project_modules():
        name = module.__name__
        if not (name.endswith(".forms") or name.endswith("account_forms")):
            continue
        for attr, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == name
            ):
                found[f"{name}.{attr}"] = obj
    return found


def _built_fields(name: str, form_class) -> dict:
    """The form's fields as built (fields added in __init__ included)."""
    request = RequestFactory().get("/")
    if name == "razem.account_forms.LoginForm":
        return form_class(request=request).fields
    if name == "razem.account_forms.AuthenticateForm":
        from allauth.core import context

        from members.models import User

        with context.request_context(request):
            return form_class(user=User(pk=1)).fields
    try:
        return form_class().fields
    except Exception:  # noqa: BLE001 - needs arguments: its declared fields
        return form_class.base_fields


def unlimited_form_fields() -> set[str]:
    missing = set()
    for name, form_class in project_form_classes().items():
        for field_name, field in _built_fields(name, form_class).items():
            if isinstance(field, forms.CharField) and not field.max_length:
                missing.add(f"{name}.{field_name}")
    return missing


@pytest.mark.django_db
def test_every_character_field_of_the_project_forms_has_max_length(home_page):
    assert len(project_form_classes()) >= 10
    missing = unlimited_form_fields()
    assert missing <= PENDING_FORM_LIMITS, (
        f"form fields without max_length: {sorted(missing - PENDING_FORM_LIMITS)}"
    )
    landed = PENDING_FORM_LIMITS - missing
    assert not landed, f"limited now, remove from PENDING_FORM_LIMITS: {landed}"


@pytest.mark.django_db
def test_the_contact_form_built_from_every_field_type_is_limited(home_page):
    from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

    from razem.demo import ensure_contact_page
    from razem.models import ContactPage, FormField

    page = ContactPage.objects.get(pk=ensure_contact_page(home_page, None).pk)
    for number, (field_type, _label) in enumerate(FORM_FIELD_CHOICES):
        FormField.objects.create(
            page=page,
            label=f"Pole {number}",
            field_type=field_type,
            choices="tak,nie",
        )
    form = page.get_form(page=page, user=None)
    unlimited = [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not field.max_length
    ]
    assert not unlimited


# -- (b) every public form is rate limited per client ---------------------------------


def walk_url_names(patterns=None, namespace=None, prefix=""):
    """(path, name) of every URL pattern, names with their namespace."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from walk_url_names(
                pattern.url_patterns,
                pattern.namespace or namespace,
                prefix + str(pattern.pattern),
            )
        else:
            name = pattern.name
            if namespace and name:
                name = f"{namespace}:{name}"
            yield prefix + str(pattern.pattern), name


# Public forms and the scenario that drives one client past the limit.
PUBLIC_FORMS = {
    "razem.ContactPage": "contact",
    "members:apply": "apply",
    "account_login": "login",
    "account_reset_password": "password_reset",
    "account_reset_password_from_key": "password_reset_from_key",
    "account_signup": "signup",
    "members:invitation": "invitation",
    "wagtailcore_authenticate_with_password": "page_password",
    "wagtaildocs_authenticate_with_password": "document_password",
}
# Addresses that take no POST at all: the check is that they answer 405.
GET_ONLY = {
    "healthz",
    "robots_txt",
    "search",
    "members:municipality_search",
    "members:directory",
    "account_inactive",
    "account_email_verification_sent",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "consultations:letter",
    "consultations:letter_pack",
    # Show-only addresses: the method is refused before anything else (point 6,
    # tests/security/test_show_only_methods.py walks them all).
    "sitemap",
    "page_pdf",
    "articles:feed_rss",
    "articles:feed_atom",
    "members:apply_done",
    "members:my_centre",
    "members:my_data",
    "conferences:centre_registrations",
    "conferences:certificate",
}
# Addresses for people who are logged in: an anonymous POST goes to the login.
LOGIN_REQUIRED = {
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "members:edit_contacts",
    "members:invite",
    "members:remove_person",
    "members:hand_over",
    "members:cancel_invitation",
    "members:delete_account",
    "conferences:register",
    "conferences:cancel",
    "consultations:sign",
    "consultations:withdraw",
    "consultations:comment",
}
# Addresses that accept a POST but store nothing from it, with the reason.
NOT_FORMS = {
    "set_language": "sets the visitor's own language cookie; stores nothing",
    "account_logout": "ends the visitor's own session; nothing for a stranger",
    "account_confirm_email": "a signed (HMAC) key confirms the address it names: "
    "nothing to guess, and a wrong key is a 404",
    "account_confirm_login_code": "login by code is off; without a pending login it "
    "redirects to the login form",
    "mfa_authenticate": "the second factor after a password: without a pending login "
    "it redirects to the login form; its failed codes count in allauth's "
    "login_failed limit (test_client_address.py::"
    "test_the_second_factor_lockout_names_its_length)",
    "wagtaildocs_serve": "serves a document; a POST is the Polish 405 "
    "(test_show_only_methods.py::test_a_document_is_served_but_a_post_to_it_is_refused)",
    "wagtailcore_login": "hands over to the allauth login (no form of its own)",
    "admin_login_redirect": "hands over to the allauth login (no form of its own)",
    "razem_serve": "the page tree: each page type is classified below",
    "wagtail_serve": "the page tree (Wagtail's pattern, reached only for reversing)",
}
# Page types that only show: a POST is the Polish 405 (razem.wagtail_hooks).
PAGES_IGNORING_POST = {
    "razem.HomePage",
    "razem.StandardPage",
    "articles.NewsIndexPage",
    "articles.ArticlePage",
    "articles.GalleryIndexPage",
    "articles.GalleryPage",
    "conferences.ConferenceIndexPage",
    "conferences.ConferencePage",
    "consultations.OpinionIndexPage",
    "consultations.OpinionPage",
}


def test_every_address_and_page_type_is_classified():
    names = {
        name
        for path, name in walk_url_names()
        if not path.startswith(("admin/", "django-admin/"))
    }
    classified = set(PUBLIC_FORMS) | GET_ONLY | LOGIN_REQUIRED | set(NOT_FORMS)
    assert names - classified == set(), "classify these addresses"
    page_types = {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in PROJECT_APPS
    }
    assert page_types - set(PUBLIC_FORMS) - PAGES_IGNORING_POST == set()
    assert not (GET_ONLY & LOGIN_REQUIRED)


def sample_url(path: str, number: int) -> str:
    url = "/" + path.replace("^", "").replace("$", "")
    url = re.sub(r"<int:\w+>", str(number), url)
    return re.sub(r"<str:\w+>", "x", url)


@pytest.mark.django_db
def test_get_only_addresses_refuse_a_post_and_member_addresses_want_a_login(
    pages, people
):
    client = Client(raise_request_exception=False)
    for path, name in walk_url_names():
        if name in GET_ONLY:
            response = client.post(sample_url(path, pages.opinion.pk), {})
            assert response.status_code == 405, name
        elif name in LOGIN_REQUIRED:
            # Not logged in (any more): the Polish page of an ended session, which
            # leads to the login (razem.middleware.EndedSessionPostMiddleware).
            response = client.post(sample_url(path, pages.opinion.pk), {})
            assert response.status_code == 403, name
            html = response.content.decode()
            assert "Nie jesteś już zalogowany" in html, name
            assert 'href="/konto/login/?next=' in html, name


@pytest.mark.django_db
def test_page_types_that_only_show_refuse_a_post(pages):
    client = Client(raise_request_exception=False)
    for page in Page.objects.live().specific():
        label = type(page)._meta.label
        if label not in PAGES_IGNORING_POST or page.url is None:
            continue
        if client.get(page.url).status_code != 200:  # a draft opinion is a 404
            continue
        response = client.post(page.url, {"anything": "x"})
        assert response.status_code == 405, label


# -- the public forms, one client at a time -------------------------------------------


def behind_proxy(address: str) -> Client:
    return Client(
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address, raise_request_exception=False
    )


def is_lockout(response) -> bool:
    html = response.content.decode()
    return LOCKOUT in html and "Zbyt wiele prób" in html


def drive_past_the_limit(post, attempts: int = 60):
    """post(client, n) -> response. Client A meets the Polish lockout message after
    at least one accepted attempt; client B, behind the same proxy, does not."""
    client_a = behind_proxy(CLIENT_A)
    for number in range(attempts):
        response = post(client_a, number)
        assert response.status_code < 500, (number, response.status_code)
        if is_lockout(response):
            break
    else:
        pytest.fail(f"no lockout after {attempts} attempts from one client")
    assert number >= 1, "the first attempt was refused"
    assert not is_lockout(post(behind_proxy(CLIENT_B), 1000))
    return number


@pytest.fixture
def proxied(settings):
    settings.RAZEM_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def scenario_contact(world):
    def post(client, number):
        return client.post(
            world.pages.contact.url,
            {
                "imie_i_nazwisko": "Maria Zielińska",
                "e_mail": f"maria{number}@gops.example.test",
                "temat": f"Pytanie {number}",
                "wiadomosc": "Czy są jeszcze wolne miejsca?",
                "zgoda": "on",
            },
        )

    return post


def scenario_apply(world):
    from tests.factories.members import MunicipalityFactory

    gmina = MunicipalityFactory(teryt="1401011", name="Białobrzegi")

    def post(client, number):
        return client.post(
            "/przystap/",
            {
                "municipality": gmina.teryt,
                "centre_name": f"Ośrodek Pomocy Społecznej nr {number}",
                "kind": "OPS",
                "street": "ul. Kościuszki 12A",
                "postal_code": "26-800",
                "city": "Białobrzegi",
                "centre_phone": "+48 48 613 00 00",
                "centre_email": f"ops{number}@bialobrzegi.example.pl",
                "director": "Joanna Wójcik",
                "first_name": "Joanna",
                "last_name": "Wójcik",
                "email": f"joanna{number}@example.test",
                "position": "kierownik",
                "privacy": "on",
                # A robot's submission (the honeypot filled in) counts too.
                "website_url": "http://spam.example",
            },
        )

    return post


def scenario_login(world):
    def post(client, number):
        return client.post(
            "/konto/login/",
            {"login": f"osoba{number}@example.test", "password": "zgadywane-haslo"},
        )

    return post


def scenario_password_reset(world):
    def post(client, number):
        return client.post(
            "/konto/password/reset/", {"email": f"reset{number}@example.test"}
        )

    return post


def scenario_password_reset_from_key(world):
    def post(client, number):
        return client.post(
            f"/konto/password/reset/key/{number + 1}-zly-klucz/",
            {"password1": "Nowe-haslo-2026!", "password2": "Nowe-haslo-2026!"},
        )

    return post


def scenario_signup(world):
    def post(client, number):
        return client.post(
            "/konto/signup/",
            {"email": f"nowy{number}@example.test", "password1": "x", "password2": "x"},
        )

    return post


def scenario_invitation(world):
    from tests.factories.members import invitation

    _invitation, token = invitation(world.people.centre_a, email="nowa@a.test")

    def post(client, number):
        return client.post(
            f"/konto/zaproszenie/{token}/",
            {
                "first_name": "Jan",
                "last_name": "Nowak",
                "password1": f"Haslo-{number}-2026!",
                "password2": "inne-haslo",
            },
        )

    return post


def scenario_page_password(world):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=world.pages.standard,
        restriction_type=PageViewRestriction.PASSWORD,
        password="tajne-haslo-zarzadu",
    )
    url = (
        f"/_util/authenticate_with_password/{restriction.pk}/{world.pages.standard.pk}/"
    )

    def post(client, number):
        return client.post(url, {"password": f"proba-{number}", "return_url": "/"})

    return post


def scenario_document_password(world):
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.add_child(name="Dokumenty zarządu")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="tajne-haslo-zarzadu",
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"

    def post(client, number):
        return client.post(url, {"password": f"proba-{number}", "return_url": "/"})

    return post


class World:
    def __init__(self, pages, people):
        self.pages, self.people = pages, people


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC_FORMS))
def test_each_public_form_locks_out_one_client_with_a_polish_message(
    proxied, pages, people, name
):
    scenario = globals()[f"scenario_{PUBLIC_FORMS[name]}"]
    drive_past_the_limit(scenario(World(pages, people)))


@pytest.mark.django_db
def test_the_right_page_password_still_opens_the_page(pages):
    """The page password form was unreachable (the page tree's pattern took its
    address): it is routed to its limited view, and the right password works."""
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=pages.standard,
        restriction_type=PageViewRestriction.PASSWORD,
        password="tajne-haslo-zarzadu",
    )
    client = Client()
    assert "password" in client.get(pages.standard.url).content.decode()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{pages.standard.pk}/",
        {"password": "tajne-haslo-zarzadu", "return_url": pages.standard.url},
    )
    assert response.status_code == 302
    assert client.get(pages.standard.url).status_code == 200
    assert "O stowarzyszeniu" in client.get(pages.standard.url).content.decode()


@pytest.mark.django_db
def test_wagtails_own_login_form_only_hands_over_to_allauth(people):
    from tests.factories.members import TEST_PASSWORD

    client = Client()
    response = client.post(
        "/_util/login/?next=/aktualnosci/",
        {"username": people.admin.email, "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Faktualnosci%2F"
    assert "_auth_user_id" not in client.session
