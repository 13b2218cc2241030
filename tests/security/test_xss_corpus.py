"""The XSS corpus (tests/data/xss_payloads.txt) through every text field shown back.

Applications (admin list, inspect view, then the public directory once accepted),
comments (opinion page for members and for the staff who moderate), participants
("Mój ośrodek" and the staff lists), people of a centre and centre data ("Mój
ośrodek", the directory). Every rendered page must keep each payload inert, and most
payloads must be visible as escaped text (so the check is not vacuous).

The whole corpus goes through the services or the models; a sample also goes through
the public forms, whose error pages echo the input back.
"""

import itertools

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from members.choices import ApplicationStatus, CentreStatus, Role
from members.models import Application, Centre, Membership, Municipality
from tests.factories.members import UserFactory
from tests.xss import assert_inert, payloads

CORPUS = payloads()
SAMPLE = CORPUS[::13]


def check_page(html: str, corpus=CORPUS, *, shown_at_least: float = 0.0) -> int:
    """Every payload inert; returns how many appear escaped."""
    for payload in corpus:
        assert_inert(html, payload)
    shown = sum(1 for payload in corpus if escape(payload) in html)
    assert shown >= shown_at_least * len(corpus), (shown, len(corpus))
    return shown


def get_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_the_corpus_is_large_and_the_check_can_fail():
    assert len(CORPUS) >= 200
    with pytest.raises(AssertionError):
        check_page(f"<p>{CORPUS[0]}</p>", CORPUS[:1])


def _gminy(count: int):
    Municipality.objects.bulk_create(
        Municipality(
            teryt=f"{9900000 + n:07d}",
            name=f"Gmina Korpusowa {n}",
            search_name=f"gmina korpusowa {n}",
            kind="wiejska",
            powiat="testowy",
            voivodeship="mazowieckie",
            population=5000,
            population_year=2025,
        )
        for n in range(count)
    )
    return list(Municipality.objects.filter(teryt__startswith="99").order_by("teryt"))


def _cut(payload: str, size: int) -> str:
    return payload[:size]


@pytest.fixture
def applications(db):
    """One pending application per payload, the payload in every text field."""
    gminy = _gminy(len(CORPUS))
    Application.objects.bulk_create(
        Application(
            centre_name=_cut(payload, 255),
            kind="GOPS",
            municipality=gmina,
            street=_cut(payload, 200),
            postal_code="26-811",
            city=_cut(payload, 100),
            centre_phone=_cut(payload, 40),
            centre_email=f"gops{n}@example.test",
            director=_cut(payload, 150),
            first_name=_cut(payload, 150),
            last_name=_cut(payload, 150),
            email=f"osoba{n}@example.test",
            position=_cut(payload, 150),
            message=payload,
            privacy_accepted_at=timezone.now(),
        )
        for n, (payload, gmina) in enumerate(zip(CORPUS, gminy, strict=True))
    )
    return list(Application.objects.order_by("pk"))


@pytest.mark.django_db
def test_applications_in_the_admin_and_the_directory(client, people, applications):
    from members.services import accept_application

    client.force_login(people.admin)
    seen = ""
    for page in itertools.count(1):
        response = client.get("/admin/members/application/", {"p": page})
        if response.status_code != 200 or page > 30:
            break
        html = response.content.decode()
        check_page(html)
        seen += html
        if f"?p={page + 1}" not in html and f"p={page + 1}" not in html:
            break
    check_page(seen, shown_at_least=0.5)
    for application in applications:
        html = get_html(client, f"/admin/members/application/inspect/{application.pk}/")
        check_page(html)
        assert escape(application.message) in html or not application.message.strip()
    for application in applications:
        accept_application(application, user=people.admin)
    assert not Application.objects.filter(status=ApplicationStatus.PENDING).exists()
    client.logout()
    check_page(get_html(client, "/czlonkowie/"), shown_at_least=0.5)
    check_page(get_html(client, "/czlonkowie/?wojewodztwo=mazowieckie"))


@pytest.mark.django_db
def test_application_form_echoes_input_inertly(client):
    gminy = _gminy(len(SAMPLE))
    for n, (payload, gmina) in enumerate(zip(SAMPLE, gminy, strict=True)):
        data = {
            "centre_name": payload,
            "kind": "GOPS",
            "municipality": gmina.teryt,
            "street": payload,
            "postal_code": payload if n % 2 else "26-811",
            "city": payload,
            "centre_email": "gops@example.test" if n % 3 else payload,
            "director": payload,
            "first_name": payload,
            "last_name": payload,
            "email": f"osoba{n}@example.test",
            "website": payload,
            "position": payload,
            "message": payload,
            "privacy": "on",
        }
        response = client.post("/przystap/", data, REMOTE_ADDR=f"10.1.0.{n + 1}")
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            check_page(response.content.decode(), [payload])
        check_page(get_html(client, f"/przystap/?q={payload[:90]}"), [payload[:90]])


