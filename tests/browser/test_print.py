"""Printing, as Chromium prints a page to PDF (A4): a specific instance fits on two pages, starts with
a line naming the NCP, the page's address and the day it is printed, shows every link's absolute
address, and leaves no table heading alone at the foot of a page. Read back with pypdf."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import statistics
import unicodedata

import pytest

from browsing import offline_context

from .conftest import LANGS, lang_path

pypdf = pytest.importorskip("pypdf", reason="pypdf is a test dependency: pip install -e '.[test]'")

SITE_URL = "http://localhost/"  # NCP_SITE_URL of the test build (tests/conftest.py): the published address
TYPICAL_PAGES = 2


def printed(tab, served_url: str, path: str) -> list[str]:
    """The text of each printed A4 page."""
    tab.goto(served_url + path, wait_until="load")
    pdf = pypdf.PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=True)))
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in pdf.pages]  # "ﬁ" ligatures as "fi"


@pytest.fixture(scope="module")
def case_paths(site) -> list[str]:
    found = sorted(p.removesuffix("index.html") for p in site.pages("kk") if re.fullmatch(r"cases/[^/]+/index\.html", p))
    assert found, "premise: the site has specific instances"
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_typical_case_prints_on_two_pages_with_its_header_line(chromium, served_url, site, case_paths, lang):
    context = offline_context(chromium, served_url)
    counts = {}
    try:
        tab = context.new_page()
        for path in case_paths:
            pages = printed(tab, served_url, lang_path(lang, path))
            counts[path] = len(pages)
            head = " ".join(pages[0].split("\n")[:4])
            title = html.unescape(re.search(r"<title>([^<]+)</title>", site.html(lang, path))[1])
            name = title.rpartition(" - ")[2]  # Material's title: "page - site name", the site's name in the page's language
            assert name and name in " ".join(head.split()), (path, name, head)
            assert SITE_URL + lang_path(lang, path) in head, (path, head)
            assert dt.date.today().isoformat() in head, (path, head)
    finally:
        context.close()
    assert statistics.median(counts.values()) <= TYPICAL_PAGES, f"A4 pages per case ({lang}): {counts}"


def test_links_print_as_absolute_addresses(chromium, served_url, case_paths):
    """Every address printed after a link is absolute: <http://...>, never <../../procedures/...>."""
    context = offline_context(chromium, served_url)
    try:
        text = "\n".join(printed(context.new_page(), served_url, lang_path("en", case_paths[0])))
    finally:
        context.close()
    shown = [re.sub(r"\s+", "", address) for address in re.findall(r"<([^<>]+)>", text)]
    assert shown, "premise: the case links somewhere (the register, the procedure)"
    assert all(address.startswith(("http://", "https://")) for address in shown), shown
    assert any(address.startswith(SITE_URL) for address in shown), "a link within the site, at its published address"


@pytest.mark.parametrize("path", ["peer-review/", "action-plans/", "members/"])
def test_no_table_heading_is_left_at_the_foot_of_a_page(chromium, served_url, path):
    """A table's caption or header row is never the last thing on a printed page: it goes with its first row."""
    context = offline_context(chromium, served_url)
    try:
        tab = context.new_page()
        pages = printed(tab, served_url, lang_path("en", path))
        headings = tab.eval_on_selector_all(".md-content table", """tables => tables.map(t => [
            t.querySelector("caption")?.textContent.trim() ?? "",
            [...t.querySelectorAll("thead th")].map(th => th.textContent.trim()).join(" ")])""")
    finally:
        context.close()
    assert headings, f"premise: {path} has a table"
    squeeze = lambda s: re.sub(r"\s+", "", s)
    for number, text in enumerate(pages[:-1], 1):
        tail = squeeze(text)[-60:]
        for caption, header in headings:
            for heading in (caption, header):
                if heading:
                    assert not tail.endswith(squeeze(heading)[-60:]), f"page {number} of {path} ends with {heading!r}"


def test_sections_that_open_are_printed_open(chromium, served_url, site):
    """The peer review's recommendations are closed on screen (details) and printed in full."""
    context = offline_context(chromium, served_url)
    try:
        tab = context.new_page()
        text = " ".join("\n".join(printed(tab, served_url, lang_path("en", "peer-review/"))).split())
        hidden = tab.eval_on_selector_all("details.ncp-section dd", "dds => dds.map(dd => dd.textContent.trim())")
    finally:
        context.close()
    assert hidden, "premise: the peer review has recommendations to open"
    for answer in hidden:
        assert " ".join(answer.split())[:40] in text
