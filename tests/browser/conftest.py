"""Browser tests: Python Playwright driving Debian's chromium, checked with axe-core.

Locally they skip with a clear message when chromium is missing; CI sets
RAZEM_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    """Skip (or, in CI, fail) every browser test when chromium is missing."""
    if os.path.exists(CHROMIUM):
        return
    message = "chromium is not installed: apt-get install -y chromium"
    if os.environ.get("RAZEM_REQUIRE_BROWSER"):
        raise pytest.UsageError(message)
    for item in items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium instead of a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """axe-core is injected as a script, which the strict CSP would block."""
    return {**browser_context_args, "bypass_csp": True, "locale": "pl-PL"}


def check_axe(page) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.1 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core violations on {page.url}:\n{report}"


@pytest.fixture
def axe():
    """The axe-core checker: call axe(page) after each page visited."""
    return check_axe


@pytest.fixture
def demo_site(transactional_db):
    """The home page and site, for live-server tests."""
    from razem.demo import ensure_home_page

    return ensure_home_page()