@pytest.mark.django_db
def test_comments_on_an_opinion(client, pages, people):
    from consultations import services
    from consultations.exceptions import ConsultationError

    stored = 0
    for payload in CORPUS:
        try:
            services.post_comment(pages.opinion, people.staff_a, payload)
            stored += 1
        except ConsultationError:
            continue
    assert stored > len(CORPUS) // 2
    client.force_login(people.rep_b)
    check_page(get_html(client, pages.opinion.url))
    client.force_login(people.admin)
    check_page(get_html(client, pages.opinion.url))


@pytest.mark.django_db
def test_comment_form_echoes_input_inertly(client, pages, people):
    client.force_login(people.staff_a)
    url = f"/opinie/{pages.opinion.pk}/komentarze/"
    for payload in SAMPLE:
        response = client.post(url, {"body": payload}, follow=True)
        assert response.status_code == 200
        check_page(response.content.decode(), [payload])
    too_long = SAMPLE[0] * 5000
    response = client.post(url, {"body": too_long})
    assert response.status_code == 200
    check_page(response.content.decode(), [SAMPLE[0]])


def _registration_rows(start: int, batch: list[str]) -> dict:
    data = {"form-TOTAL_FORMS": str(len(batch)), "form-INITIAL_FORMS": "0"}
    for row, payload in enumerate(batch):
        prefix = f"form-{row}-"
        data.update(
            {
                f"{prefix}first_name": payload[:100],
                f"{prefix}last_name": payload[:100],
                f"{prefix}email": f"uczestnik{start + row}@example.test",
                f"{prefix}position": payload[:150],
                f"{prefix}accommodation_nights": "0",
                f"{prefix}remarks": payload[:2000],
            }
        )
    return data


def staff_url(conference, page="conference") -> str:
    """A staff page of a conference (pending and waiting people, or the check-in)."""
    names = {
        "conference": ("conferences:staff_conference", "conferences_admin:conference"),
        "check_in": ("conferences:staff_check_in", "conferences_admin:check_in"),
    }
    for name in names[page]:
        try:
            return reverse(name, args=[conference.pk])
        except NoReverseMatch:
            continue
    raise AssertionError("no staff conference page found")


@pytest.mark.django_db
def test_participants_in_my_centre_and_staff_lists(client, pages, people):
    from conferences.models import Registration

    conference = pages.conference
    conference.capacity = 100  # the rest go on the waiting list, shown to staff
    conference.save_revision().publish()
    client.force_login(people.staff_a)
    url = f"/moj-osrodek/konferencje/{conference.pk}/zapisz/"
    for start in range(0, len(CORPUS), 30):
        response = client.post(
            url, _registration_rows(start, CORPUS[start : start + 30])
        )
        assert response.status_code in (200, 302)
        check_page(response.content.decode(), CORPUS[start : start + 30])
    assert Registration.objects.count() > len(CORPUS) // 2
    check_page(get_html(client, "/moj-osrodek/konferencje/"), shown_at_least=0.3)
    client.force_login(people.admin)
    check_page(get_html(client, staff_url(conference)), shown_at_least=0.1)
    check_page(get_html(client, staff_url(conference, "check_in")), shown_at_least=0.1)
    check_page(get_html(client, "/admin/registrations/"))


@pytest.mark.django_db
def test_people_and_centre_data_in_my_centre_and_the_directory(client, people):
    centre = people.centre_a
    users = [
        UserFactory.build(
            email=f"osoba-korpus-{n}@example.test",
            first_name=payload[:150],
            last_name=payload[:150],
        )
        for n, payload in enumerate(CORPUS)
    ]
    for user in users:
        user.save()
    Membership.objects.bulk_create(
        Membership(user=user, centre=centre, role=Role.STAFF) for user in users
    )
    gminy = _gminy(len(CORPUS))
    Centre.objects.bulk_create(
        Centre(
            name=payload[:255],
            kind="GOPS",
            municipality=gmina,
            street=payload[:200],
            postal_code=payload[:6],
            city=payload[:100],
            phone=payload[:40],
            director=payload[:150],
            status=CentreStatus.MEMBER,
        )
        for payload, gmina in zip(CORPUS, gminy, strict=True)
    )
    client.force_login(people.rep_a)
    check_page(get_html(client, "/moj-osrodek/"), shown_at_least=0.5)
    client.logout()
    check_page(get_html(client, "/czlonkowie/"), shown_at_least=0.5)
    client.force_login(people.admin)
    check_page(get_html(client, "/admin/members/centre/"))


@pytest.mark.django_db
def test_centre_contacts_form_echoes_and_stores_inertly(client, people):
    client.force_login(people.rep_a)
    for payload in SAMPLE:
        data = {
            "director": payload[:150],
            "phone": payload[:40],
            "email": "mgops@example.test",
            "website": payload,
            "street": payload[:200],
            "postal_code": "26-811",
            "city": payload[:100],
        }
        response = client.post("/moj-osrodek/dane/", data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            check_page(response.content.decode(), [payload])
        data["website"] = "https://wysmierzyce.test"
        assert client.post("/moj-osrodek/dane/", data).status_code in (200, 302)
        check_page(get_html(client, "/moj-osrodek/"), [payload])
        check_page(get_html(client, "/czlonkowie/"), [payload])
