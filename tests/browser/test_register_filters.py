"""The filters of a register (the specific instances, the events, the documents) on a phone and on a
wide screen: on a phone they sit closed in a disclosure, so that the register itself starts on the
first screen; they are open where there is room and whenever the URL sets a filter; the summary says
how many filters are in use, in the page's language; the keyboard opens and uses them.

A register's first record is its first row or item, after the filters, that links to one of its record
pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from builders import load
from playwright.sync_api import expect

from browsing import offline_context

from .conftest import LANGS, lang_path, settled
from .test_accessibility import axe_violations

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

FIRST_RECORD = """(form) => {
  const results = document.getElementById(form.dataset.results);
  const here = location.pathname;
  for (const link of document.querySelectorAll('article a[href]')) {
    if (!(results.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING) || results.contains(link)) continue;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(here) || url.pathname === here || url.hash) continue;
    const row = link.closest('tr, li') || link;
    const box = row.getBoundingClientRect();
    if (box.height > 0) return {text: row.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60), top: box.top};
  }
  return null;
}"""


REGISTERS = ("cases/", "events/", "reports/")

def test_every_register_with_filters_is_checked(site):
    found = {p.removesuffix("index.html") for p in site.pages("kk")
             if p.endswith("index.html") and "data-ncp-register=" in site.html("kk", p.removesuffix("index.html"))}
    assert found == set(REGISTERS)


@pytest.fixture(scope="module")
def words(project_root):
    return load(project_root).words


def in_use(words, lang: str, n: int) -> str:
    return words.ui("register.active", lang).replace("{n}", str(n))


@pytest.mark.parametrize("path", REGISTERS)
@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_register_starts_on_the_first_screen(chromium, served_url, lang, path):
    """The filters closed, one line; the register's first record starts within the first screen."""
    context = offline_context(chromium, served_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(served_url + lang_path(lang, path), wait_until="load")
        form = page.locator("form[data-ncp-register]")
        expect(form).to_be_visible()
        settled(page)
        assert form.locator("summary").is_visible() and form.locator("select").first.is_hidden(), "the filters closed"
        height = form.bounding_box()["height"]
        assert height <= PHONE["height"] / 8, f"the closed filters take {height:.0f} px"
        first = form.evaluate(FIRST_RECORD)
        assert first, f"premise: /{lang_path(lang, path)} lists a record"
        assert first["top"] < PHONE["height"], f"the first record «{first['text']}» starts at y = {first['top']:.0f} px"
        assert axe_violations(page) == [], "the filters closed"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_wide_screen_the_filters_are_open(chromium, served_url, lang):
    context = offline_context(chromium, served_url, viewport=DESKTOP)
    try:
        page = context.new_page()
        for path in REGISTERS:
            page.goto(served_url + lang_path(lang, path), wait_until="load")
            form = page.locator("form[data-ncp-register]")
            expect(form).to_be_visible()
            assert form.locator("details").evaluate("d => d.open"), f"/{lang_path(lang, path)}"
            for field in form.locator("select, input").all():
                assert field.is_visible(), f"/{lang_path(lang, path)}: {field.get_attribute('id')} hidden"
            assert form.locator(".ncp-filters__active").inner_text() == "", "no filter in use"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_filter_in_the_url_opens_the_filters_on_a_phone(chromium, served_url, words, lang):
    """A shared link (``#chapter=IV&role=lead``) shows the filters it sets, counted in the summary."""
    context = offline_context(chromium, served_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(served_url + lang_path(lang, "cases/") + "#chapter=IV&role=lead", wait_until="load")
        form = page.locator("form[data-ncp-register]")
        expect(form.locator("#ncp-filter-chapter")).to_be_visible()
        assert form.locator("details").evaluate("d => d.open")
        assert page.input_value("#ncp-filter-chapter") == "IV" and page.input_value("#ncp-filter-role") == "lead"
        expect(form.locator(".ncp-filters__active")).to_have_text(in_use(words, lang, 2))
        page.close()
        page = context.new_page()
        page.goto(served_url + lang_path(lang, "cases/") + "#nothing", wait_until="load")
        form = page.locator("form[data-ncp-register]")
        expect(form).to_be_visible()
        assert not form.locator("details").evaluate("d => d.open"), "a fragment that sets no filter: closed"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_filters_open_and_work_with_the_keyboard(chromium, served_url, words, lang):
    context = offline_context(chromium, served_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(served_url + lang_path(lang, "cases/"), wait_until="load")
        summary = page.locator("form[data-ncp-register] summary")
        expect(summary).to_be_visible()
        page.locator("article h1").first.click()  # then Tab from there, as a keyboard user goes
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        else:
            pytest.fail("Tab does not reach the filters' summary")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is visible"
        page.keyboard.press("Enter")
        expect(page.locator("#ncp-filter-q")).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "ncp-filter-q"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "ncp-filter-chapter"
        page.keyboard.press("ArrowDown")  # the first chapter with a case
        chapter = page.input_value("#ncp-filter-chapter")
        assert chapter, "a chapter chosen"
        expect(summary.locator(".ncp-filters__active")).to_have_text(in_use(words, lang, 1))
        assert urlsplit(page.url).fragment == f"chapter={chapter}"
        summary.focus()
        page.keyboard.press(" ")
        expect(page.locator("#ncp-filter-chapter")).to_be_hidden()
        assert summary.locator(".ncp-filters__active").inner_text() == in_use(words, lang, 1), "closed, still counted"
    finally:
        context.close()
