"""The main page types as a visitor's browser shows them: nothing wider than a 360 px phone; on every page
no console error, only the requests it needs and (a public page) no more than 15,000 px on a 390 px phone;
the right-hand contents only where a page has sections to list, and screenshots at 1280 and 390 px
(test-results/screenshots/: every main page type in Kazakh, the key pages in every language)."""

from __future__ import annotations

import re

import pytest
from conftest import LANG_PREFIX

from browsing import (
    WIDTHS,
    main_pages,
    offline_context,
    shoot_pages,
    shot_name,
)

from .conftest import LANGS, SCREENSHOTS, lang_path

PHONE = 360

# An element past the edge counts only when nothing clips it (a code block may scroll inside its own
# box); a data table never does: tests/browser/test_tables.py.
WIDER_THAN_VIEWPORT = """(width) => {
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["hidden", "clip", "auto", "scroll"].includes(style.overflowX) && p.getBoundingClientRect().right <= width) return true;
    }
    return false;
  };
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== "hidden" && box.width > 0 && box.height > 0;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 0.5 && shown(el) && !clipped(el)) {
      wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(right)}: `
                + (el.textContent || "").trim().slice(0, 60));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10)};
}"""


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    found = main_pages(site.root)
    assert {"case", "action-plan"} <= set(found), "the built site has no case or action plan page"
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_no_element_is_wider_than_a_360_px_phone(chromium, served_url, pages, lang):
    context = offline_context(chromium, served_url, viewport={"width": PHONE, "height": 740})
    problems = []
    try:
        tab = context.new_page()
        for name, path in pages.items():
            tab.goto(served_url + lang_path(lang, path), wait_until="load")
            found = tab.evaluate(WIDER_THAN_VIEWPORT, PHONE)
            if found["scrollWidth"] > PHONE or found["wide"]:
                problems.append(f"{name} ({lang}, /{lang_path(lang, path)}): scrollWidth {found['scrollWidth']}\n  "
                                + "\n  ".join(found["wide"]))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


TALLEST = 15_000
"""px at 390 px: a visitor scans a page, and a longer one needs a page per item, sections that open
(details) or a page per year."""
TRANSLATORS = ("glossary/", "translation-status/", "translators/")
"""The translators' tools (the full glossary, the translation status): not public pages, not measured."""
TALLEST_OF = {"terms/": 25_000}
"""The visitors' compact glossary has its own limit, set with it (issue 21: at most 25,000 px at 390 px)."""
SIDE_BY_SIDE = 8
"""Pages open at once in the walk over every page, so that their waits for the network to go quiet overlap."""
RECORD_PAGE = re.compile(r"(?P<kind>[^/]+)/[^/]+/index\.html")
"""A record's own page (``events/<id>/``, ``cases/<id>/``): of these, the walk opens the largest and the smallest."""
LARGEST, SMALLEST = 2, 1


