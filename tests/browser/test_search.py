"""Search in each language finds pages in that language only, Kazakh letters included.

Material's search box reacts to key events (filling in Cyrillic sends none) and loads its index
asynchronously, so each search types the query, presses End, and retries until Material answers.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import LANG_PREFIX
from .conftest import LANGS, lang_path

KAZAKH_LETTERS = ["кәсіпорын", "қағидаттар", "өтінім", "Қазақстан"]
"""Kazakh words with ә, қ, ғ, ө, і that lunr's default trimmer would cut away."""
RUSSIAN_STEM = "предприяти"
"""The common beginning of "предприятие", "предприятий", "предприятиями": Material searches word
beginnings (a stemmer cannot work with its prefix queries, see ncp_site/search.py)."""


def index_words(site, lang: str, page: str | None = None) -> set[str]:
    """The words of a language's search data (of one page of it, e.g. ``""`` the home page)."""
    index = json.loads((site.root / LANG_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if page is None or d["location"].split("#")[0] == page]
    text = " ".join(f"{d['title']} {re.sub(r'<[^>]+>', ' ', d['text'])}" for d in docs)
    return set(re.findall(r"\w+", text.lower()))


def only_in(site, lang: str) -> str:
    """The longest word of ``lang``'s home page that begins no word on any page of another language."""
    others = set().union(*(index_words(site, other) for other in LANGS if other != lang))
    words = [w for w in index_words(site, lang, "") if len(w) >= 6 and not w.isdigit()
             and not any(o.startswith(w) for o in others)]
    assert words, f"premise: {lang} home page has a word of its own"
    return max(words, key=lambda w: (len(w), w))


def search(page, query: str, attempts: int = 40) -> list[str]:
    """Type ``query`` in Material's search box; the result links (empty when Material finds none)."""
    none = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                         ".translations['search.result.none']")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")  # an empty query clears the previous results
    page.locator(".md-search-result__item").first.wait_for(state="detached")  # no eval: the site's policy forbids it
    meta = ""
    for _ in range(attempts):
        box.fill(query)
        box.press("End")
        page.wait_for_timeout(250)
        if page.locator(".md-search-result__item").count():
            return page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
        meta = page.inner_text(".md-search-result__meta").strip()
        if meta == none:
            return []
    raise AssertionError(f"search for {query!r} did not answer: {meta!r}")


def assert_results_in(site, served_url: str, lang: str, links: list[str]) -> None:
    for link in links:
        path = urlsplit(link).path.removeprefix(urlsplit(served_url).path)
        others = [LANG_PREFIX[o] for o in LANGS if o != lang and LANG_PREFIX[o]]
        if LANG_PREFIX[lang]:
            assert path.startswith(LANG_PREFIX[lang]), f"{lang} search gave {link}"
        assert not any(path.startswith(o) for o in others), f"{lang} search gave {link}"
        page_path = path.strip("/")
        target = site.root / page_path / "index.html" if page_path else site.root / "index.html"
        assert target.is_file(), f"{lang} search result {link} is no page"


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_only_pages_in_the_page_language(visit, site, served_url, lang):
    word = only_in(site, lang)
    page = visit(lang_path(lang))
    links = search(page, word)
    assert links, f"{lang}: nothing found for {word!r}"
    assert_results_in(site, served_url, lang, links)
    # a word found only on another language's pages finds nothing here (one index used to serve all)
    other_word = only_in(site, LANGS[(LANGS.index(lang) + 1) % 3])
    assert search(page, other_word) == [], f"{lang} search found {other_word!r} of another language"


@pytest.mark.parametrize("word", KAZAKH_LETTERS, ids=["kasiporyn", "qagidattar", "otinish", "Qazaqstan"])
def test_kazakh_query_with_kazakh_letters(visit, site, served_url, word):
    assert any(w.startswith(word.lower()) for w in index_words(site, "kk")), f"premise: {word!r} on kk pages"
    page = visit(lang_path("kk"))
    links = search(page, word)
    assert links, f"nothing found for {word!r}"
    assert_results_in(site, served_url, "kk", links)
    marked = [m.lower() for m in page.locator(".md-search-result mark").all_inner_texts()]
    assert any(m.startswith(word.lower()) for m in marked), f"{word!r} not highlighted: {marked[:10]}"


def test_russian_finds_inflected_forms_by_their_beginning(visit, site, served_url):
    forms = {w for w in index_words(site, "ru") if w.startswith(RUSSIAN_STEM)}
    assert len(forms) >= 3, f"premise: several forms of {RUSSIAN_STEM!r} on Russian pages: {forms}"
    page = visit(lang_path("ru"))
    links = search(page, RUSSIAN_STEM)
    assert links, f"nothing found for {RUSSIAN_STEM!r}"
    assert_results_in(site, served_url, "ru", links)
    shown = " ".join(page.locator(".md-search-result__article").all_inner_texts()).lower()
    found = set(re.findall(RUSSIAN_STEM + r"\w*", shown))
    assert len(found) >= 2, f"results show only {found}"
