"""Headless Debian Chromium driven by Playwright, against pytest-django's live server.

When Chromium is missing these tests install it (scripts/ensure-debian-packages) or fail: they never skip.
"""

import os
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from ..support import restore

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Runs before any page script and is not subject to the page's policy: collects what the CSP blocked.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
ENSURE_PACKAGES = Path(__file__).resolve().parents[2] / "scripts" / "ensure-debian-packages"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last: their live server commits data, and the database flush after each
    would otherwise empty what migrations created (the staff groups) for tests that run later."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        result = subprocess.run(
            [str(ENSURE_PACKAGES), CHROMIUM, "chromium", "chromium-driver"], capture_output=True, text=True
        )
        if result.returncode:
            pytest.fail(f"Chromium is needed for the browser tests and could not be installed:\n{result.stderr}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    context.add_init_script(COLLECT_VIOLATIONS)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB", is_mobile=True)
    context.set_default_timeout(10_000)
    context.add_init_script(COLLECT_VIOLATIONS)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo(transactional_db, demo_backup):
    """The demo data, committed, so that the live server sees it."""
    restore(demo_backup)


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def accessible(axe):
    """Runs axe-core (bundled with the package, so offline) on the page and fails on any violation,
    or on anything the Content-Security-Policy blocked on it."""

    def check(page):
        assert page.evaluate("window.__violations") == [], page.url
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check
