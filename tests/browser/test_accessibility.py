"""axe-core (WCAG 2.0/2.1 A and AA) on every kind of page in Kazakh and on the key pages in Russian and
English (no console error on any page: tests/browser/test_layout.py's walk over every page, of each kind's
record pages the largest and the smallest).

The languages' pages are made from the same templates and styles; only their texts differ. What of
that axe can see (the ``lang`` of the page and of the parts in another language, texts that wrap or
overflow differently) is checked on the key pages of every language, and every page's ``lang`` by
tests/built_site/test_site.py; Kazakh, whose words are the longest, gets every kind of page."""

from __future__ import annotations

import pytest

from .conftest import LANGS, REPO, lang_path

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {"home": "", "register": "cases/", "statistics": "statistics/", "news": "news/", "media": "media/",
         "faq": "faq/", "peer-review": "peer-review/", "due-diligence": "due-diligence/",
         "business-and-human-rights": "business-and-human-rights/", "procedures": "procedures/",
         "submit": "submit/", "members": "members/", "contacts": "contacts/", "events": "events/",
         "reports": "reports/", "open-data": "open-data/", "data-dictionary": "open-data/dictionary/"}


def axe_violations(page) -> list[str]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` (scripts/test does)")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script> tag: the site's policy forbids inline ones
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} -- {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"]]


def first_generated(site, folder: str) -> str:
    """The first generated page of a kind (``events/<id>/``, ``events/years/<year>/``) in the built site."""
    return min(p.parent.relative_to(site.root).as_posix() + "/" for p in (site.root / folder).glob("*/index.html"))


KINDS = [*PAGES, "case", "event", "events-year", "document"]
KEY_PAGES = ["home", "case", "event", "submit", "procedures"]
"""In Russian and English besides Kazakh. The registers (cases, events, documents) are not here: axe runs on
each of them in every language in tests/browser/test_register_filters.py (the filters closed, on a
phone) and tests/browser/test_search.py (a filter set, at 360 px)."""
CHECKED = [("kk", kind) for kind in KINDS] + [(lang, kind) for lang in LANGS[1:] for kind in KEY_PAGES]


@pytest.mark.parametrize(("lang", "kind"), CHECKED, ids=[f"{lang}-{kind}" for lang, kind in CHECKED])
def test_no_accessibility_violations(visit, site, case_page, lang, kind):
    generated = {"case": lambda: case_page, "event": lambda: first_generated(site, "events"),
                 "events-year": lambda: first_generated(site, "events/years"),
                 "document": lambda: first_generated(site, "reports")}
    page = visit(lang_path(lang, generated[kind]() if kind in generated else PAGES[kind]))
    assert page.get_attribute("html", "lang") == lang
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_works_with_the_keyboard_alone(chromium, served_url, case_page, width):
    """From the top of a page opened at this width, Tab reaches the skip link, the home link, the
    languages and the search (on a phone the menu button too), each shown, with a visible focus."""
    from browsing import offline_context

    context = offline_context(chromium, served_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_url + lang_path("ru", case_page), wait_until="load")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {tag: el.tagName, cls: el.className, href: el.getAttribute("href") || "", lang: el.getAttribute("hreflang") || "",
                    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0, shown: el.getClientRects().length > 0}; }""")
        reached.append(focused)
        assert focused["shown"], f"focus on something not shown: {reached}"
        assert focused["outline"], f"no visible focus on {reached}"
    kinds = ["md-skip" in f["cls"] for f in reached]
    assert kinds[0], "the skip link comes first"
    assert any("ncp-header__home" in f["cls"] for f in reached), "the home link"
    assert {f["lang"] for f in reached} >= {"kk", "en"}, "the other languages"
    assert any("ncp-search-button" in f["cls"] for f in reached), "the search"
    assert any("ncp-menu" in f["cls"] for f in reached) == (width < 1220), "the menu button, where the menu is a drawer"
    context.close()
