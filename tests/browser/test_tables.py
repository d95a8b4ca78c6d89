"""Data tables on a phone (390 px) and a laptop (1280 px), in every language: no word broken inside a
cell, no table past its column, no column hidden.

A broken word is measured in the browser: each word of a cell's text is a DOM Range, and its boxes
(``Range.getClientRects``) lie on more than one line when the word was split (by hyphenation or by a
break inside the word). A word wider than its cell's whole line cannot stay whole anywhere, so only
words that would fit are counted. Words are split where a line may break anyway: spaces, hyphens,
dashes and slashes. The pages are those the issue names (the register, a case, the events, the action
plans, the peer review, the statistics, the members) and every other page with a data table, found
in the built site.
"""

from __future__ import annotations

import re

import pytest

from browsing import main_pages, offline_context

from .conftest import LANGS, lang_path

WIDTHS = {390: 844, 1280: 900}
NAMED = ["cases/", "events/", "peer-review/", "statistics/", "members/"]
"""The pages the issue names, besides a case and the action plans (found in the built site)."""

BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const cell of document.querySelectorAll(".md-content table td, .md-content table th")) {
    if (!cell.getClientRects().length) continue;
    const style = getComputedStyle(cell);
    const line = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\s\-\u2010-\u2015\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(boxes.map((r) => Math.round(r.top)));
        const width = boxes.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && width <= line) broken.push(`${m[0]} (in "${cell.textContent.trim().slice(0, 40)}")`);
      }
    }
  }
  return broken;
}"""

OUTSIDE = r"""() => {
  const column = document.querySelector(".md-content__inner").getBoundingClientRect();
  const found = [];
  for (const table of document.querySelectorAll(".md-content table")) {
    const box = table.getBoundingClientRect();
    if (!box.width) continue;
    const name = table.className || table.id || table.querySelector("caption, th")?.textContent.trim().slice(0, 30);
    if (box.right > column.right + 1 || box.left < column.left - 1)
      found.push(`${name}: ${Math.round(box.left - column.left)} to ${Math.round(box.right - column.right)} px past the column`);
    for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
        found.push(`${name}: ${el.scrollWidth - el.clientWidth} px hidden in a scrolling ${el.tagName.toLowerCase()}`);
    }
    const stacked = getComputedStyle(table).display === "block";
    for (const cell of table.querySelectorAll("tbody td, tbody th")) {
      const style = getComputedStyle(cell);
      if (cell.textContent.trim() && (!cell.getClientRects().length || style.visibility === "hidden"))
        found.push(`${name}: a cell is hidden ("${cell.textContent.trim().slice(0, 30)}")`);
      if (stacked && cell.tagName === "TD" && !cell.dataset.label)
        found.push(`${name}: a card shows "${cell.textContent.trim().slice(0, 30)}" without its column's name`);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def table_pages(site) -> list[str]:
    """The named pages, the fullest case, every action plan, and every other page with a data table."""
    pages = list(NAMED) + [main_pages(site.root)["case"]]
    pages += sorted(p.removesuffix("index.html") for p in site.pages("kk") if re.fullmatch(r"action-plans/[^/]+/index\.html", p))
    assert any(p.startswith("action-plans/") for p in pages), "premise: the site has an action plan"
    for path in sorted(site.pages("kk")):
        url = path.removesuffix("index.html")
        if url.startswith(("glossary/", "translation-status/", "translators/")) or url in pages:
            continue  # the translators' pages are tools, not public pages
        if path.endswith("index.html") and "<table" in (site.root / path).read_text(encoding="utf-8"):
            pages.append(url)
    return pages


def found_on_table_pages(chromium, served_url, table_pages, lang: str, width: int, *scripts: str) -> list[list[str]]:
    """Each of ``scripts``' findings on every page with a table (one load of each page for all of them),
    each prefixed with the page's address."""
    context = offline_context(chromium, served_url, viewport={"width": width, "height": WIDTHS[width]})
    found: list[list[str]] = [[] for _ in scripts]
    try:
        tab = context.new_page()
        for path in table_pages:
            tab.goto(served_url + lang_path(lang, path), wait_until="load")
            for findings, script in zip(found, scripts):
                findings += [f"/{lang_path(lang, path)}: {problem}" for problem in tab.evaluate(script)]
    finally:
        context.close()
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_word_is_broken_inside_a_table_cell_and_no_table_runs_past_its_column_or_hides_one(
        chromium, served_url, table_pages, lang, width):
    """Both properties measured on one load of each page (the scripts only read the layout)."""
    broken, outside = found_on_table_pages(chromium, served_url, table_pages, lang, width, BROKEN_WORDS, OUTSIDE)
    assert not broken + outside, "\n".join(["broken words:", *broken, "past their column or hidden:", *outside])


def test_a_wide_table_becomes_cards_that_keep_every_column(chromium, served_url, table_pages):
    """At 390 px the register is cards: every value beside its column's name, in the page's language."""
    context = offline_context(chromium, served_url, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(served_url + lang_path("ru", "cases/"), wait_until="load")
        table = tab.locator("table.ncp-register").first
        assert table.evaluate("t => getComputedStyle(t).display") == "block"
        columns = table.locator("thead th").all_inner_texts()
        row = table.locator("tbody tr").first
        labels = [row.locator("td").nth(i).evaluate("td => getComputedStyle(td, '::before').content")
                  for i in range(row.locator("td").count())]
        assert [re.match(r'"([^"]*)"', label)[1] for label in labels] == columns[1:], "each value under its column's name"
    finally:
        context.close()
