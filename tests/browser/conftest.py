"""Real-browser fixtures: the run's built site (``site``) served on 127.0.0.1, Debian's chromium.

The browser reaches nothing but 127.0.0.1 (``browsing.launch_chromium``, tests/browsing.py: host resolver
rules and a proxy that does not exist; no request goes through Python). ``http://localhost/``, the
address the test build is made for (``NCP_SITE_URL``), leads to the served site.
``visit(url)`` opens a page and records its console errors; at the end of each test any error
other than Material's known ones fails the test.

No console error is allowed. (Material fetches ``sitemap.xml`` relative to every
``<link rel="alternate">``; the pages have none, their alternates are in sitemap.xml:
tests/browser/test_layout.py checks the requests.)

The policy forbids inline scripts and eval, so the tests use no tooling that needs them (Playwright's
``add_script_tag`` and string ``wait_for_function``); ``page.evaluate`` is not subject to it.

A hook for the pending-translation banner test: ``pending_banner_pages`` lists the built pages
that carry the banner (class ``ncp-pending``), as (language, path) pairs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LANG_PREFIX

from browsing import launch_chromium, offline_context, serve

LANGS = ("kk", "ru", "en")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-results" / "screenshots"
SITE_URL = "http://localhost/"  # NCP_SITE_URL of the test build (tests/conftest.py)


@pytest.fixture(scope="session")
def served_url(site):
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def chromium(served_url):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is a test dependency (requirements-lock.txt)")
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright, aliases={"localhost": served_url.split("//")[1].rstrip("/")})
        yield browser
        browser.close()


@pytest.fixture
def visit(chromium, served_url):
    """``visit(path)`` opens ``served_url + path`` in a fresh offline tab; console errors are checked at teardown."""
    context = offline_context(chromium, served_url)
    errors: list[str] = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"{message.text} ({(message.location or {}).get('url', '')})")

    def open_page(path: str = ""):
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.goto(served_url + path.lstrip("/"))
        return page

    yield open_page
    context.close()
    assert not errors, "console errors:\n" + "\n".join(errors)


def lang_path(lang: str, page: str = "") -> str:
    return LANG_PREFIX[lang] + page


def settled(page) -> None:
    """Wait until the page's scripts have done what they do after ``load``: two animation frames (a layout
    and a paint) and a task after them, rather than a fixed time."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))")


@pytest.fixture(scope="session")
def case_page(site) -> str:
    """The first specific instance's page path (``cases/<id>/``), from the built site."""
    found = sorted(p for p in site.pages("kk") if re.fullmatch(r"cases/[^/]+/index\.html", p))
    assert found, "the built site has no specific instance page (data/cases/ is empty?)"
    return found[0].removesuffix("index.html")


@pytest.fixture(scope="session")
def pending_banner_pages(site) -> list[tuple[str, str]]:
    """Built pages showing the pending-translation banner, as (language, page path)."""
    pages = []
    for lang in LANGS:
        for path in sorted(site.pages(lang)):
            html = (site.root / LANG_PREFIX[lang] / path).read_text(encoding="utf-8")
            if "ncp-pending" in html:
                pages.append((lang, path.removesuffix("index.html")))
    return pages

