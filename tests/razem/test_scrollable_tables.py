"""Every sideways-scrolling table is a focusable, named region (axe
`scrollable-region-focusable`): the `scrollable_table` tag of `razem_tags`, used by
every template instead of a bare `class="table-wrap"`."""

from pathlib import Path

from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[2]
APPS = ("razem", "articles", "members", "conferences", "consultations")


def test_no_template_has_a_bare_scrolling_wrapper():
    bare = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app / "templates").rglob("*.html")
        if 'class="table-wrap"' in path.read_text(encoding="utf-8")
    ]
    assert bare == [], "use {% scrollable_table %} instead of a bare .table-wrap"


def test_the_wrapper_is_a_focusable_region_named_by_the_caption():
    html = Template(
        "{% load razem_tags %}{% scrollable_table %}<table><caption class='x'>"
        "Składki <b>&amp;</b> opłaty</caption><tr><td>1</td></tr></table>"
        "{% endscrollable_table %}"
    ).render(Context())
    assert html.startswith(
        '<div class="table-wrap" tabindex="0" role="region" '
        'aria-label="Składki &amp; opłaty"><table>'
    )
    assert html.endswith("</table></div>")


def test_a_label_given_wins_and_is_escaped():
    html = Template(
        "{% load razem_tags %}{% scrollable_table label %}<table></table>"
        "{% endscrollable_table %}"
    ).render(Context({"label": 'Uczestnicy "A"'}))
    assert 'aria-label="Uczestnicy &quot;A&quot;"' in html
