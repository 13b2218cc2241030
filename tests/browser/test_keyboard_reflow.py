"""Keyboard operation and reflow of every page type at a 320 px wide viewport.

For each public and member page type the test opens the page in a 320x640 window and
checks, with the keyboard alone:

1. the first Tab focuses the skip link, and Enter on it moves the focus to <main>
   (scrolled to the top of the window) so that the next Tab lands in the content;
2. Tab walks through every visible focusable control (links, buttons, fields,
   summaries, [tabindex>=0]) without getting stuck, the focus eventually leaves the
   document (or wraps round to the first stop), and Shift+Tab walks the same controls
   back in reverse order; the mobile menu is opened with Enter on its toggle on the
   way, so its links are walked too;
3. every focused element shows a focus indicator (an outline or a box shadow), is
   on screen and not hidden behind sticky content such as the cookie notice;
4. nothing scrolls sideways at 320 px (WCAG 1.4.10 Reflow): with the page as loaded,
   with the menu open and with every <details> open; offenders are listed.
"""

import datetime
import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.factories.articles import (
    ArticlePageFactory,
    CategoryFactory,
    GalleryIndexPageFactory,
    GalleryPageFactory,
    NewsIndexPageFactory,
)
from tests.factories.conferences import (
    SpeakerFactory,
    add_session,
    add_workshop,
    conference_index,
    make_conference,
)
from tests.factories.members import (
    TEST_PASSWORD,
    CentreFactory,
    DuesFactory,
    MunicipalityFactory,
    centre_staff,
    representative,
)

# Marked here too: `-m browser` filters before the suite-wide hook adds the mark.
pytestmark = pytest.mark.browser

VIEWPORT = {"width": 320, "height": 640}
REPRESENTATIVE = "kierownik@mgops-wysmierzyce.test"
# Extra Tab presses beyond the number of focusable controls before giving up.
TAB_MARGIN = 15

# Marks every visible, keyboard-focusable element with data-kbd (radio buttons of one
# group share a key: only one of them is a tab stop) and returns their keys in DOM order.
FOCUSABLES_JS = """
() => {
  const selector = 'a[href], area[href], button, input, select, textarea, iframe,'
    + ' summary, [tabindex], [contenteditable=""], [contenteditable="true"]';
  const keys = [];
  const labels = {};
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    const tabindex = el.getAttribute('tabindex');
    if (tabindex !== null && parseInt(tabindex, 10) < 0) continue;
    if (el.matches(':disabled') || el.closest('[inert]')) continue;
    if (el.matches('input[type=hidden]')) continue;
    if (el.tagName === 'SUMMARY' && (el.parentElement.tagName !== 'DETAILS'
        || el.parentElement.querySelector(':scope > summary') !== el)) continue;
    if (!el.checkVisibility({checkVisibilityCSS: true})) continue;
    if (el.getClientRects().length === 0) continue;
    let key;
    if (el.matches('input[type=radio]') && el.name) {
      key = 'radio:' + (el.form ? el.form.action : '') + ':' + el.name;
    } else {
      key = el.dataset.kbd || ('k' + (n++));
    }
    el.dataset.kbd = key;
    if (!keys.includes(key)) {
      keys.push(key);
      labels[key] = window.__kbdDescribe(el);
    }
  }
  return {keys, labels};
}
"""

# Helpers installed in the page once (after every navigation).
HELPERS_JS = """
() => {
  window.__kbdDescribe = (el) => {
    let text = (el.getAttribute('aria-label') || el.innerText || el.value
                || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ');
    if (text.length > 40) text = text.slice(0, 40) + '…';
    const id = el.id ? '#' + el.id : '';
    const cls = typeof el.className === 'string' && el.className
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  window.__kbdExtra = 0;
}
"""

