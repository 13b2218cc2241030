"""Every refusal is a Polish page in the site's layout, never cached.

403 (a view's PermissionDenied), 400 (a request the site cannot process, also one
whose Host is refused), 405 (a wrong method) and the CSRF failure: the right status,
the site's header and skip link, words that say what happened and what to do, and
what the person typed shown back where the request carried it.
"""

import pytest
from django.test import Client

from tests.factories.members import CentreFactory, centre_staff

pytestmark = pytest.mark.django_db

SKIP_LINK = "Przejdź do treści"  # the site layout's first element


def assert_site_refusal(response, status: int, *phrases: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert 'lang="pl"' in html
    for phrase in phrases:
        assert phrase in html, phrase
    assert "no-store" in response["Cache-Control"]
    assert "Forbidden" not in html and "Not Allowed" not in html
    return html


def test_permission_denied_is_a_polish_page_that_keeps_the_typed_text(
    client, home_page
):
    """Centre staff may not invite people: the refusal shows what they typed."""
    client.force_login(centre_staff(CentreFactory()))
    response = client.post(
        "/moj-osrodek/osoby/zapros/",
        {"email": "nowa@example.test", "first_name": "Zofia", "last_name": "Wrona"},
    )
    html = assert_site_refusal(
        response, 403, SKIP_LINK, "Brak dostępu", "Co możesz zrobić"
    )
    assert "nowa@example.test" in html and "Wrona" in html
    assert "csrfmiddlewaretoken" not in html.split('id="main"')[1].split("<footer")[0]


def test_permission_denied_for_an_anonymous_visitor_offers_the_login(rf, home_page):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from razem.views import permission_denied

    request = rf.get("/moj-osrodek/dane/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    html = assert_site_refusal(response, 403, "Zaloguj się")
    assert "/konto/login/?next=/moj-osrodek/dane/" in html


def test_a_passwords_and_tokens_are_never_shown_back(rf, home_page):
    from razem.views import typed_text

    request = rf.post(
        "/",
        {
            "csrfmiddlewaretoken": "abc",
            "password": "tajne-haslo",
            "password1": "tajne-haslo",
            "code": "123456",
            "website_url": "http://spam.example",
            "zgoda": "on",
            "participants-0-id": "57",
            "message": "Proszę o informację",
        },
    )
    assert [(t["label"], t["value"]) for t in typed_text(request)] == [
        ("Wiadomość", "Proszę o informację")
    ]


def test_csrf_failure_says_the_form_expired_and_renews_the_token(home_page):
    from razem.demo import ensure_contact_page

    contact = ensure_contact_page(home_page, None)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        contact.url, {"wiadomosc": "Długa wiadomość, którą pisałam pół godziny."}
    )
    html = assert_site_refusal(
        response, 403, SKIP_LINK, "Formularz wygasł", "Wróć przyciskiem"
    )
    assert "Długa wiadomość, którą pisałam pół godziny." in html
    assert "csrftoken" in response.cookies  # the next try carries a valid token


def test_a_wrong_method_is_a_polish_405_page(client, home_page):
    response = client.post("/szukaj/", {"q": "konferencja w Zakopanem"})
    html = assert_site_refusal(
        response, 405, SKIP_LINK, "Ten adres nie przyjmuje takiego żądania"
    )
    assert response["Allow"] == "GET"
    assert "konferencja w Zakopanem" in html


def test_a_request_the_site_cannot_process_is_a_polish_400_page(
    client, home_page, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"pole{number}": "x" for number in range(20)}
    response = client.post("/przystap/", data)
    assert_site_refusal(response, 400, SKIP_LINK, "Nie udało się odczytać żądania")


def test_a_refused_host_still_gets_a_polish_400_page(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["razem.example.org"]
    response = client.get("/", HTTP_HOST="evil.example")
    html = assert_site_refusal(response, 400, "Nie udało się odczytać żądania")
    assert "evil.example" not in html


def test_refusals_are_never_stored_by_the_page_cache(client, home_page):
    first = client.post("/szukaj/", {"q": "a"})
    second = client.post("/szukaj/", {"q": "b"})
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first["Cache-Control"] == second["Cache-Control"]
    assert "max-age=0" in first["Cache-Control"]


def test_a_refusal_inside_the_admin_is_the_polish_page_too(client, home_page):
    """A staff member without the conference office's permission opening its
    console: not Django's bare "403 Forbidden"."""
    from django.urls import reverse

    from tests.factories.members import UserFactory
    from tests.security.conftest import activate_totp

    editor = UserFactory(email="redakcja@refusal.test", is_staff=True)
    activate_totp(editor)
    client.force_login(editor)
    response = client.get(reverse("conferences:staff_overview"))
    assert_site_refusal(response, 403, "Brak dostępu", "Co możesz zrobić")


def test_a_protected_page_asks_for_its_password_in_the_sites_layout(client, home_page):
    from wagtail.models import PageViewRestriction

    from tests.factories.razem import publish_standard_page

    page = publish_standard_page(home_page, "Dokumenty zarządu", text="Tajne.")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="zarzad"
    )
    html = client.get(page.url).content.decode()
    assert SKIP_LINK in html and "Wymagane hasło" in html
    assert "Tajne." not in html
    wrong = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "zgaduje", "return_url": page.url},
    )
    assert wrong.status_code == 200
    assert SKIP_LINK in wrong.content.decode()
    assert 'aria-invalid="true"' in wrong.content.decode()


