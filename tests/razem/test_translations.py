"""The house's catalogues: every Polish msgstr filled, none fuzzy."""

import ast
from pathlib import Path

from django.conf import settings


def catalogue(language: str) -> Path:
    return (
        Path(settings.BASE_DIR) / "razem" / "locale" / language / "LC_MESSAGES"
    ) / "django.po"


def entries(language: str) -> list[dict]:
    """Each entry as {"msgid": text, "msgstr": [texts]}."""
    result, current, key = [], None, None
    for line in catalogue(language).read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = {"msgid": "", "msgstr": []}
            result.append(current)
            key = "msgid"
            current["msgid"] = ast.literal_eval(line[6:])
        elif line.startswith("msgid_plural "):
            key = "plural"
        elif line.startswith("msgstr"):
            key = "msgstr"
            current["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
        elif line.startswith('"') and current is not None:
            text = ast.literal_eval(line)
            if key == "msgid":
                current["msgid"] += text
            elif key == "msgstr":
                current["msgstr"][-1] += text
        elif not line.strip():
            key = None
    return [entry for entry in result if entry["msgid"]]


def test_polish_catalogue_is_complete_and_not_fuzzy():
    pl = entries("pl")
    assert len(pl) > 100
    missing = [e["msgid"] for e in pl if not e["msgstr"] or not all(e["msgstr"])]
    assert not missing, missing
    assert "#, fuzzy" not in catalogue("pl").read_text(encoding="utf-8")


def test_english_catalogue_has_the_same_messages():
    assert {e["msgid"] for e in entries("en")} == {e["msgid"] for e in entries("pl")}


def test_wagtails_could_not_be_created_reads_correctly_for_any_model():
    """Found in the final browser trial: Wagtail's Polish says "Zaproszenie nie
    mógł zostać utworzony" (every model masculine); ours names no gender."""
    from django.utils import translation

    with translation.override("pl"):
        for msgid in (
            "The %(model_name)s could not be created due to errors.",
            "The %(model_name)s could not be saved due to errors.",
        ):
            text = translation.gettext(msgid) % {"model_name": "Zaproszenie"}
            assert "mógł" not in text and "Zaproszenie" in text, text
            assert text.startswith("Nie udało się"), text
