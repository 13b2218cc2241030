"""Normalising Polish text for search: case, diacritics and a light suffix stemmer.

Polish inflects nouns and adjectives through endings ("konferencja", "konferencji",
"konferencjach"). The stemmer removes the longest known ending that leaves a stem of
at least three letters, so the inflected forms of one word share a stem. It is
deliberately light: a wrong stem costs a little precision, never a crash, and the
query goes through the same function as the indexed text.
"""

import re

from anyascii import anyascii

WORD_PATTERN = re.compile(r"\w+", re.UNICODE)
MIN_STEM = 3

# Endings after diacritics are removed (ą→a, ę→e, ó→o, ł→l ...), longest first.
SUFFIXES = tuple(
    sorted(
        {
            # nouns
            "owie",
            "ami",
            "ach",
            "iem",
            "owi",
            "om",
            "ow",
            "em",
            "ie",
            "iu",
            "ia",
            "ii",
            # adjectives and participles
            "ego",
            "emu",
            "ych",
            "ymi",
            "imi",
            "ich",
            "ym",
            "im",
            "ej",
            # single vowels last
            "a",
            "e",
            "i",
            "o",
            "u",
            "y",
        },
        key=len,
        reverse=True,
    )
)
VOWELS = set("aeiouy")

# Words too common to narrow a search; ignored unless the query has nothing else.
STOPWORDS = frozenset(
    [
        "a",
        "aby",
        "ale",
        "az",
        "bo",
        "by",
        "czy",
        "dla",
        "do",
        "i",
        "ich",
        "im",
        "jak",
        "jest",
        "juz",
        "lub",
        "na",
        "nad",
        "nie",
        "o",
        "od",
        "oraz",
        "po",
        "pod",
        "przez",
        "przy",
        "sa",
        "sie",
        "ta",
        "tak",
        "te",
        "tego",
        "ten",
        "to",
        "tu",
        "w",
        "we",
        "z",
        "za",
        "ze",
    ]
)


def fold(text: str) -> str:
    """Lowercase and strip diacritics: "Pomoc Społeczna" -> "pomoc spoleczna"."""
    return anyascii(text).lower()


def stem(word: str) -> str:
    """The stem of one folded word: "konferencjach" -> "konferencj".

    A "fleeting e" before a final k or c drops first ("osrodek" -> "osrodk",
    "mieszkaniec" -> "mieszkanc"), as in the inflected forms ("osrodka").
    """
    if len(word) > 5 and word.endswith("iec"):
        return word[:-3] + "c"
    if (
        len(word) > 4
        and word[-2] == "e"
        and word[-1] in "kc"
        and word[-3] not in VOWELS
    ):
        return word[:-2] + word[-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return WORD_PATTERN.findall(fold(text))


def normalise(text: str) -> str:
    """The searchable form of a text: stems separated and surrounded by spaces.

    The surrounding spaces let a query match the start of a stem with a plain
    `LIKE '% stem%'`, which every database supports.
    """
    return " " + " ".join(stem(word) for word in words(text)) + " "


def query_stems(query: str) -> list[str]:
    """The distinct stems a query asks for, stop words dropped when possible."""
    all_words = [word for word in words(query) if word]
    meaningful = [word for word in all_words if word not in STOPWORDS]
    stems: list[str] = []
    for word in meaningful or all_words:
        word_stem = stem(word)
        if word_stem not in stems:
            stems.append(word_stem)
    return stems