def test_a_centre_member_opening_the_admin_gets_a_polish_403_not_a_login_loop(
    client, home_page
):
    """Brief point 5: a logged-in member without admin access used to be sent to
    the login, which sent them back to the admin (a redirect loop)."""
    member = centre_staff(CentreFactory(), email="pracownik@admin-petla.test")
    client.force_login(member)
    for url in ("/admin/", "/admin/pages/", "/admin/login/?next=/admin/"):
        response = client.get(url, follow=True)
        assert len(response.redirect_chain) <= 2, response.redirect_chain
        html = assert_site_refusal(
            response, 403, "Brak dostępu", "Panel administracyjny jest tylko dla"
        )
        assert SKIP_LINK in html
        assert 'href="/moj-osrodek/"' in html
    # A posted admin form is refused the same way, never run.
    assert client.post("/admin/pages/add/", {"title": "x"}).status_code == 403


def test_the_admin_still_opens_for_staff_and_asks_anonymous_visitors_to_log_in(
    client, home_page
):
    from tests.factories.members import UserFactory
    from tests.security.conftest import activate_totp

    assert client.get("/admin/")["Location"].startswith("/konto/login/")
    editor = UserFactory(email="redakcja@admin-petla.test", is_superuser=True)
    editor.is_staff = True
    editor.save()
    activate_totp(editor)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


# -- a form sent after the session ended (brief point 7) ------------------------------


def end_the_session(client) -> None:
    """Log out elsewhere (another tab) or expire: the session is gone, the
    browser still shows the form with its token."""
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    client.cookies.pop("sessionid", None)


def test_a_form_sent_after_a_logout_elsewhere_explains_and_keeps_the_typed_text(
    client, home_page
):
    from members.models import Centre

    member_centre = CentreFactory(director="Anna Stara")
    from tests.factories.members import representative

    client.force_login(representative(member_centre, email="kier@sesja.test"))
    form_page = "/moj-osrodek/dane/"
    assert client.get(form_page).status_code == 200
    end_the_session(client)
    typed = "Jolanta Nowa-Dyrektorka"
    response = client.post(
        form_page,
        {"director": typed, "phone": "+48 22 123 45 67", "email": "gops@sesja.test"},
        HTTP_REFERER=f"http://testserver{form_page}",
    )
    html = assert_site_refusal(response, 403, "Nie jesteś już zalogowany")
    assert SKIP_LINK in html
    assert typed in html and "+48 22 123 45 67" in html
    assert 'href="/konto/login/?next=%2Fmoj-osrodek%2Fdane%2F"' in html
    assert Centre.objects.get(pk=member_centre.pk).director == "Anna Stara"


def test_a_comment_sent_after_the_session_expired_is_shown_back(client, pages):
    """A POST-only address (the comment form of an opinion): the login leads back
    to the opinion page the form was on, not to the POST-only address."""
    from consultations.models import Comment
    from tests.factories.members import representative

    client.force_login(representative(CentreFactory(), email="kier@komentarz.test"))
    end_the_session(client)
    words = "Proponujemy doprecyzować art. 5 w zakresie usług sąsiedzkich."
    response = client.post(
        f"/opinie/{pages.opinion.pk}/komentarze/",
        {"body": words},
        HTTP_REFERER=f"http://testserver{pages.opinion.url}",
    )
    html = assert_site_refusal(response, 403, "Nie jesteś już zalogowany", words)
    assert f"next={pages.opinion.url.replace('/', '%2F')}" in html
    assert not Comment.objects.filter(body=words).exists()


def test_a_foreign_referer_is_never_where_the_login_leads(client, home_page):
    response = client.post(
        "/moj-osrodek/dane/",
        {"director": "Ktoś"},
        HTTP_REFERER="https://zly.example/podstep/",
    )
    html = assert_site_refusal(response, 403, "Nie jesteś już zalogowany")
    assert "zly.example" not in html
    assert 'href="/konto/login/?next=%2Fmoj-osrodek%2Fdane%2F"' in html


def test_without_a_post_the_login_redirect_stays(client, home_page):
    """Opening a member page logged out is still the plain redirect to the login;
    the admin's own login hand-over is not a refusal either."""
    response = client.get("/moj-osrodek/dane/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert client.post("/admin/login/", {"login": "x"}).status_code == 302


def test_an_admin_form_sent_after_the_session_ended_is_shown_back(client, home_page):
    from tests.factories.members import UserFactory
    from tests.security.conftest import activate_totp

    editor = UserFactory(email="redaktor@sesja.test", is_staff=True, is_superuser=True)
    activate_totp(editor)
    client.force_login(editor)
    end_the_session(client)
    response = client.post(
        f"/admin/pages/add/razem/standardpage/{home_page.pk}/",
        {"title": "Nowa strona o dodatku", "slug": "nowa-strona"},
    )
    assert_site_refusal(response, 403, "Nie jesteś już zalogowany")
    assert "Nowa strona o dodatku" in response.content.decode()