# The focused element: its key (one is given to elements the scan did not list),
# a description, whether it shows a focus indicator and whether it is on screen.
ACTIVE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return null;
  }
  if (!el.dataset.kbd) el.dataset.kbd = 'x' + (window.__kbdExtra++);
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(.*,\\s*0\\)$/.test(style.outlineColor) && style.outlineColor !== 'transparent';
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const rect = el.getBoundingClientRect();
  const onScreen = rect.bottom > 0 && rect.right > 0
    && rect.top < window.innerHeight && rect.left < window.innerWidth;
  // Hidden behind sticky or fixed content (WCAG 2.4.11): no sample point of the
  // element (corners and centre) is the element itself or one of its descendants.
  const points = [[0.5, 0.5], [0.05, 0.1], [0.95, 0.1], [0.05, 0.9], [0.95, 0.9]];
  let coveredBy = null;
  if (onScreen) {
    const hits = points.map(([x, y]) => document.elementFromPoint(
      rect.left + x * rect.width, rect.top + y * rect.height));
    if (!hits.some((hit) => hit && (hit === el || el.contains(hit)))) {
      coveredBy = hits[0] ? window.__kbdDescribe(hits[0]) : 'nothing';
    }
  }
  return {
    key: el.dataset.kbd,
    label: window.__kbdDescribe(el),
    indicator: Boolean(outline || shadow),
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor};`
      + ` box-shadow: ${style.boxShadow}`,
    onScreen,
    coveredBy,
    isMenuToggle: el.matches('.main-nav__toggle[aria-expanded="false"]'),
  };
}
"""

# Horizontal overflow: the page's scroll width, and the elements sticking out on the
# right that are not inside a scrolling or clipping container.
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const offenders = [];
  const outOfFlow = (style) => ['absolute', 'fixed'].includes(style.position);
  // Inside a scrolling or clipping ancestor that really contains it: an absolutely
  // positioned element escapes every ancestor up to its containing block.
  const clipped = (el) => {
    let escaping = outOfFlow(getComputedStyle(el));
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (escaping) {
        if (style.position === 'static' && style.transform === 'none') continue;
        escaping = false;
      }
      if (style.overflowX !== 'visible') return true;
      escaping = outOfFlow(style);
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.right <= width + 1 || clipped(el)) continue;
    const parent = el.parentElement.getBoundingClientRect();
    offenders.push({
      element: window.__kbdDescribe(el),
      right: Math.round(rect.right),
      // The element that starts the overflow: its parent still fits.
      origin: parent.right <= width + 1,
    });
  }
  offenders.sort((a, b) => b.origin - a.origin);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    offenders: offenders.slice(0, 12),
  };
}
"""


@dataclass
class Walk:
    """What a Tab (or Shift+Tab) walk saw."""

    order: list = field(default_factory=list)
    labels: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


@pytest.fixture
def portal(demo_site, settings, tmp_path):
    """One of each page type with realistic Polish content, and a representative."""
    from razem import demo

    settings.MEDIA_ROOT = tmp_path
    home = demo_site
    demo.load(io.StringIO())  # standard pages, contact page, staff logins

    news_index = NewsIndexPageFactory(parent=home)
    gallery_index = GalleryIndexPageFactory(parent=home)
    category = CategoryFactory(name="Konferencje", slug="konferencje")
    for n in range(3):
        ArticlePageFactory(
            parent=news_index,
            title=f"Szkolenie dla pracowników socjalnych z gmin wiejskich nr {n + 1}",
            date=datetime.date(2026, 1, 10) + datetime.timedelta(days=n),
            categories=[category],
            tags=["szkolenia"],
        )
    article = ArticlePageFactory(
        parent=news_index,
        title="Jubileuszowa X Konferencja Stowarzyszenia w Zakopanem – podsumowanie",
        date=datetime.date(2026, 6, 28),
        categories=[category],
        tags=["Zakopane", "deinstytucjonalizacja"],
        photos=3,
        attachments=2,
    )
    gallery = GalleryPageFactory(
        parent=gallery_index, title="Zakopane 2026", photos=3, article=article
    )

    conference = make_conference(
        index=conference_index(home),
        title="XI Ogólnopolska Konferencja Ośrodków Pomocy Społecznej – Sandomierz",
        slug="xi-konferencja-sandomierz",
        motto="Deinstytucjonalizacja usług społecznych w małych gminach",
    )
    lecture = add_session(
        conference, title="Centra usług społecznych w gminach wiejskich"
    )
    lecture.speakers.set([SpeakerFactory(name="Małgorzata Źdźbło-Wierzbicka")])
    add_workshop(conference, title="Warsztat: asystent osobisty osoby niepełnosprawnej")

    wysmierzyce = CentreFactory(
        name="Miejsko-Gminny Ośrodek Pomocy Społecznej w Wyśmierzycach",
        kind="MGOPS",
        street="ul. Mickiewicza 2",
        postal_code="26-811",
        city="Wyśmierzyce",
        website="https://mgops.wysmierzyce.example.pl/",
        municipality=MunicipalityFactory(
            teryt="1401063", name="Wyśmierzyce", voivodeship="mazowieckie"
        ),
    )
    starachowice = CentreFactory(
        name="Centrum Usług Społecznych w Starachowicach",
        kind="CUS",
        municipality=MunicipalityFactory(
            teryt="2611011", name="Starachowice", voivodeship="świętokrzyskie"
        ),
    )
    DuesFactory(centre=wysmierzyce, year=2025, paid_on="2025-03-10")
    DuesFactory(centre=wysmierzyce, year=2026)
    user = representative(wysmierzyce, email=REPRESENTATIVE)
    centre_staff(wysmierzyce, email="pracownik@mgops-wysmierzyce.test")
    other = representative(starachowice, email="kierownik@cus-starachowice.test")

    opinions = _opinions(home, other)
    return {
        "article": article.url,
        "gallery": gallery.url,
        "conference": conference.url,
        "register": f"/moj-osrodek/konferencje/{conference.pk}/zapisz/",
        "opened": opinions["opened"].url,
        "draft": opinions["draft"].url,
        "user": user,
    }


def _opinions(home, signer) -> dict:
    """An opinion open for signatures (co-signed), a draft with a comment, a draft law."""
    from consultations import services
    from consultations.choices import OpinionState
    from tests.factories.consultations import (
        DraftLawFactory,
        opinion_index,
        opinion_page,
    )

    index = opinion_index(home)
    opened = opinion_page(
        index,
        title="Stanowisko w sprawie finansowania usług opiekuńczych w gminach wiejskich",
        slug="uslugi-opiekuncze",
        state=OpinionState.OPEN,
    )
    services.sign_opinion(opened, signer)
    draft = opinion_page(index, title="Projekt opinii do UD245", slug="opinia-ud245")
    services.post_comment(draft, signer, "Proponujemy <b>zmianę</b> w § 2.")
    DraftLawFactory(number="UD245")
    return {"opened": opened, "draft": draft}


# (test id, path or key into the `portal` fixture, log in first, what must be shown)
PAGES = [
    ("home", "/", False, ".home-panels"),
    ("standard-page", "/deklaracja-dostepnosci/", False, ".page-record"),
    ("news-index", "/aktualnosci/", False, ".article-card"),
    ("article", "article", False, ".attachment-list"),
    ("gallery-index", "/galerie/", False, ".album-card"),
    ("gallery", "gallery", False, "[data-gallery-item]"),
    ("contact", "/kontakt/", False, "#id_zgoda"),
    ("search-results", "/szukaj/?q=konferencja", False, ".search-result"),
    ("conference-index", "/konferencje/", False, ".conference-list"),
    ("conference", "conference", False, ".registration-box"),
    ("conference-registration", "register", True, "#id_form-0-first_name"),
    ("opinion-index", "/opinie/", False, ".card-grid"),
    ("opinion-public", "opened", False, ".opinion__signatories"),
    ("opinion-member-comments", "draft", True, ".opinion__discussion textarea"),
    ("draft-laws", "/opinie/projekty/", False, ".draft-law"),
    ("membership-application", "/przystap/", False, "#id_municipality"),
    ("member-directory", "/czlonkowie/", False, ".directory-group"),
    ("my-centre", "/moj-osrodek/", True, ".centre-sections"),
    ("login", "/konto/login/", False, "#id_login"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("target", "logged_in", "shown"),
    [pytest.param(*rest, id=name) for name, *rest in PAGES],
)
def test_keyboard_and_reflow_at_320px(
    live_server, portal, page, target, logged_in, shown
):
    url = live_server.url + portal.get(target, target)
    page.set_viewport_size(VIEWPORT)
    if logged_in:
        log_in(page, live_server, portal["user"].email)

    problems = []
    open_page(page, url)
    assert page.locator(shown).count(), f"{url} shows no {shown}"
    problems += overflow_problems(page, "as loaded")
    problems += skip_link_problems(page)

    open_page(page, url)
    forward = tab_walk(page, "Tab")
    problems += forward.problems
    problems += overflow_problems(page, "with the menu open")
    expected = page.evaluate(FOCUSABLES_JS)
    missing = [key for key in expected["keys"] if key not in forward.order]
    problems += [f"Tab never reached {expected['labels'][key]}" for key in missing]
    backward = tab_walk(page, "Shift+Tab")
    problems += backward.problems
    walks_ended = not forward.problems and not backward.problems
    if walks_ended and backward.order != forward.order[::-1]:
        labels = {**forward.labels, **backward.labels}
        problems.append(
            "Shift+Tab does not retrace Tab backwards:\n    forward: "
            + ", ".join(labels[k] for k in forward.order)
            + "\n    backward: "
            + ", ".join(labels[k] for k in backward.order)
        )

    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    problems += overflow_problems(page, "with every <details> open")

    report = "\n  ".join(dict.fromkeys(problems))
    assert not problems, f"{page.url} at 320 px:\n  {report}"


def log_in(page, live_server, email: str) -> None:
    """Sign in through the login form."""
    page.goto(live_server.url + "/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/konto/login/" not in page.url, "login failed"


def open_page(page, url: str) -> None:
    """Open the page (no redirect) and install the helpers."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert urlsplit(page.url).path == urlsplit(url).path, f"{url} -> {page.url}"
    page.evaluate(HELPERS_JS)


def skip_link_problems(page) -> list[str]:
    """The first Tab focuses the skip link; Enter moves the focus to <main>."""
    page.keyboard.press("Tab")
    active = page.evaluate(ACTIVE_JS)
    if not active or not page.evaluate(
        "document.activeElement.matches('a.skip-link[href=\"#main\"]')"
    ):
        return [
            f"the first Tab focuses {active and active['label']}, not the skip link"
        ]
    problems = []
    if not active["onScreen"] or not active["indicator"]:
        problems.append("the focused skip link is not visible or has no indicator")
    page.keyboard.press("Enter")
    state = page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const top = main.getBoundingClientRect().top;
          const bottom = document.documentElement.scrollHeight - window.innerHeight;
          return {
            focused: document.activeElement === main,
            atTop: Math.abs(top) <= 1 || window.scrollY >= bottom - 1,
            top,
          };
        }"""
    )
    if not state["focused"]:
        problems.append("Enter on the skip link does not move the focus to <main>")
    if not state["atTop"]:
        problems.append(f"after the skip link <main> starts at {state['top']} px")
    page.keyboard.press("Tab")
    after = page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const el = document.activeElement;
          return main.contains(el)
            || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    if not after:
        problems.append("Tab after the skip link goes back before <main>")
    return problems


def tab_walk(page, key: str) -> Walk:
    """Press `key` until the focus leaves the document or wraps to the first stop.

    Records the tab stops in order and reports a stuck focus, a loop that never
    comes back to the first stop (a trap), elements focused without an indicator or
    off screen. On the way forward, Enter on the closed menu toggle opens the menu.
    """
    walk = Walk()
    limit = len(page.evaluate(FOCUSABLES_JS)["keys"]) + TAB_MARGIN
    previous = None
    for _ in range(limit):
        page.keyboard.press(key)
        active = page.evaluate(ACTIVE_JS)
        if active is None:
            if walk.order:
                break  # the focus left the document after the last tab stop
            continue
        name = active["key"]
        walk.labels[name] = active["label"]
        if name == previous:
            walk.problems.append(f"{key} is stuck on {active['label']}")
            return walk
        if name in walk.order:
            if name != walk.order[0]:
                walk.problems.append(
                    f"{key} loops back to {active['label']} (keyboard trap)"
                )
            return walk  # wrapped around to the first stop: the walk is complete
        walk.order.append(name)
        previous = name
        walk.problems += stop_problems(page, key, active)
    else:
        walk.problems.append(
            f"{key} pressed {limit} times without the focus leaving the page"
        )
    return walk


def stop_problems(page, key: str, active: dict) -> list[str]:
    """A tab stop shows a focus indicator and is on screen; Enter opens the menu."""
    problems = []
    if not active["indicator"]:
        problems.append(f"no focus indicator on {active['label']} ({active['style']})")
    if not active["onScreen"]:
        problems.append(f"focused but off screen: {active['label']}")
    elif active["coveredBy"]:
        problems.append(
            f"focused {active['label']} is hidden behind {active['coveredBy']}"
        )
    if key == "Tab" and active["isMenuToggle"]:
        page.keyboard.press("Enter")
        if not page.evaluate(
            "document.querySelector('#main-nav-list').checkVisibility()"
        ):
            problems.append("Enter on the menu toggle does not open the menu")
    return problems


def overflow_problems(page, when: str) -> list[str]:
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS px."""
    result = page.evaluate(OVERFLOW_JS)
    if result["scrollWidth"] <= result["innerWidth"] + 1:
        return []
    offenders = "; ".join(
        f"{o['element']} (right edge {o['right']} px)" for o in result["offenders"]
    )
    return [
        f"horizontal scroll {when}: scrollWidth {result['scrollWidth']} > "
        f"{result['innerWidth']}; overflowing: {offenders}"
    ]