def walked(site, lang: str) -> list[str]:
    """Every page of the language but the records' own pages, of which each kind's ``LARGEST`` (the most text,
    so the tallest) and ``SMALLEST`` (the most facts left out, so the most template branches skipped). A kind's
    record pages share one template and one set of scripts; what a record page links to and loads is checked on
    every page by the links test (tests/built_site/test_checkers.py)."""
    paths = sorted(p for p in site.pages(lang) if p != "404.html")
    base = site.root / LANG_PREFIX[lang]
    records: dict[str, list[str]] = {}
    for path in paths:
        if match := RECORD_PAGE.fullmatch(path):
            records.setdefault(match["kind"], []).append(path)
    left_out = set()
    for kind in records.values():
        by_size = sorted(kind, key=lambda p: (-(base / p).stat().st_size, p))
        left_out |= set(by_size[LARGEST:len(by_size) - SMALLEST])
    return [path.removesuffix("index.html") for path in paths if path not in left_out]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_opens_without_an_error_requests_only_what_it_needs_and_is_not_too_tall_on_a_phone(
        chromium, served_url, site, lang):
    """One walk over every page of a language (``walked``: of each kind's record pages the largest and the
    smallest; loading a page is most of a browser test's cost, and this walk replaced three), each opened at
    390 x 844 and left until the network is quiet (late requests included):

    - no console error and no uncaught exception (at 1280 px every kind of page is opened by the tests
      that ``visit`` it: axe on every kind of page in Kazakh and the key pages in the other languages,
      the search, the terms, the switcher; their console errors fail them too);
    - only the requests a page needs: no ``sitemap.xml`` per alternate (Material fetches one for each
      ``<link rel="alternate">``), nothing from another origin, nothing twice, nothing missing;
    - no public page taller than ``TALLEST`` px at 390 px (the translators' tools are not public pages).
    """
    context = offline_context(chromium, served_url, viewport={"width": 390, "height": 844})
    urls = walked(site, lang)
    problems, heights = [], {}

    def slot():
        """A tab whose findings are told as the page it shows now (``seen["where"]``)."""
        tab, seen = context.new_page(), {"where": "", "requested": []}
        tab.on("console", lambda m: m.type == "error" and problems.append(
            f"{seen['where']}: console: {m.text} ({(m.location or {}).get('url', '')})"))
        tab.on("pageerror", lambda exc: problems.append(f"{seen['where']}: uncaught: {exc}"))
        tab.on("request", lambda request: seen["requested"].append(request.url))
        tab.on("response", lambda r: r.status >= 400 and problems.append(
            f"{seen['where']}: failed: {r.url} ({r.status})"))
        return tab, seen

    try:
        slots = [slot() for _ in range(SIDE_BY_SIDE)]
        for first in range(0, len(urls), SIDE_BY_SIDE):
            batch = list(zip(urls[first:first + SIDE_BY_SIDE], slots))
            for url, (tab, seen) in batch:
                seen["where"], seen["requested"] = f"/{lang_path(lang, url)}", []
                tab.goto(served_url + lang_path(lang, url), wait_until="load")
            for url, (tab, seen) in batch:
                tab.wait_for_load_state("networkidle")
                requested, where = seen["requested"], seen["where"]
                problems += [f"{where}: requested {u}" for u in requested
                             if "sitemap" in u or not u.startswith(served_url)]
                problems += [f"{where}: requested twice: {u}" for u in sorted(set(requested)) if requested.count(u) > 1]
                if (url.endswith("/") or not url) and not url.startswith(TRANSLATORS):
                    heights[url] = tab.evaluate("document.documentElement.scrollHeight")
    finally:
        context.close()
    assert len(heights) > 20, "premise: the site's pages were measured"
    tall = {url: h for url, h in heights.items() if h > TALLEST_OF.get(url, TALLEST)}
    assert not problems, "\n".join(problems)
    assert not tall, f"taller than {TALLEST:,} px at 390 px ({lang}): {tall}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_way_to_raise_a_concern_is_in_the_first_phone_screen(chromium, served_url, lang):
    """At 390 x 844 the home page shows, without scrolling, a link to the submission form; the header
    names the NCP in full, wrapped, never cut."""
    context = offline_context(chromium, served_url, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(served_url + lang_path(lang, ""), wait_until="load")
        submit = tab.locator(f"article a[href$='submit/']").first
        box = submit.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, f"the submission link is at {box}"
        assert submit.is_visible() and submit.inner_text().strip()
        name = tab.locator(".ncp-header__name")
        cut = name.evaluate("n => n.scrollWidth > n.clientWidth + 1 || getComputedStyle(n).textOverflow === 'ellipsis'")
        assert not cut and name.inner_text().strip() == tab.title().rpartition(" - ")[2], "the NCP's whole name"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_list_is_shown_only_for_three_sections_or_more(chromium, served_url, site, lang):
    """The right-hand contents at 1280 px: a page with fewer than three sections has nothing to list."""
    context = offline_context(chromium, served_url)
    try:
        tab = context.new_page()
        seen = set()
        for url in ("", "cases/", "procedures/", "statistics/", "contacts/", "peer-review/", "faq/"):
            tab.goto(served_url + lang_path(lang, url), wait_until="load")
            sections = tab.locator(".md-sidebar--secondary [data-md-component=toc] > li").count()
            shown = tab.locator(".md-sidebar--secondary").is_visible()
            assert shown == (sections >= 3), f"/{lang_path(lang, url)}: {sections} sections, contents shown: {shown}"
            seen.add(shown)
        assert seen == {True, False}, "premise: pages with and without a contents list"
    finally:
        context.close()


KEY_PICTURES = ("home", "case", "submit")
"""The main page types photographed in every language; the others in Kazakh only."""


def test_screenshots_of_the_main_page_types(chromium, served_url, pages):
    """Saved for people (test-results/screenshots/, not committed): every main page type at 1280 and 390 px in
    Kazakh, whose words are the longest, and the key pages (``KEY_PICTURES``) at both widths in Russian and
    English too; the pages of every language are made from the same templates, and the layout tests above look
    at every language. ``python scripts/screenshots.py --all`` photographs every type in every language; the
    README's copies come from ``python scripts/screenshots.py``."""
    everywhere = [(name, width) for name in KEY_PICTURES for width in WIDTHS]
    written = (shoot_pages(chromium, served_url, pages, SCREENSHOTS, [(n, w) for n in pages for w in WIDTHS], ["kk"])
               + shoot_pages(chromium, served_url, pages, SCREENSHOTS, everywhere, LANGS[1:]))
    assert sorted(p.name for p in written) == sorted(
        [shot_name(n, "kk", w) for n in pages for w in WIDTHS]
        + [shot_name(n, lang, w) for n, w in everywhere for lang in LANGS[1:]])
    for path in written:
        png = path.read_bytes()
        width = int.from_bytes(png[16:20], "big")
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and width in WIDTHS, path
        assert len(png) > 10_000, f"{path}: {len(png)} bytes, a blank page?"
