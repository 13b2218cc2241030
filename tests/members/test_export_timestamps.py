"""RODO export: every moment in one format, ISO 8601 in Europe/Warsaw with its
offset, through one helper (`razem.privacy.iso`) used by every app's sources."""

import datetime
import importlib
import re

import pytest

from members.services import export_personal_data
from razem.privacy import iso
from tests.members.test_personal_data_sources import everything  # noqa: F401

MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$")
LOOKS_LIKE_A_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:")

SOURCE_MODULES = [
    "members.services.privacy",
    "razem.privacy_sources",
    "conferences.privacy",
    "consultations.privacy",
]


def test_iso_writes_warsaw_time_with_its_offset_to_the_second():
    winter = datetime.datetime(2026, 1, 15, 9, 30, 5, 123456, tzinfo=datetime.UTC)
    summer = datetime.datetime(2026, 7, 15, 9, 30, 5, tzinfo=datetime.UTC)
    assert iso(winter) == "2026-01-15T10:30:05+01:00"
    assert iso(summer) == "2026-07-15T11:30:05+02:00"
    assert iso(datetime.date(2026, 3, 5)) == "2026-03-05"
    assert iso(None) is None


def test_iso_takes_a_naive_moment_as_warsaw_time():
    assert iso(datetime.datetime(2026, 1, 15, 10, 30)) == "2026-01-15T10:30:00+01:00"


@pytest.mark.parametrize("module", SOURCE_MODULES)
def test_every_apps_source_writes_moments_through_the_one_helper(module):
    moment = datetime.datetime(2026, 7, 1, 22, 0, 0, 999, tzinfo=datetime.UTC)
    source = importlib.import_module(module)
    assert source._iso(moment) == iso(moment) == "2026-07-02T00:00:00+02:00"
    assert source._iso(None) is None


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


@pytest.mark.django_db
def test_every_moment_of_a_whole_export_has_the_one_format(everything, home_page):  # noqa: F811
    from tests.factories.consultations import (
        CommentFactory,
        opinion_index,
        opinion_page,
    )

    CommentFactory(author=everything, opinion=opinion_page(opinion_index(home_page)))
    data = export_personal_data(everything)
    assert any(MOMENT.match(t) for t in _strings(data["opinion_comments"]))
    moments = [text for text in _strings(data) if LOOKS_LIKE_A_MOMENT.match(text)]
    assert len(moments) > 20
    wrong = [text for text in moments if not MOMENT.match(text)]
    assert not wrong, wrong
