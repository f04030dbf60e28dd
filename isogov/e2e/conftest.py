"""Real-browser tests: Playwright drives Debian's Chromium against Django's live server.

On a laptop without Chromium they skip, loudly; under CI (CI=true) a missing browser is a failure.
"""
import os
import shutil
import warnings

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "BROWSER TESTS NOT RUN: no Chromium found (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


# Chromium reports what the Content-Security-Policy blocked on the console; the listener catches any it
# reports only as an event. A blocked script or style is a silent breakage, so every browser test fails on one.
REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) =>
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                  + `at ${e.sourceFile}:${e.lineNumber}`));"""


def is_csp_violation(text: str) -> bool:
    return "Content Security Policy" in text or text.startswith("CSP violation:")


@pytest.fixture
def csp_violations():
    """The violations the page fixture saw; a test that provokes one on purpose empties the list."""
    return []


@pytest.fixture
def page(browser, csp_violations):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    # A page load waits longer than an assertion: under CI's parallel suites on two cores a page that takes a
    # second alone has taken over 15 (the page's own speed is measured in bench/, not here).
    context.set_default_navigation_timeout(45_000)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    pg = context.new_page()
    pg.on("console", lambda message: is_csp_violation(message.text) and csp_violations.append(message.text))
    yield pg
    context.close()
    assert csp_violations == [], "Content-Security-Policy violations in the browser"
