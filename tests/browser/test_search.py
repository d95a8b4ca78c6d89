"""Search and the register's filters in the browser (Pagefind), in every language, offline.

Expected results come from the built index (the ``site`` fixture's ``search_fragments()``: each indexed page's text)
and from the project's data, never from today's counts. The pages' policy forbids eval, so waiting
is done with Playwright's assertions on locators (they run in Playwright's own isolated world) rather
than with string ``wait_for_function``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import pytest
from builders import load, load_kind
from conftest import LANG_PREFIX
from playwright.sync_api import expect

from .conftest import LANGS, lang_path, settled
from .test_accessibility import axe_violations

KAZAKH_LETTERS = "әқөүң"
RUSSIAN_FORMS = [("предприятиям", "предприяти"), ("заявлениям", "заявлени"), ("рассмотрением", "рассмотрени")]
"""Queries in a case form, each with the beginning every form of the word shares: Russian stemming
must find pages that hold the word in other forms only."""


def words_by_page(site, lang: str) -> dict[str, set[str]]:
    """URL path -> the lower-case words of that page's indexed text, for one language."""
    pages = {}
    for fragment in site.search_fragments():
        url = fragment["url"]
        if (lang == "kk" and not re.match(r"^/(ru|en)/", url)) or (lang != "kk" and url.startswith(f"/{lang}/")):
            pages[url] = set(re.findall(r"\w+", fragment["content"].lower()))
    return pages


def only_in(site, lang: str) -> str:
    """The longest word of ``lang``'s home page that begins no word of another language."""
    others = set().union(*(w for other in LANGS if other != lang for w in words_by_page(site, other).values()))
    home = words_by_page(site, lang)["/" + LANG_PREFIX[lang]]
    words = [w for w in home if len(w) >= 6 and not w.isdigit() and not any(o.startswith(w) for o in others)]
    assert words, f"premise: {lang} home page has a word of its own"
    return max(words, key=lambda w: (len(w), w))


WAIT_MS = 20_000
"""How long an answer may take to show (the index loads asynchronously): far above the usual second."""


def appears(locator) -> None:
    """Wait until ``locator`` (``.first``, ``.nth(n)``) is in the page."""
    expect(locator).to_be_attached(timeout=WAIT_MS)


def announced(locator) -> str:
    """Wait until ``locator`` shows some text; that text."""
    expect(locator).to_have_text(re.compile(r"\S"), use_inner_text=True, timeout=WAIT_MS)
    return locator.inner_text().strip()


def cleared(locator) -> None:
    """Wait until ``locator`` shows no text."""
    expect(locator).to_have_text("", use_inner_text=True, timeout=WAIT_MS)


def search(page, query: str) -> list[str]:
    """Type ``query`` on the search page and press Enter; the result links' URL paths (all pages of them)."""
    box = page.locator("#ncp-search-query")
    box.fill("")  # an empty query clears the previous answer
    cleared(page.locator("[data-ncp-search-status]"))
    box.fill(query)
    box.press("Enter")
    status = announced(page.locator("[data-ncp-search-status]"))
    more = page.locator("[data-ncp-search-more]")
    for _ in range(100):  # pages of 10 results; a button that never hides fails here, not by CI's time limit
        if not more.is_visible():
            break
        shown = page.locator("[data-ncp-search-results] > li").count()
        more.click()
        appears(page.locator("[data-ncp-search-results] > li").nth(shown))
    else:
        pytest.fail("'more results' still shown after 100 pages of results")
    links = page.eval_on_selector_all("[data-ncp-search-results] a", "links => links.map(a => a.href)")
    if re.search(r"\d", status):
        assert str(len(links)) in status.replace("\u00a0", "").replace(" ", ""), (status, len(links))
    return [urlsplit(link).path for link in links]


def assert_pages_of(lang: str, paths: list[str], site) -> None:
    indexed = set(words_by_page(site, lang))
    for path in paths:
        assert path in indexed, f"{lang} search gave {path}, no page of the {lang} index"


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_of_one_language_finds_only_that_languages_pages(visit, site, lang):
    word = only_in(site, lang)
    page = visit(lang_path(lang, "search/"))
    found = search(page, word)
    assert found, f"{lang}: nothing found for {word!r}"
    assert_pages_of(lang, found, site)
    # a word of another language's pages leads to none of them (Pagefind may still offer a page of
    # this language holding a word the query begins with, such as the Kazakh particle "ма")
    other_word = only_in(site, LANGS[(LANGS.index(lang) + 1) % 3])
    assert_pages_of(lang, search(page, other_word), site)


