"""Keeping the search index in step with the page tree.

Works generically from `Page` and each specific class's `search_fields`, so the page
types of every app (articles, conferences, opinions) are indexed without this module
knowing them. Only live pages are indexed; privacy restrictions are applied when
searching, because a restriction on an ancestor can change without any page event.
"""

from collections.abc import Iterable

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from .text import normalise

# Fields of Page itself that are not content (the title is stored apart).
SKIPPED_FIELDS = {"title"}


def _flatten(value) -> Iterable[str]:
    """Turn a searchable value (text, list of texts, related objects) into strings."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _flatten(item)
    elif hasattr(value, "all") and callable(value.all):
        for item in value.all():
            yield str(item)
    else:
        yield str(value)


def _related_texts(field: index.RelatedFields, obj) -> Iterable[str]:
    related = field.get_value(obj)
    if related is None:
        return
    objects = related.all() if hasattr(related, "all") else [related]
    for related_obj in objects:
        for sub_field in field.fields:
            if isinstance(sub_field, index.SearchField | index.AutocompleteField):
                yield from _flatten(sub_field.get_value(related_obj))


def page_texts(page: Page) -> list[str]:
    """The texts of a specific page named by its class's search fields, in order."""
    texts: list[str] = []
    seen: set[str] = set()
    for field in page.get_search_fields():
        if field.field_name in SKIPPED_FIELDS or field.field_name in seen:
            continue
        if isinstance(field, index.RelatedFields):
            seen.add(field.field_name)
            texts.extend(_related_texts(field, page))
        elif isinstance(field, index.SearchField | index.AutocompleteField):
            seen.add(field.field_name)
            texts.extend(_flatten(field.get_value(page)))
    if page.search_description:
        texts.append(page.search_description)
    cleaned = (" ".join(strip_tags(text).split()) for text in texts)
    return [text for text in cleaned if text]


def update_entry(page: Page) -> None:
    """Index one page, or drop it from the index when it is not live."""
    from razem.models import SearchEntry

    page = page.specific
    # A page type may keep a live page out of public search (e.g. draft opinions).
    if not page.live or page.is_root() or not getattr(page, "search_public", True):
        SearchEntry.objects.filter(page_id=page.pk).delete()
        return
    text = "\n".join(page_texts(page))
    SearchEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "title": page.title,
            "text": text,
            "normalised_title": normalise(page.title),
            "normalised_text": normalise(text),
        },
    )


def remove_entry(page_id: int) -> None:
    """Drop a page from the index (unpublished or deleted)."""
    from razem.models import SearchEntry

    SearchEntry.objects.filter(page_id=page_id).delete()


def rebuild() -> int:
    """Rebuild the whole index from the live pages; returns how many were indexed."""
    from razem.models import SearchEntry

    live = Page.objects.live().exclude(depth=1).specific()
    indexed = []
    for page in live:
        update_entry(page)
        indexed.append(page.pk)
    SearchEntry.objects.exclude(page_id__in=indexed).delete()
    return len(indexed)
