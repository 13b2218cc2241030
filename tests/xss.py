"""The shared XSS payload corpus and a check that rendered HTML stays inert."""

import re
from pathlib import Path

PAYLOAD_FILE = Path(__file__).parent / "data" / "xss_payloads.txt"

# Markup that would execute if any payload came back unescaped.
DANGEROUS = re.compile(
    r"<script|<img[^>]*\son\w+=|<svg[^>]*\son\w+=|\son(error|load|focus|click|mouseover|toggle|begin|start)\s*=\s*[\"']?alert"
    r"|<iframe|<object|<embed|href=[\"']?\s*javascript:",
    re.IGNORECASE,
)


def payloads() -> list[str]:
    """All payloads of the corpus (comment lines skipped)."""
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def assert_inert(html: str, payload: str) -> None:
    """The payload must not appear as live markup in the rendered page."""
    assert payload not in html or not DANGEROUS.search(payload), (
        f"payload rendered unescaped: {payload!r}"
    )