def test_a_kazakh_query_with_each_kazakh_letter_finds_its_pages(visit, site):
    """For each letter of ``KAZAKH_LETTERS``, a word holding it that begins no other word: its pages are exactly
    the answer, and the word is highlighted. The queries are typed one after another on one search page, as a
    visitor would (``search`` clears the answer between them), so each letter still gets its own query."""
    pages = words_by_page(site, "kk")
    everywhere = set().union(*pages.values())
    holders = defaultdict(set)
    for url, words in pages.items():
        for w in words:
            holders[w].add(url)
    page = visit(lang_path("kk", "search/"))
    for letter in KAZAKH_LETTERS:
        # a word with the letter on few pages, which begins no other word: its pages are exactly the answer
        candidates = [w for w in everywhere if letter in w and len(w) >= 6
                      and not any(o != w and o.startswith(w) for o in everywhere)]
        assert candidates, f"premise: a Kazakh word with {letter!r}"
        word = min(candidates, key=lambda w: (len(holders[w]), -len(w), w))
        found = search(page, word)
        assert set(found) == holders[word], f"{letter!r}: {word!r}: {found} instead of {sorted(holders[word])}"
        marked = [m.lower() for m in page.locator("[data-ncp-search-results] mark").all_inner_texts()]
        assert any(word in m for m in marked), f"{letter!r}: {word!r} not highlighted: {marked[:5]}"


def test_a_russian_inflected_form_finds_pages_with_other_forms(visit, site):
    """Each query of ``RUSSIAN_FORMS`` finds only pages with its word and some page that has the word in other
    forms only; the queries are typed one after another on one search page."""
    pages = words_by_page(site, "ru")
    page = visit(lang_path("ru", "search/"))
    for query, stem in RUSSIAN_FORMS:
        with_stem = {url for url, words in pages.items() if any(w.startswith(stem) for w in words)}
        other_forms_only = {url for url in with_stem if not any(w.startswith(query) for w in pages[url])}
        assert other_forms_only, f"premise: some Russian page has {stem}… but not {query}…"
        found = search(page, query)
        assert set(found) <= with_stem, f"{query!r} found pages without the word: {set(found) - with_stem}"
        assert set(found) & other_forms_only, f"{query!r} found no page that has the word in another form only"


@pytest.mark.parametrize("lang", LANGS)
def test_the_word_visitors_use_finds_the_submission_route_first(visit, lang, project_root):
    """Visitors search for "complaint", «жалоба», «шағым» (the glossary's also_called of a specific
    instance), not the official term: the submission or procedure page comes first, in each language."""
    glossary, _ = load_kind(project_root, "glossary")
    words = glossary.entry("specific_instance", lang).also_called
    assert words, "premise: the glossary gives the everyday word"
    page = visit(lang_path(lang, "search/"))
    for word in words:
        found = search(page, word)
        assert found and found[0] in {f"/{LANG_PREFIX[lang]}submit/", f"/{LANG_PREFIX[lang]}procedures/"}, (word, found)


def test_the_search_query_stays_in_the_url_fragment(visit, site):
    """Shared or bookmarked: the query is restored; it is in the #fragment, which is never sent."""
    word = only_in(site, "en")
    page = visit(lang_path("en", "search/"))
    search(page, word)
    assert urlsplit(page.url).fragment == f"q={word}" and not urlsplit(page.url).query
    again = visit(lang_path("en", "search/") + f"#q={word}")
    assert again.input_value("#ncp-search-query") == word
    appears(again.locator("[data-ncp-search-results] a").first)


@pytest.mark.parametrize("lang", LANGS)
def test_excerpts_keep_the_spaces_around_highlighted_words(visit, site, lang):
    """Each excerpt reads as the page's own text: a highlighted word keeps its spaces ("Telia Company AB",
    never "TeliaCompany AB"). Checked against the text Pagefind indexed for each result's page."""
    indexed = {f["url"]: " ".join(f["content"].split()) for f in site.search_fragments()}
    word = only_in(site, lang)
    page = visit(lang_path(lang, "search/") + f"#q={word}")
    expect(page.locator("[data-ncp-search-results] li p").first).to_be_visible()
    results = page.eval_on_selector_all("[data-ncp-search-results] li", """items => items.map(li => [
        li.querySelector("a").getAttribute("href"), li.querySelector("p").textContent,
        [...li.querySelectorAll("mark")].length])""")
    assert any(marks for _, _, marks in results), "premise: the excerpts highlight the word"
    for href, text, _ in results:
        assert " ".join(text.split()) in indexed[urlsplit(href).path], f"{href}: {text!r}"


# --- the register -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(project_root):
    return load(project_root)


