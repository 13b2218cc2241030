"""Template tags of the site layout: navigation and the page record (metryczka)."""

import html
import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, Site

from razem.cache import current_generation, remembered

register = template.Library()

FIXED_LINKS = [
    # (url, title, order) for views that live outside the page tree.
    ("/czlonkowie/", gettext_lazy("Members"), 60),
    ("/przystap/", gettext_lazy("Join us"), 70),
]


def _menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []

    def menu():
        children = site.root_page.get_children().live().public().in_menu().specific()
        return [(page.url, page.title) for page in children]

    return remembered("nav", site.pk, compute=menu)


@register.simple_tag
def cache_generation():
    """The cache generation, for `{% cache %}` fragments to vary on.

    `{% cache_generation as generation %}` before a `{% cache … generation %}` block:
    anything that bumps the generation (publishing, a registration, a co-signature)
    makes the fragment render afresh. Read once per request.
    """
    return current_generation()


@register.simple_tag
def main_navigation(request):
    """Return the main menu: home's children shown in menus, then fixed views."""
    items = [{"url": url, "title": title} for url, title in _menu_pages(request)]
    items += [{"url": url, "title": str(title)} for url, title, _order in FIXED_LINKS]
    path = request.path
    for item in items:
        item["active"] = item["url"] != "/" and path.startswith(item["url"])
    return items


RECORD_SECONDS = 600


@register.simple_tag
def page_record(page: Page, history_limit: int = 10):
    """The rendered page record, remembered per page, live revision and language.

    A page's record changes only when it is published, and publishing bumps the
    cache generation the key carries; names changed on an account show within ten
    minutes. Unsaved pages (previews of new pages) are rendered every time.
    """

    def render():
        context = page_record_context(page, history_limit)
        return render_to_string("components/page_record.html", context)

    if page.pk is None:
        html = render()
    else:
        html = remembered(
            "record",
            page.pk,
            page.live_revision_id,
            get_language(),
            history_limit,
            compute=render,
        )
    return mark_safe(html)  # noqa: S308 - our own template's autoescaped output


def page_record_context(page: Page, history_limit: int = 10) -> dict:
    """The public page record: created, first published, last changed, by whom.

    Created is the date of the page's first revision. The history lists published
    work only (revisions up to the live one; later drafts are nobody's business).
    Two queries, whatever the length of the history.
    """
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).select_related(
        "user"
    )
    if page.live_revision_id:
        revisions = revisions.filter(pk__lte=page.live_revision_id)
    history = list(revisions.order_by("-created_at", "-pk")[:history_limit])
    first = revisions.order_by("created_at", "pk").first()
    live = next((rev for rev in history if rev.pk == page.live_revision_id), None)
    return {
        "page": page,
        "created_at": first.created_at if first else page.first_published_at,
        "created_by": first.user if first else None,
        "first_published_at": page.first_published_at,
        "last_changed_at": page.last_published_at,
        "last_changed_by": live.user
        if live
        else (history[0].user if history else None),
        "revisions": history,
    }


@register.filter
def person_name(user):
    """A person's public name for the page record: full name, never the e-mail."""
    if user is None:
        return _("editorial office")
    return user.get_full_name() or _("editorial office")


CAPTION = re.compile(
    r"<caption\b[^>]*>(?P<text>.*?)</caption>", re.DOTALL | re.IGNORECASE
)


class ScrollableTableNode(template.Node):
    """`{% scrollable_table [label] %}<table>…</table>{% endscrollable_table %}`."""

    def __init__(self, nodelist, label):
        self.nodelist, self.label = nodelist, label

    def render(self, context):
        inner = self.nodelist.render(context)
        label = self.label.resolve(context) if self.label is not None else ""
        if not label:
            match = CAPTION.search(inner)
            label = html.unescape(strip_tags(match["text"])) if match else ""
        label = " ".join(str(label).split()) or _("Table")
        return format_html(
            '<div class="table-wrap" tabindex="0" role="region" aria-label="{}">{}</div>',
            label,
            mark_safe(inner),  # noqa: S308 - the template's own rendered output
        )


@register.tag("scrollable_table")
def scrollable_table(parser, token):
    """A table that scrolls sideways on a narrow screen, reachable by keyboard.

    The scrolling wrapper is a focusable region (axe `scrollable-region-focusable`:
    keyboard users scroll it with the arrow keys) named by the label given, else by
    the table's caption. Every scrollable table of the site uses this tag
    (`tests/razem/test_scrollable_tables.py` fails on a bare `class="table-wrap"`).
    """
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError(
            "scrollable_table takes at most one argument"
        )
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endscrollable_table",))
    parser.delete_first_token()
    return ScrollableTableNode(nodelist, label)
