"""The municipality registry: load or update every gmina from the GUS-based CSV."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ..models import Municipality, search_key

DEFAULT_CSV = Path(__file__).resolve().parent.parent / "data" / "gminy.csv"
FIELDS = ["name", "kind", "powiat", "voivodeship", "population", "population_year"]


@dataclass
class LoadResult:
    """How many gminy the loader created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_rows(path: Path) -> list[dict]:
    """Parse the CSV (teryt kept as text with its leading zero)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "teryt": row["teryt"].strip().zfill(7),
                    "name": row["name"].strip(),
                    "kind": row["kind"].strip(),
                    "powiat": row["powiat"].strip(),
                    "voivodeship": row["voivodeship"].strip(),
                    "population": int(row["population"]),
                    "population_year": int(row["population_year"]),
                }
            )
    return rows


def load_municipalities(path: Path | None = None) -> LoadResult:
    """Create missing gminy and update changed ones, matched by TERYT, in bulk.

    A second run with the same file changes nothing. Gminy missing from the file are
    left alone (centres refer to them).
    """
    rows = read_rows(path or DEFAULT_CSV)
    result = LoadResult()
    with transaction.atomic():
        existing = {m.teryt: m for m in Municipality.objects.all()}
        to_create, to_update = [], []
        for row in rows:
            current = existing.get(row["teryt"])
            if current is None:
                to_create.append(
                    Municipality(**row, search_name=search_key(row["name"]))
                )
                continue
            changed = False
            for field in FIELDS:
                if getattr(current, field) != row[field]:
                    setattr(current, field, row[field])
                    changed = True
            if current.search_name != search_key(current.name):
                current.search_name = search_key(current.name)
                changed = True
            if changed:
                to_update.append(current)
            else:
                result.unchanged += 1
        Municipality.objects.bulk_create(to_create, batch_size=500)
        Municipality.objects.bulk_update(
            to_update, [*FIELDS, "search_name"], batch_size=500
        )
    result.created, result.updated = len(to_create), len(to_update)
    return result
