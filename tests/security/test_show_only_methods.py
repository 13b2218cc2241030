"""A POST to an address that only shows something is the Polish 405 (brief point 6).

Found by walking: every URL pattern of the resolver (outside the admin) and every
published page of every type is sent a POST (with a valid form token, as a browser
sending a form of this site would) by an anonymous visitor and by a logged-in
member. An address that takes a POST is named below with what it does with it; every
other one must answer 405 with the site's Polish page and an `Allow` header, never
render (200) or refuse otherwise (403). A new address is walked by itself.
"""

import pytest
from django.test import Client
from wagtail.models import Page

from tests.security.test_input_limits import sample_url, walk_url_names

# URL names that take a POST, and what for.
TAKES_POST = {
    "members:apply": "the membership application",
    "members:invitation": "accepting an invitation",
    "members:edit_contacts": "the centre's contact data",
    "members:invite": "inviting a person",
    "members:remove_person": "removing a person from the centre",
    "members:hand_over": "handing the representative's role over",
    "members:cancel_invitation": "withdrawing an invitation",
    "members:delete_account": "deleting one's own account",
    "conferences:register": "registering participants",
    "conferences:cancel": "cancelling a registration",
    "consultations:sign": "co-signing an opinion",
    "consultations:withdraw": "withdrawing a co-signature",
    "consultations:comment": "commenting on an opinion",
    "set_language": "choosing the interface language",
    "wagtailcore_authenticate_with_password": "a protected page's password",
    "wagtaildocs_authenticate_with_password": "a protected document's password",
    "wagtailcore_login": "hands any request over to the allauth login",
    "admin_login_redirect": "hands any request over to the allauth login",
    "razem_serve": "the page tree: each page is walked below",
    "wagtail_serve": "the page tree (Wagtail's pattern, reached only for reversing)",
}
# allauth's and its MFA's own forms (login, sign-up, reset, e-mail, second factor,
# logout, confirmations): every account form takes a POST.
ALLAUTH_PREFIXES = ("account_", "mfa_")


def takes_post(name: str | None) -> bool:
    return name in TAKES_POST or (name or "").startswith(ALLAUTH_PREFIXES)


def addresses(pages):
    """(name, URL) of every pattern outside the admin, with sample arguments;
    Wagtail's regular-expression document pattern is walked with a real document
    (`test_a_document_is_served_but_a_post_to_it_is_refused`)."""
    for path, name in walk_url_names():
        if path.startswith(("admin/", "django-admin/", "_util/")) or "(" in path:
            continue
        yield name, sample_url(path, pages.opinion.pk)


def assert_polish_405(response, where: str) -> None:
    assert response.status_code == 405, (where, response.status_code)
    assert "GET" in response["Allow"] and "POST" not in response["Allow"], where
    html = response.content.decode()
    assert 'lang="pl"' in html and "Ten adres nie przyjmuje takiego żądania" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_every_show_only_address_answers_a_post_with_the_polish_405(pages, people, who):
    client = Client(raise_request_exception=False)
    if who == "member":
        client.force_login(people.rep_a)
    wrong = []
    for name, url in addresses(pages):
        if takes_post(name):
            continue
        # The method is refused first: before the login, before a 404.
        response = client.post(url, {"tekst": "Coś wpisanego"})
        if response.status_code != 405:
            wrong.append((name, url, response.status_code))
            continue
        assert_polish_405(response, name)
    assert wrong == [], wrong


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_every_published_page_that_only_shows_answers_a_post_with_the_polish_405(
    pages, people, who
):
    from razem.wagtail_hooks import page_methods

    client = Client(raise_request_exception=False)
    if who == "member":
        client.force_login(people.rep_a)
    walked, wrong = set(), []
    for page in Page.objects.live().specific():
        url = page.url
        if url is None or page.depth < 2:
            continue
        if client.get(url).status_code != 200:  # a draft opinion is a 404
            continue
        walked.add(type(page)._meta.label)
        response = client.post(url, {"tekst": "Coś wpisanego"})
        if "POST" in page_methods(page):
            assert response.status_code != 405, url
            continue
        if response.status_code != 405:
            wrong.append((type(page)._meta.label, url, response.status_code))
            continue
        assert_polish_405(response, url)
    assert wrong == [], wrong
    # The walk met every page type of the project (a new type is walked too).
    assert len(walked) >= 11, walked


@pytest.mark.django_db
def test_the_routed_views_of_a_page_refuse_a_post_too(pages):
    """The opinion index's own routes (draft laws, discussion rules) only show."""
    client = Client(raise_request_exception=False)
    for suffix in ("projekty/", "zasady-dyskusji/"):
        response = client.post(pages.opinion_index.url + suffix, {"x": "1"})
        assert_polish_405(response, suffix)


@pytest.mark.django_db
def test_the_contact_page_still_takes_its_form(pages):
    client = Client(raise_request_exception=False)
    response = client.post(pages.contact.url, {})
    assert response.status_code == 200  # the form again, with its errors
    assert "To pole jest wymagane" in response.content.decode()


@pytest.mark.django_db
def test_a_document_is_served_but_a_post_to_it_is_refused(pages):
    from wagtail.documents.models import Document

    document = Document.objects.first()
    assert document is not None, "the article fixture has an attachment"
    client = Client(raise_request_exception=False)
    assert client.get(document.url).status_code == 200
    assert_polish_405(client.post(document.url, {"x": "1"}), document.url)
