"""What the portal holds about a person, declared model by model (RODO art. 15, 20).

Every app that stores personal data registers its sources with the Wagtail hook
`razem_personal_data_sources`: a function returning a list of `PersonalDataSource`.
A source either exports the rows that concern a person (`export(user) -> data`,
placed in the export under `key`) or declares why its model is not exported
(`exempt`). The members app builds the person's export from every registered
source; a test introspects every installed model with a personal field and fails
when one is neither exported nor declared exempt, so a new model cannot be
forgotten.

This module knows no feature app: apps register, the house only collects.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from wagtail import hooks

HOOK = "razem_personal_data_sources"

# Every moment in a person's export is written in this one zone and format.
EXPORT_ZONE = ZoneInfo("Europe/Warsaw")


def iso(value) -> str | None:
    """A moment or a date of the RODO export in one format: ISO 8601, moments in
    Europe/Warsaw with their offset, to the second ("2026-03-05T14:07:09+01:00");
    dates as "2026-03-05"; None (or an empty value) stays None.

    Every personal-data source (members, conferences, consultations, the house)
    writes its timestamps through this function.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=EXPORT_ZONE)
        return value.astimezone(EXPORT_ZONE).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"not a date or moment: {value!r}")


@dataclass(frozen=True)
class PersonalDataSource:
    """One model's rows about a person, or the reason the model is not exported.

    `model` is the model's label ("conferences.Registration"). `export` takes the
    user and returns JSON-ready data (a list of dicts, a dict or None); `key` names
    it in the export. `exempt` is a sentence for the record of processing saying
    why the rows are not the person's data to take (e.g. "a cache of the session
    row, exported as the session"). Exactly one of `export` and `exempt` is set.
    """

    model: str
    key: str = ""
    export: Callable[[Any], Any] | None = None
    exempt: str = ""

    def __post_init__(self):
        if (self.export is None) == (not self.exempt):
            raise ValueError(f"{self.model}: give either export or exempt, not both")
        if self.export is not None and not self.key:
            raise ValueError(f"{self.model}: an exported source needs a key")


def personal_data_sources() -> list[PersonalDataSource]:
    """Every source registered by the installed apps, in hook order."""
    sources: list[PersonalDataSource] = []
    for fn in hooks.get_hooks(HOOK):
        sources.extend(fn())
    return sources


def collect_personal_data(user) -> dict:
    """The exported sources' data for this person, by key (keys may be shared:
    sources of one key are merged into one list)."""
    data: dict = {}
    for source in personal_data_sources():
        if source.export is None:
            continue
        value = source.export(user)
        if source.key in data and isinstance(data[source.key], list):
            data[source.key].extend(value or [])
        else:
            data[source.key] = value
    return data
