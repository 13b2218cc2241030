"""Staff review in the Wagtail admin: accept / reject buttons, audit log, e-mails."""

import re

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from members.choices import ApplicationStatus, CentreStatus, Role
from members.exceptions import ApplicationAlreadyDecided, RejectionReasonRequired
from members.models import Application, Centre, Invitation
from members.services import accept_application, reject_application
from tests.factories.members import ApplicationFactory, MunicipalityFactory

ADMIN = "/admin/members/application/"


@pytest.fixture
def application(db):
    return ApplicationFactory(
        centre_name="GOPS Próbna Wola",
        email="kierownik@probna.test",
        municipality=MunicipalityFactory(name="Próbna Wola", population=7000),
    )


@pytest.fixture
def big_application(db):
    return ApplicationFactory(
        kind="MOPR",
        centre_name="MOPR Leszno",
        municipality=MunicipalityFactory(name="Leszno", population=58_766),
    )


def logged(instance, action):
    return ModelLogEntry.objects.filter(
        object_id=str(instance.pk), action=action
    ).first()


@pytest.mark.django_db
def test_listing_shows_decision_buttons_for_pending(client, admin_user, application):
    client.force_login(admin_user)
    html = client.get(ADMIN).content.decode()
    assert "GOPS Próbna Wola" in html
    assert f"{ADMIN}accept/{application.pk}/" in html
    assert f"{ADMIN}reject/{application.pk}/" in html


@pytest.mark.django_db
def test_inspect_view_shows_eligibility_and_buttons(
    client, admin_user, big_application
):
    client.force_login(admin_user)
    html = client.get(f"{ADMIN}inspect/{big_application.pk}/").content.decode()
    assert "Powyżej limitu" in html
    assert f"{ADMIN}accept/{big_application.pk}/" in html


@pytest.mark.django_db
def test_get_on_accept_only_asks_for_confirmation(client, admin_user, application):
    client.force_login(admin_user)
    response = client.get(f"{ADMIN}accept/{application.pk}/")
    assert response.status_code == 200
    assert "Tak, przyjmij i wyślij zaproszenie" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert not Centre.objects.exists()


@pytest.mark.django_db
def test_accept_button_admits_centre_invites_and_logs(
    client, admin_user, application, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}accept/{application.pk}/", {})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decided_by == admin_user
    centre = application.centre
    assert centre.status == CentreStatus.MEMBER
    assert centre.joined_on is not None
    assert centre.name == "GOPS Próbna Wola"
    invitation = Invitation.objects.get(centre=centre)
    assert invitation.role == Role.REPRESENTATIVE
    assert invitation.email == "kierownik@probna.test"
    assert len(invitation.token_hash) == 64
    assert logged(application, "members.application_accept").user_id == admin_user.pk
    assert logged(centre, "members.centre_admit") is not None
    [message] = [m for m in mail.outbox if m.to == ["kierownik@probna.test"]]
    link = re.search(r"https?://\S+/konto/zaproszenie/(\S+)/", message.body)
    assert link, message.body
    assert invitation.token_hash not in message.body


@pytest.mark.django_db
def test_accepting_over_the_limit_needs_a_reason(client, admin_user, big_application):
    client.force_login(admin_user)
    response = client.post(
        f"{ADMIN}accept/{big_application.pk}/", {"exception_reason": ""}
    )
    assert response.status_code == 200
    assert "wpisz uzasadnienie" in response.content.decode()
    big_application.refresh_from_db()
    assert big_application.status == ApplicationStatus.PENDING
    assert not Centre.objects.exists()

    response = client.post(
        f"{ADMIN}accept/{big_application.pk}/",
        {"exception_reason": "Uchwała zarządu 4/2026: ośrodek współpracuje od 2015 r."},
    )
    assert response.status_code == 302
    centre = Centre.objects.get()
    assert centre.eligibility_exception_reason.startswith("Uchwała zarządu 4/2026")