def register_state(page) -> tuple[str, list[str]]:
    """(the announced count text, the result links' URL paths) once the register has answered."""
    status = announced(page.locator(".ncp-filters [role=status]"))
    more = page.locator("[data-ncp-register-results] button")
    results = page.locator("[data-ncp-register-results] li")
    for _ in range(100):
        if not more.is_visible():
            break
        shown = results.count()
        more.click()
        appears(results.nth(shown))
    else:
        pytest.fail("the register's 'more results' still shown after 100 pages of results")
    links = page.eval_on_selector_all("[data-ncp-register-results] a", "links => links.map(a => a.href)")
    return status, [urlsplit(link).path for link in links]


def case_paths(lang: str, cases) -> set[str]:
    return {"/" + LANG_PREFIX[lang] + f"cases/{c.id}/" for c in cases}


def number_in(text: str) -> int:
    return int(re.sub(r"\D", "", text.split(":")[-1]))


@pytest.mark.parametrize("lang", LANGS)
def test_filtering_by_chapter_iv_gives_the_lead_cases_that_raise_it(visit, project, lang):
    expected = [c for c in project.data.cases if c.is_lead and "IV" in c.chapters]
    assert expected, "premise: the NCP led a specific instance raising chapter IV"
    page = visit(lang_path(lang, "cases/"))
    page.select_option("#ncp-filter-chapter", "IV")
    page.select_option("#ncp-filter-role", "lead")
    status, found = register_state(page)
    assert number_in(status) == len(expected)
    assert set(found) == case_paths(lang, expected)
    dates = page.eval_on_selector_all("[data-ncp-register-results] time", "ts => ts.map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True), "newest first"
    assert urlsplit(page.url).fragment == "chapter=IV&role=lead"
    chapter_iv = page.locator("#ncp-filter-chapter option[value=IV]").inner_text()
    assert chapter_iv.endswith(f"({len(expected)})"), chapter_iv


def test_a_shared_url_restores_the_filters(visit, project):
    case = next(c for c in project.data.cases if c.is_lead and "IV" in c.chapters)
    expected = [c for c in project.data.cases if c.is_lead and "IV" in c.chapters and c.status == case.status]
    page = visit(lang_path("ru", "cases/") + f"#chapter=IV&role=lead&status={case.status}")
    status, found = register_state(page)
    assert page.input_value("#ncp-filter-chapter") == "IV"
    assert page.input_value("#ncp-filter-role") == "lead"
    assert page.input_value("#ncp-filter-status") == case.status
    assert number_in(status) == len(expected) and set(found) == case_paths("ru", expected)


def test_the_register_is_usable_with_the_keyboard_alone(visit, project):
    page = visit(lang_path("en", "cases/"))
    page.locator("#ncp-filter-q").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ncp-filter-chapter"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.press("ArrowDown")  # the first chapter with a case
    first = page.input_value("#ncp-filter-chapter")
    status, found = register_state(page)
    expected = [c for c in project.data.cases if first in c.chapters]
    assert number_in(status) == len(expected) and set(found) == case_paths("en", expected)
    page.locator("form[data-ncp-register] button[type=reset]").focus()
    page.keyboard.press("Enter")
    cleared(page.locator(".ncp-filters [role=status]"))
    assert page.locator("[data-ncp-register-results]").is_hidden() and not urlsplit(page.url).fragment


def test_a_text_query_narrows_the_register(visit, project):
    case = next(c for c in project.data.cases if c.is_lead)
    word = max(re.findall(r"\w+", case.enterprise.organisation["en"]), key=len)
    page = visit(lang_path("en", "cases/"))
    page.fill("#ncp-filter-q", word)
    status, found = register_state(page)
    assert "/en/cases/" + case.id + "/" in found
    assert len(found) == number_in(status) and set(found) <= case_paths("en", project.data.cases)


# --- the events and the documents: the same filters over their own pages ---------------------------

def record_paths(lang: str, folder: str, ids) -> set[str]:
    return {"/" + LANG_PREFIX[lang] + f"{folder}/{record_id}/" for record_id in ids}


@pytest.mark.parametrize("lang", LANGS)
def test_filtering_events_by_format_gives_those_events_newest_first(visit, project, lang):
    from ncp_site.kinds.events.pages import event_facets, event_sort_value

    formats = Counter(f for e in project.data.events for f in event_facets(e)["format"])  # an event may have none
    chosen, n = formats.most_common(1)[0]
    expected = [e for e in project.data.events if event_facets(e)["format"] == [chosen]]
    assert n > 1 and len(expected) < len(project.data.events), "premise: a format that some events have, not all"
    page = visit(lang_path(lang, "events/"))
    page.select_option("#ncp-filter-format", chosen)
    status, found = register_state(page)
    assert number_in(status) == len(expected)
    assert set(found) == record_paths(lang, "events", [e.id for e in expected])
    starts = {"/" + LANG_PREFIX[lang] + f"events/{e.id}/": event_sort_value(e) for e in expected}
    assert [starts[path] for path in found] == sorted(starts.values(), reverse=True), "newest first"
    assert urlsplit(page.url).fragment == f"format={chosen}"
    option = page.locator(f"#ncp-filter-format option[value={chosen}]").inner_text()
    assert option.endswith(f"({len(expected)})"), option


def test_a_shared_url_restores_the_events_filters(visit, project):
    from ncp_site.kinds.events.pages import event_facets

    first = next(e for e in reversed(project.data.events) if e.stakeholder_groups)  # an event may name none
    year, group = str(first.start.day.year), first.stakeholder_groups[0]
    expected = [e.id for e in project.data.events if year in event_facets(e)["year"] and group in event_facets(e)["group"]]
    page = visit(lang_path("kk", "events/") + f"#year={year}&group={group}")
    status, found = register_state(page)
    assert page.input_value("#ncp-filter-year") == year and page.input_value("#ncp-filter-group") == group
    assert number_in(status) == len(expected) and set(found) == record_paths("kk", "events", expected)


@pytest.mark.parametrize("lang", LANGS)
def test_filtering_documents_by_a_language_online_gives_those_documents(visit, project, lang):
    from ncp_site.kinds.reports.pages import report_facets

    online = Counter(code for r in project.data.reports for code in report_facets(r)["language"])
    code = online.most_common(1)[0][0]
    expected = [r.id for r in project.data.reports if code in report_facets(r)["language"]]
    assert 0 < len(expected) < len(project.data.reports), "premise: some documents are online in a language, not all"
    page = visit(lang_path(lang, "reports/"))
    page.select_option("#ncp-filter-language", code)
    status, found = register_state(page)
    assert number_in(status) == len(expected) and set(found) == record_paths(lang, "reports", expected)
    years = page.eval_on_selector_all("[data-ncp-register-results] time", "ts => ts.map(t => t.dateTime)")
    assert years == sorted(years, reverse=True), "newest first"
    assert urlsplit(page.url).fragment == f"language={code}"


def test_a_shared_url_restores_the_documents_filters(visit, project):
    from ncp_site.kinds.reports.pages import report_facets

    expected = [r.id for r in project.data.reports if r.kind == "annual_report" and "kk" in report_facets(r)["language"]]
    assert expected, "premise: an annual report is online in Kazakh"
    page = visit(lang_path("en", "reports/") + "#kind=annual_report&language=kk")
    status, found = register_state(page)
    assert page.input_value("#ncp-filter-kind") == "annual_report"
    assert page.input_value("#ncp-filter-language") == "kk"
    assert number_in(status) == len(expected) and set(found) == record_paths("en", "reports", expected)


@pytest.mark.parametrize(("path", "texts", "static"), [("cases/", "register", "table.ncp-register a"),
                                                      ("events/", "events", "table.ncp-events a"),
                                                      ("reports/", "reports", "ul.ncp-reports a")])
def test_without_javascript_the_form_is_hidden_and_the_static_list_is_the_page(chromium, served_url, project,
                                                                              path, texts, static):
    from browsing import offline_context

    context = offline_context(chromium, served_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_url + lang_path("ru", path))
    assert page.locator("form[data-ncp-register]").is_hidden()
    assert page.locator("[data-ncp-register-results]").is_hidden()
    assert page.locator(static).count() > 0, "the static list is there"
    assert project.words.ui(f"{texts}.needs_script", "ru") in page.inner_text("article")
    context.close()


# --- weight, layout, accessibility --------------------------------------------------------------

@pytest.mark.parametrize("path", ["case", "cases/", ""], ids=["case", "register", "home"])
def test_a_page_load_fetches_nothing_of_the_search_index(chromium, served_url, case_page, path):
    from browsing import offline_context

    context = offline_context(chromium, served_url)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(served_url + (case_page if path == "case" else path), wait_until="networkidle")  # late ones too
    context.close()
    assert requested and not [url for url in requested if "/pagefind/" in url]


@pytest.mark.parametrize("path", ["cases/#chapter=IV", "events/#role=organised", "reports/#kind=annual_report",
                                  "search/#q=Қазақстан"], ids=["register", "events", "documents", "search"])
@pytest.mark.parametrize("lang", LANGS)
def test_at_360_px_nothing_scrolls_sideways_and_axe_finds_nothing(visit, lang, path):
    page = visit(lang_path(lang, path))
    page.set_viewport_size({"width": 360, "height": 800})
    results = "[data-ncp-search-status]" if path.startswith("search") else "[data-ncp-register-results] a"
    appears(page.locator(results).first)
    settled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
