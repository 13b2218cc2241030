"""The gmina registry loader: bulk, idempotent, matched by TERYT."""

import time

import pytest
from django.core.management import call_command

from members.models import Municipality
from members.services.registry import DEFAULT_CSV, load_municipalities

HEADER = "teryt,name,kind,powiat,voivodeship,population,population_year\n"


def write_csv(path, rows):
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_loading_the_real_file_twice_changes_nothing_the_second_time(capsys):
    started = time.monotonic()
    first = load_municipalities()
    assert time.monotonic() - started < 10
    assert (first.created, first.updated, first.unchanged) == (2479, 0, 0)
    assert Municipality.objects.count() == 2479
    snapshot = list(Municipality.objects.order_by("teryt").values())

    second = load_municipalities()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2479)
    assert list(Municipality.objects.order_by("teryt").values()) == snapshot

    wysmierzyce = Municipality.objects.get(teryt="1401063")
    assert (wysmierzyce.name, wysmierzyce.population) == ("Wyśmierzyce", 2642)
    assert wysmierzyce.search_name == "wysmierzyce"
    assert Municipality.objects.get(teryt="3063011").population == 58766
    assert Municipality.objects.get(teryt="0201011").teryt.startswith("0")


@pytest.mark.django_db
def test_a_changed_population_is_updated_not_duplicated(tmp_path):
    csv = write_csv(
        tmp_path / "a.csv",
        [
            "1401063,Wyśmierzyce,miejsko-wiejska,białobrzeski,mazowieckie,2642,2025",
            "2611011,Starachowice,miejska,starachowicki,świętokrzyskie,43278,2025",
        ],
    )
    assert load_municipalities(csv).created == 2
    write_csv(
        csv,
        [
            "1401063,Wyśmierzyce,miejsko-wiejska,białobrzeski,mazowieckie,2600,2026",
            "2611011,Starachowice,miejska,starachowicki,świętokrzyskie,43278,2025",
        ],
    )
    result = load_municipalities(csv)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Municipality.objects.count() == 2
    changed = Municipality.objects.get(teryt="1401063")
    assert (changed.population, changed.population_year) == (2600, 2026)


@pytest.mark.django_db
def test_command_reports_counts(tmp_path, capsys):
    csv = write_csv(
        tmp_path / "b.csv",
        ["0201011,Bolesławiec,miejska,bolesławiecki,dolnośląskie,36642,2025"],
    )
    call_command("load_municipalities", str(csv))
    call_command("load_municipalities", str(csv))
    out = capsys.readouterr().out
    assert "1 created, 0 updated, 0 unchanged" in out
    assert "0 created, 0 updated, 1 unchanged" in out


def test_the_data_file_and_its_source_note_ship_with_the_app():
    assert DEFAULT_CSV.exists()
    assert (DEFAULT_CSV.parent / "SOURCES.md").read_text(encoding="utf-8").count("GUS")


def test_every_gmina_of_the_registry_passes_the_model_validators():
    from members.models import Municipality
    from members.services.registry import DEFAULT_CSV, read_rows

    for row in read_rows(DEFAULT_CSV):
        Municipality(**row).clean_fields(exclude=["search_name"])


def test_no_management_command_creates_or_accepts_invitations():
    """Invitations are made only by the services (the office, a representative,
    an accepted application): no command changes accounts through them."""
    from pathlib import Path

    from django.conf import settings

    commands = list(Path(settings.BASE_DIR).glob("*/management/commands/*.py"))
    assert commands
    for command in commands:
        source = command.read_text(encoding="utf-8")
        for name in ("Invitation", "create_invitation", "accept_invitation"):
            assert name not in source, f"{command} uses {name}"


def test_every_free_text_field_of_the_members_models_has_a_limit():
    from django.apps import apps
    from django.db import models

    from razem.fields import LimitedTextField

    for model in apps.get_app_config("members").get_models():
        for field in model._meta.local_fields:
            if isinstance(field, models.TextField):
                assert isinstance(field, LimitedTextField), f"{model}.{field.name}"
            if isinstance(field, models.CharField):
                assert field.max_length, f"{model}.{field.name}"


def test_the_user_manager_stores_the_canonical_address(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("  Ｅwa.Nowak@Example.TEST ")
    assert user.email == "ewa.nowak@example.test"
    admin = get_user_model().objects.create_superuser("SZEF@Razem.test", "x" * 12)
    assert admin.email == "szef@razem.test"


def test_a_second_account_for_a_variant_of_an_address_is_refused(db):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    User = get_user_model()
    User.objects.create_user("ewa@example.test")
    other = User(email="EWA@example.test")
    with pytest.raises(ValidationError) as caught:
        other.full_clean(exclude=["password"])
    assert "email" in caught.value.message_dict


def test_no_management_command_writes_applications_or_dues():
    """Applications come from the public form or the office, dues from the office:
    no command creates or changes them outside their rules."""
    from pathlib import Path

    from django.conf import settings

    for command in Path(settings.BASE_DIR).glob("*/management/commands/*.py"):
        source = command.read_text(encoding="utf-8")
        for name in ("Application", "submit_application", "Dues"):
            assert name not in source, f"{command} uses {name}"
