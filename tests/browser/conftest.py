"""Headless Chromium (Debian's, not Playwright's download) against pytest-django's live_server.

The live server serves /static/ from the finders and /media/ from the current
settings.MEDIA_ROOT itself (Django's LiveServerThread), whatever DEBUG and
SERVE_MEDIA say.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread, and Django
# then refuses ORM calls from it (pytest-django / Playwright known issue).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: the browser tests cannot run in CI without it.")
        pytest.skip("Chromium is missing: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    # expect() waits for what the page shows (a vote's answer, a saved article) for 5 s by
    # default; how long it takes is not what these tests check, and a busy machine is slow.
    expect.set_options(timeout=120_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserErrors:
    """Console errors (CSP violations and failed loads are among them) and uncaught exceptions.

    Playwright delivers page events while it waits for the browser, so call
    `flush(page)` before reading `messages`.
    """

    def __init__(self):
        self.messages = []

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.messages.append(f"uncaught {error!r} on {page.url}"))

    def _console(self, page, message):
        if message.type == "error":
            source = message.location.get("url") or page.url
            self.messages.append(f"console error on {page.url}: {message.text} [{source}]")

    def flush(self, page):
        page.evaluate("0")  # a round trip: every event sent before it has arrived
        return self.messages


@pytest.fixture
def browser_errors():
    return BrowserErrors()


@pytest.fixture
def new_context(browser, live_server, browser_errors):
    """Make fresh contexts (a reader, an editor), each watched for errors, all closed after the test."""
    contexts = []

    def make(**kwargs):
        kwargs.setdefault("base_url", live_server.url)  # another site: its own host, the same server
        context = browser.new_context(locale="vi-VN", **kwargs)
        # Navigations and clicks wait for the live server and Chromium, both slow on a busy
        # machine: that wait is not what the tests check.
        context.set_default_timeout(120_000)
        context.on("page", browser_errors.watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
