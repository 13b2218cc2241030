"""Retention: needs erased after the conference, names and e-mails after retention."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from conferences.models import Registration
from conferences.services.privacy import anonymise_participants, erase_special_needs
from conferences.services.registration import register_participants
from tests.factories.conferences import participant

pytestmark = pytest.mark.django_db


def _move_to_past(conference, days_ago: int) -> None:
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    type(conference).objects.filter(pk=conference.pk).update(
        start_date=end - datetime.timedelta(days=1), end_date=end
    )


def test_needs_erased_after_the_conference_then_personal_data_after_retention(
    conference, centre, rep, settings
):
    settings.RAZEM_PARTICIPANT_RETENTION_DAYS = 365
    register_participants(
        conference=conference,
        centre=centre,
        user=rep,
        participants=[
            participant(1, special_needs="wózek", special_needs_consent=True)
        ],
    )
    _move_to_past(conference, 0)  # its last day is today: still needed
    assert erase_special_needs() == 0
    _move_to_past(conference, 1)
    assert erase_special_needs() == 1
    registration = Registration.objects.get()
    assert registration.special_needs == ""
    assert registration.last_name == "Gęślą-Jaźń 1"
    assert anonymise_participants() == 0
    _move_to_past(conference, 400)
    call_command("anonymise_conference_participants", stdout=io.StringIO())
    registration.refresh_from_db()
    assert registration.first_name == "Uczestnik"
    assert registration.last_name == f"#{registration.pk}"
    assert registration.email.endswith("@anonymised.invalid")
    assert registration.anonymised_at is not None
    assert anonymise_participants() == 0


def _anonymised(conference, centre, rep, settings) -> Registration:
    settings.RAZEM_PARTICIPANT_RETENTION_DAYS = 30
    register_participants(
        conference=conference, centre=centre, user=rep, participants=[participant(1)]
    )
    _move_to_past(conference, 60)
    assert anonymise_participants() == 1
    return Registration.objects.get()


def test_an_anonymised_participant_cannot_be_named_again_by_any_save(
    conference, centre, rep, settings
):
    from django.core.exceptions import ValidationError

    registration = _anonymised(conference, centre, rep, settings)
    registration.first_name = "Jan"
    registration.email = "jan.kowalski@example.test"
    with pytest.raises(ValidationError) as refused:
        registration.full_clean()
    assert set(refused.value.message_dict) == {"first_name", "email"}
    assert "zanonimizowane" in refused.value.message_dict["first_name"][0]


def test_the_admin_edit_shows_an_anonymised_participant_read_only(
    client, conference, centre, rep, settings
):
    from tests.factories.members import UserFactory

    settings.RAZEM_STAFF_MFA_REQUIRED = False
    registration = _anonymised(conference, centre, rep, settings)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/registrations/edit/{registration.pk}/"
    form = client.get(url).context["form"]
    assert form.fields["first_name"].disabled and form.fields["email"].disabled
    client.post(
        url,
        {
            "first_name": "Jan",
            "last_name": "Kowalski",
            "email": "jan.kowalski@example.test",
            "position": "pracownik socjalny",
            "accommodation_nights": 0,
            "remarks": "",
        },
    )
    registration.refresh_from_db()
    assert registration.first_name == "Uczestnik"
    assert registration.email.endswith("@anonymised.invalid")
