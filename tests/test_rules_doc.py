"""docs/rules.md is the table of business rules and the paths that change their data.

Every cell says how the rule holds on that path and names the test that proves it.
This test keeps the table honest: no empty cell, and every cited test exists.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::([\w:]+)(?:\[[^\]`]*\])?`")


def _tables(text: str):
    """Yield (heading, header cells, rows) for every markdown table."""
    heading, block = "", []
    for line in [*text.splitlines(), ""]:
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if line.startswith("|"):
            block.append(line)
            continue
        if block:
            header, _separator, *rows = block
            yield heading, _cells(header), [_cells(row) for row in rows]
            block = []


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _defined(path: Path, dotted: str) -> bool:
    """True when every part of `Class::test` is defined (class or def) in the file."""
    source = path.read_text(encoding="utf-8")
    return all(
        re.search(
            rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b", source, re.M
        )
        for name in dotted.split("::")
    )


def _rows():
    text = RULES.read_text(encoding="utf-8")
    for heading, header, rows in _tables(text):
        for row in rows:
            yield heading, header, row


def test_the_rules_table_exists_and_has_rules():
    rows = list(_rows())
    assert len(rows) >= 20, "docs/rules.md lists too few rules"


ROWS = list(_rows()) if RULES.exists() else []


@pytest.mark.parametrize(
    "heading,header,row", ROWS, ids=[f"{h[:24]}: {r[0][:48]}" for h, _, r in ROWS]
)
def test_every_cell_is_filled_and_cites_an_existing_test(heading, header, row):
    assert len(row) == len(header), f"{heading}: {row[0]!r} has {len(row)} cells"
    rule, *cells = row
    assert rule, f"{heading}: a row without its rule"
    for column, cell in zip(header[1:], cells, strict=True):
        references = REFERENCE.findall(cell)
        assert references, f"{heading} / {rule[:60]} / {column}: no test cited"
        for path, dotted in references:
            assert (ROOT / path).is_file(), f"{path} does not exist ({rule[:60]})"
            assert _defined(ROOT / path, dotted), f"{path}::{dotted} is not defined"