@pytest.mark.django_db
def test_reject_button_needs_reason_emails_it_and_logs(
    client, admin_user, application, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = client.post(f"{ADMIN}reject/{application.pk}/", {"reason": ""})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{ADMIN}reject/{application.pk}/",
            {"reason": "Ośrodek nie działa na terenie gminy."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "Ośrodek nie działa na terenie gminy."
    entry = logged(application, "members.application_reject")
    assert entry.data["reason"] == "Ośrodek nie działa na terenie gminy."
    [message] = mail.outbox
    assert message.to == ["kierownik@probna.test"]
    assert "Ośrodek nie działa na terenie gminy." in message.body


@pytest.mark.django_db
def test_decided_application_cannot_be_decided_again(admin_user, application):
    reject_application(application, user=admin_user, reason="Brak danych.")
    with pytest.raises(ApplicationAlreadyDecided):
        accept_application(application, user=admin_user)
    with pytest.raises(ApplicationAlreadyDecided):
        reject_application(application, user=admin_user, reason="Znowu.")


@pytest.mark.django_db
def test_rejection_without_reason_is_refused_by_the_service(admin_user, application):
    with pytest.raises(RejectionReasonRequired):
        reject_application(application, user=admin_user, reason="  ")


@pytest.mark.django_db
def test_accepting_reuses_a_former_centre_record(admin_user, application):
    former = Centre.objects.create(
        name="Stara nazwa",
        kind=application.kind,
        municipality=application.municipality,
        status=CentreStatus.FORMER,
    )
    centre, _invitation = accept_application(application, user=admin_user)
    assert centre.pk == former.pk
    assert Centre.objects.count() == 1
    assert centre.name == "GOPS Próbna Wola"


@pytest.mark.django_db
def test_editor_cannot_decide(client, editor, application):
    client.force_login(editor)
    response = client.post(f"{ADMIN}accept/{application.pk}/", {})
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert Application.objects.get().centre is None


@pytest.mark.django_db
def test_log_actions_are_registered():
    from wagtail.log_actions import registry

    for action in [
        "members.application_accept",
        "members.application_reject",
        "members.centre_contacts",
        "members.invitation_accept",
    ]:
        assert registry.action_exists(action)


def admin_form_data(municipality, **overrides):
    data = {
        "centre_name": "OPS Papierowy",
        "kind": "OPS",
        "municipality": municipality.pk,
        "street": "ul. Pocztowa 1",
        "postal_code": "26-811",
        "city": "Papierowo",
        "centre_email": "ops@example.test",
        "director": "Jan Papier",
        "first_name": "Jan",
        "last_name": "Papier",
        "email": "jan@example.test",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_staff_may_register_a_paper_application(client, admin_user):
    municipality = MunicipalityFactory()
    client.force_login(admin_user)
    response = client.post(f"{ADMIN}new/", admin_form_data(municipality))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == ApplicationStatus.PENDING
    assert application.privacy_accepted_at is not None

    response = client.post(f"{ADMIN}new/", admin_form_data(municipality))
    assert response.status_code == 200
    assert "został już złożony lub przyjęty" in response.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.parametrize("view", ["inspect", "accept", "reject"])
def test_the_application_pages_show_local_time_and_no_none(
    client, admin_user, application, view
):
    """Found in the final browser trial: the application's pages showed UTC (22:10
    where the listing and e-mails say 23:10) and "None" for empty decisions."""
    import datetime

    moment = datetime.datetime(2026, 12, 6, 22, 10, tzinfo=datetime.UTC)
    type(application).objects.filter(pk=application.pk).update(created_at=moment)
    client.force_login(admin_user)
    html = client.get(f"/admin/members/application/{view}/{application.pk}/")
    html = html.content.decode()
    assert "23:10" in html and "22:10" not in html
    assert ">None<" not in html and "None\n" not in html
