"""ops/backup.sh and ops/restore.sh on PostgreSQL with a small, real dataset."""

import subprocess
from pathlib import Path

import pytest
from django.db import connection

from .conftest import database_url

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "ops" / "backup.sh"
RESTORE = ROOT / "ops" / "restore.sh"


def run(script, *args, env):
    import os

    return subprocess.run(
        [str(script), *map(str, args)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def dataset(postgres_only, settings, tmp_path, pages, people):
    """Pages with photos and attachments, two centres, registrations, signatures."""
    from conferences.services.registration import register_participants
    from consultations import services
    from tests.factories.articles import DocumentFactory, ImageFactory
    from tests.factories.conferences import participant

    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    ImageFactory.create_batch(3)
    DocumentFactory.create_batch(2)
    register_participants(
        conference=pages.conference,
        centre=people.centre_a,
        user=people.rep_a,
        participants=[participant(n) for n in range(3)],
    )
    services.sign_opinion(
        pages.opinion, people.rep_a, expected_version=pages.opinion.state_version
    )
    return media


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_reproduce_counts_and_media(
    dataset, tmp_path, scratch_database
):
    media = dataset
    files = [p for p in media.rglob("*") if p.is_file()]
    assert len(files) >= 5
    backup_dir = tmp_path / "backup"

    made = run(
        BACKUP,
        backup_dir,
        env={"DATABASE_URL": database_url(), "DJANGO_MEDIA_ROOT": str(media)},
    )
    assert made.returncode == 0, made.stderr

    counts = dict(
        line.split("\t")
        for line in (backup_dir / "tables.tsv").read_text().splitlines()
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM conferences_registration")
        assert counts["public.conferences_registration"] == str(cursor.fetchone()[0])
    assert int(counts["public.consultations_signature"]) == 1
    assert len((backup_dir / "media.sha256").read_text().splitlines()) == len(files)

    restored_media = tmp_path / "restored-media"
    restored = run(
        RESTORE,
        backup_dir,
        env={
            "TARGET_DATABASE_URL": database_url(scratch_database()),
            "TARGET_MEDIA_ROOT": str(restored_media),
        },
    )
    assert restored.returncode == 0, restored.stderr
    assert "OK" in restored.stdout
    for original in files:
        copy = restored_media / original.relative_to(media)
        assert copy.read_bytes() == original.read_bytes()


@pytest.mark.django_db(transaction=True)
def test_restore_fails_on_any_difference(dataset, tmp_path, scratch_database):
    backup_dir = tmp_path / "backup"
    made = run(
        BACKUP,
        backup_dir,
        env={"DATABASE_URL": database_url(), "DJANGO_MEDIA_ROOT": str(dataset)},
    )
    assert made.returncode == 0, made.stderr

    # A row count that does not match what the dump holds.
    tables = backup_dir / "tables.tsv"
    original_tables = tables.read_text()
    tables.write_text(
        original_tables.replace(
            "public.consultations_signature\t1", "public.consultations_signature\t2"
        )
    )
    result = run(
        RESTORE,
        backup_dir,
        env={
            "TARGET_DATABASE_URL": database_url(scratch_database()),
            "TARGET_MEDIA_ROOT": str(tmp_path / "m1"),
        },
    )
    assert result.returncode == 1
    assert "consultations_signature" in result.stderr
    tables.write_text(original_tables)

    # A media file whose checksum differs.
    sums = backup_dir / "media.sha256"
    original_sums = sums.read_text()
    first = original_sums.splitlines()[0]
    sums.write_text(original_sums.replace(first, "0" * 64 + first[64:]))
    result = run(
        RESTORE,
        backup_dir,
        env={
            "TARGET_DATABASE_URL": database_url(scratch_database()),
            "TARGET_MEDIA_ROOT": str(tmp_path / "m2"),
        },
    )
    assert result.returncode == 1
    assert "media checksums differ" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(dataset, tmp_path):
    backup_dir = tmp_path / "backup"
    env = {"DATABASE_URL": database_url(), "DJANGO_MEDIA_ROOT": str(dataset)}
    assert run(BACKUP, backup_dir, env=env).returncode == 0
    result = run(
        RESTORE,
        backup_dir,
        env={
            "TARGET_DATABASE_URL": database_url(),
            "TARGET_MEDIA_ROOT": str(tmp_path / "m"),
        },
    )
    assert result.returncode == 2
    assert "not empty" in result.stderr
