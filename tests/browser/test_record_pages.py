"""A record's page leads with its facts, on a phone and a laptop, in every language: a specific
instance opens with its key facts (status and its date, current stage or outcome, enterprise,
submitter, chapters, the NCP's role, the stages' dates), then its summary, its statements and the
time its stages took; breadcrumbs say where it stands (Specific instances › Register › the case).
An event's and a document's pages follow the same pattern."""

from __future__ import annotations

import re

import pytest
from builders import load_kind

from browsing import offline_context

from .conftest import LANGS, lang_path

VIEWPORTS = {390: 844, 1280: 900}

ORDER = """() => {
  const article = document.querySelector("article");
  const top = (el) => el ? el.getBoundingClientRect().top + scrollY : null;
  const h1 = article.querySelector("h1");
  const facts = article.querySelector("#key-facts, dl.ncp-event-facts, dl.ncp-report-facts");
  const next = [...article.querySelectorAll("h1 ~ *")].find((el) => el.offsetHeight && !el.matches(".ncp-pending, .ncp-note"));
  const headings = [...article.querySelectorAll("h2")].map((h) => h.id);
  return {h1: top(h1), facts: top(facts), factsBottom: facts ? top(facts) + facts.offsetHeight : null,
          first: next === facts, firstSeen: next ? next.tagName + "." + next.className : null,
          summary: top(facts && facts.nextElementSibling), headings,
          crumbs: [...document.querySelectorAll(".ncp-breadcrumbs li")].map((li) => [li.textContent.trim(),
                   li.querySelector("a") ? li.querySelector("a").getAttribute("href") : null])};
}"""


@pytest.fixture(scope="module")
def ui(project_root):
    strings, errors = load_kind(project_root, "ui")
    assert errors == []
    return strings


def record_pages(site, folder: str) -> list[str]:
    return sorted(p.removesuffix("index.html") for p in site.pages("kk")
                  if re.fullmatch(rf"{folder}/[^/]+/index\.html", p) and "/years/" not in p)


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_case_page_leads_with_its_key_facts(chromium, served_url, site, ui, lang, width):
    context = offline_context(chromium, served_url, viewport={"width": width, "height": VIEWPORTS[width]})
    try:
        tab = context.new_page()
        for path in record_pages(site, "cases"):
            tab.goto(served_url + lang_path(lang, path), wait_until="load")
            found = tab.evaluate(ORDER)
            where = f"/{lang_path(lang, path)} at {width} px"
            assert found["first"], f"{where}: the page opens with {found['firstSeen']}, not its key facts"
            assert found["facts"] < VIEWPORTS[width], f"{where}: the key facts start below the first screen"
            rows = tab.locator("#key-facts tbody > tr > th").all_inner_texts()
            always = [ui(key, lang) for key in ("case.status", "case.enterprise", "case.submitter", "case.ncp_role")]
            assert [r for r in rows if r in always] == always and len(set(rows)) == len(rows), f"{where}: key facts {rows}"
            sections = [h.replace("\u00b6", "").strip() for h in tab.locator("article h2").all_inner_texts()]
            expected = [ui(key, lang) for key in ("case.statements", "case.time_taken", "case.details")]
            assert [h for h in sections if h in expected] == [h for h in expected if h in sections], where
            assert sections[0] == expected[0], f"{where}: the statements come first after the summary: {sections}"
            assert found["summary"] >= found["factsBottom"] - 1, f"{where}: the summary follows the key facts"
            crumbs = found["crumbs"]
            assert len(crumbs) == 3 and crumbs[1][1] and crumbs[1][1].rstrip("/").endswith(".."), f"{where}: {crumbs}"
            assert crumbs[2][1] is None, "the page itself is not a link"
    finally:
        context.close()


@pytest.mark.parametrize("folder", ["events", "reports"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_event_and_a_document_lead_with_their_facts(chromium, served_url, site, lang, folder):
    context = offline_context(chromium, served_url, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        pages = record_pages(site, folder)
        assert pages, f"premise: the site has {folder} pages"
        for path in pages[:3] + pages[-2:]:
            tab.goto(served_url + lang_path(lang, path), wait_until="load")
            found = tab.evaluate(ORDER)
            assert found["facts"] is not None and found["facts"] < 844, f"/{lang_path(lang, path)}: facts {found}"
            assert len(found["crumbs"]) == 3, f"/{lang_path(lang, path)}: breadcrumbs {found['crumbs']}"
    finally:
        context.close()
