"""Staff side: occupancy, exports, badges, check-in, certificates; members refused."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conferences.choices import RegistrationStatus
from conferences.models import Registration
from conferences.services.registration import register_participants
from conferences.services.staff import check_in
from tests.factories.conferences import (
    add_workshop,
    make_conference,
    on_conference_day,
    participant,
)
from tests.factories.members import CentreFactory, representative

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/admin/konferencje",
    "/admin/konferencje/{pk}",
    "/admin/konferencje/{pk}/eksport.csv",
    "/admin/konferencje/{pk}/eksport.xlsx",
    "/admin/konferencje/{pk}/identyfikatory.pdf",
    "/admin/konferencje/{pk}/zaswiadczenia.pdf",
    "/admin/konferencje/{pk}/wejscie",
]


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.RAZEM_STAFF_MFA_REQUIRED = False


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _fill(conference, centre, rep, count=3):
    workshop = add_workshop(conference, title="Warsztat: współpraca z PCPR", capacity=5)
    people = [
        participant(
            n,
            first_name="Łucja",
            last_name=f"Świętochowska-Źrebięć {n}",
            workshop_ids=[workshop.pk],
            remarks="Proszę o fakturę; „cudzysłów”",
        )
        for n in range(count)
    ]
    return register_participants(
        conference=conference, centre=centre, user=rep, participants=people
    ).registrations


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_views_refuse_members(client, conference, rep, url):
    client.force_login(rep)
    response = client.get(url.format(pk=conference.pk))
    assert response.status_code == 403


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_views_refuse_anonymous(client, conference, url):
    response = client.get(url.format(pk=conference.pk))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_access_without_the_model_permission_is_refused(client, conference):
    from django.contrib.auth.models import Permission

    from tests.factories.members import UserFactory

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert (
        client.get(f"/admin/konferencje/{conference.pk}/eksport.csv").status_code == 403
    )


def test_staff_post_actions_refuse_members(client, conference, centre, rep):
    (registration,) = _fill(conference, centre, rep, 1)
    client.force_login(rep)
    for action in ("obecnosc", "zatwierdz", "anuluj"):
        response = client.post(
            f"/admin/konferencje/zgloszenia/{registration.pk}/{action}"
        )
        assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.checked_in_at is None


def test_csv_export_parses_back_with_the_same_rows(
    client, conference, centre, rep, staff_user
):
    registrations = _fill(conference, centre, rep)
    client.force_login(staff_user)
    response = client.get(f"/admin/konferencje/{conference.pk}/eksport.csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["ID", "Nazwisko", "Imię"]
    assert sorted(int(r[0]) for r in rows[1:]) == sorted(r.pk for r in registrations)
    by_id = {int(r[0]): r for r in rows[1:]}
    first = by_id[registrations[0].pk]
    assert first[1] == "Świętochowska-Źrebięć 0"
    assert first[14] == "Proszę o fakturę; „cudzysłów”"
    assert "Warsztat: współpraca z PCPR" in first[9]


def test_xlsx_export_parses_back_with_the_same_rows(
    client, conference, centre, rep, staff_user
):
    registrations = _fill(conference, centre, rep)
    client.force_login(staff_user)
    response = client.get(f"/admin/konferencje/{conference.pk}/eksport.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][1] == "Nazwisko"
    assert sorted(r[0] for r in rows[1:]) == sorted(r.pk for r in registrations)
    assert {r[1] for r in rows[1:]} == {r.last_name for r in registrations}
    assert rows[1][5] == centre.name


def test_badges_pdf_contains_polish_names_eight_per_page(
    client, conference, centre, rep, staff_user
):
    conference.capacity = 20
    conference.save()
    _fill(conference, centre, rep, 9)
    client.force_login(staff_user)
    response = client.get(f"/admin/konferencje/{conference.pk}/identyfikatory.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    text = pdf_text(response.content).replace("-\n", "-")
    assert "Świętochowska-Źrebięć 8" in text
    assert "Łucja" in text


def _past(conference):
    past = timezone.localdate() - datetime.timedelta(days=3)
    type(conference).objects.filter(pk=conference.pk).update(
        start_date=past - datetime.timedelta(days=2), end_date=past
    )
    conference.refresh_from_db()


def test_certificates_pdf_for_present_participants_with_training_hours(
    client, conference, centre, rep, staff_user
):
    from tests.factories.conferences import add_session

    add_session(conference, start_time=datetime.time(9), end_time=datetime.time(12))
    add_session(
        conference,
        kind="break",
        start_time=datetime.time(12),
        end_time=datetime.time(13),
    )
    present, absent, _third = _fill(conference, centre, rep)
    with on_conference_day(conference):
        check_in(present, staff_user)
    _past(conference)
    client.force_login(staff_user)
    response = client.get(f"/admin/konferencje/{conference.pk}/zaswiadczenia.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "ZAŚWIADCZENIE O UDZIALE" in text
    assert "Łucja Świętochowska-Źrebięć 0" in text
    assert absent.last_name not in text
    # 3 h lecture + 1.5 h workshop; the break does not count
    assert "4,5 godz." in text


def test_check_in_page_finds_people_and_marks_them_present(
    client, conference, centre, rep, staff_user
):
    registrations = _fill(conference, centre, rep)
    client.force_login(staff_user)
    url = f"/admin/konferencje/{conference.pk}/wejscie"
    html = client.get(url, {"q": "Źrebięć 1"}).content.decode()
    assert "Świętochowska-Źrebięć 1" in html
    assert "Świętochowska-Źrebięć 2" not in html
    with on_conference_day(conference):
        client.force_login(staff_user)  # the session would have expired by then
        response = client.post(
            f"/admin/konferencje/zgloszenia/{registrations[1].pk}/obecnosc",
            {"present": "1", "next": f"{url}?q=Źrebięć"},
        )
    assert response.status_code == 302
    assert response["Location"].startswith(url)
    registrations[1].refresh_from_db()
    assert registrations[1].checked_in_at is not None
    html = client.get(url).content.decode()
    assert "Obecnych: 1 z 3" in html


def test_check_in_ignores_a_foreign_next_url(
    client, conference, centre, rep, staff_user
):
    (registration,) = _fill(conference, centre, rep, 1)
    client.force_login(staff_user)
    response = client.post(
        f"/admin/konferencje/zgloszenia/{registration.pk}/obecnosc",
        {"next": "https://example.org/"},
    )
    assert response["Location"] == f"/admin/konferencje/{conference.pk}/wejscie"


def test_staff_confirms_and_rejects_non_members(client, conference, staff_user):
    from members.choices import CentreStatus

    conference.allow_non_members = True
    conference.save()
    applicant = CentreFactory(status=CentreStatus.APPLICANT)
    first, second = register_participants(
        conference=conference,
        centre=applicant,
        user=representative(applicant),
        participants=[participant(1), participant(2)],
    ).registrations
    client.force_login(staff_user)
    page = client.get(f"/admin/konferencje/{conference.pk}").content.decode()
    assert first.full_name in page
    client.post(f"/admin/konferencje/zgloszenia/{first.pk}/zatwierdz")
    client.post(
        f"/admin/konferencje/zgloszenia/{second.pk}/anuluj",
        {"reason": "Ośrodek nie jest członkiem stowarzyszenia."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.CANCELLED


def test_occupancy_overview_and_dashboard_panel(
    client, conference, centre, rep, staff_user
):
    _fill(conference, centre, rep)
    client.force_login(staff_user)
    html = client.get("/admin/konferencje").content.decode()
    assert "3 / 10" in html
    detail = client.get(f"/admin/konferencje/{conference.pk}").content.decode()
    assert "3 / 5" in detail  # the workshop
    dashboard = client.get("/admin/").content.decode()
    assert "Obłożenie konferencji" in dashboard
    assert "3 / 10" in dashboard


def test_registrations_viewset_filters_and_refuses_add(
    client, conference, centre, rep, staff_user
):
    _fill(conference, centre, rep, 2)
    other = CentreFactory(name="Ośrodek Pomocy Społecznej w Gdzie Indziej")
    register_participants(
        conference=conference,
        centre=other,
        user=representative(other),
        participants=[participant("x", last_name="Inny")],
    )
    client.force_login(staff_user)
    html = client.get("/admin/registrations/", {"centre": other.pk}).content.decode()
    assert "Inny" in html
    assert "Świętochowska" not in html
    html = client.get("/admin/registrations/", {"status": "waiting"}).content.decode()
    assert "Świętochowska" not in html
    voivodeship = centre.municipality.voivodeship
    html = client.get(
        "/admin/registrations/", {"voivodeship": voivodeship}
    ).content.decode()
    assert "Świętochowska" in html
    assert client.get("/admin/registrations/new/").status_code in (302, 403)


@pytest.mark.parametrize("size", [3, 9])
def test_admin_registration_list_queries_are_bounded(
    client, home_page, centre, rep, staff_user, size
):
    counts = []
    for n in (size, size * 2):
        Registration.objects.all().delete()
        conference = make_conference(capacity=100)
        register_participants(
            conference=conference,
            centre=centre,
            user=rep,
            participants=[participant(f"{n}-{i}") for i in range(n)],
        )
        client.force_login(staff_user)
        client.get("/admin/registrations/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/registrations/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
