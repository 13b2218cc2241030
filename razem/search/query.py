"""Finding, ranking and highlighting search results.

Every query word must match (AND), each by the start of a stem in the page's title or
text; pages whose title matches more query words come first, then the most recently
published. Excerpts show the original text around the first match, with the matching
words wrapped in <mark> and everything else escaped.
"""

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from .text import fold, query_stems, stem

WORD_PATTERN = re.compile(r"\w+", re.UNICODE)
EXCERPT_CHARS = 260
EXCERPT_LEAD = 80


def search_entries(stems: list[str]) -> QuerySet:
    """Public live pages whose title or text has every stem, best matches first."""
    from razem.models import SearchEntry

    if not stems:
        return SearchEntry.objects.none()
    public_pages = Page.objects.live().public().values("pk")
    entries = SearchEntry.objects.filter(page__in=public_pages)
    title_score = Value(0, output_field=IntegerField())
    for query_stem in stems:
        pattern = f" {query_stem}"
        entries = entries.filter(
            Q(normalised_title__contains=pattern) | Q(normalised_text__contains=pattern)
        )
        title_score = title_score + Case(
            When(normalised_title__contains=pattern, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        entries.annotate(title_score=title_score)
        .select_related("page")
        .order_by("-title_score", "-page__last_published_at", "page__title")
    )


def _matches(word: str, stems: list[str]) -> bool:
    word_stem = stem(fold(word))
    return any(word_stem.startswith(query_stem) for query_stem in stems)


def _window(text: str, stems: list[str], limit: int) -> tuple[int, int]:
    """The span of `text` to show: around the first match, cut at word boundaries."""
    if len(text) <= limit:
        return 0, len(text)
    first = next(
        (m.start() for m in WORD_PATTERN.finditer(text) if _matches(m.group(), stems)),
        0,
    )
    start = max(0, first - EXCERPT_LEAD)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else first
    end = min(len(text), start + limit)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, stems: list[str], limit: int | None = None) -> SafeString:
    """Escape `text` and wrap the words matching `stems` in <mark>.

    With `limit`, only an excerpt of about that many characters around the first
    match is returned, with an ellipsis where text was cut.
    """
    start, end = (0, len(text)) if limit is None else _window(text, stems, limit)
    fragment = text[start:end]
    parts = []
    position = 0
    for match in WORD_PATTERN.finditer(fragment):
        if not _matches(match.group(), stems):
            continue
        parts.append(escape(fragment[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(fragment[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - parts escaped


__all__ = ["highlight", "query_stems", "search_entries"]
