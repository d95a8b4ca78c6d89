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

ONLY_IN = {"kk": "кәсіпорын", "ru": "предприятий", "en": "instance"}
"""A word of each language's home page that no other language's pages contain."""
KAZAKH_LETTERS = ["кәсіпорын", "қағидаттар", "өтініш", "Қазақстан"]
"""Kazakh words with ә, қ, ғ, ө, і that lunr's default trimmer would cut away."""
RUSSIAN_INFLECTED = "случаям"
"""Dative plural of "случай": no page has it, the stemmer finds "случай", "случаев", "случаях"."""


def index_words(site, lang: str) -> set[str]:
    index = json.loads((site.root / LANG_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(f"{d['title']} {re.sub(r'<[^>]+>', ' ', d['text'])}" for d in index["docs"])
    return set(re.findall(r"\w+", text.lower()))


def search(page, query: str, attempts: int = 40) -> list[str]:
    """Type ``query`` in Material's search box; the result links (empty when Material finds none)."""
    none = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                         ".translations['search.result.none']")
    box = page.locator("input.md-search__input")
    box.click()
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
    word = ONLY_IN[lang]
    assert word in index_words(site, lang), f"premise: {word!r} is on {lang} pages"
    for other in LANGS:
        if other != lang:
            assert not any(w.startswith(word) for w in index_words(site, other)), f"premise: {word!r} not in {other}"
    page = visit(lang_path(lang))
    links = search(page, word)
    assert links, f"{lang}: nothing found for {word!r}"
    assert_results_in(site, served_url, lang, links)
    # and a word of another language finds nothing here
    other_word = ONLY_IN[LANGS[(LANGS.index(lang) + 1) % 3]]
    assert search(page, other_word) == [], f"{lang} search found {other_word!r} of another language"


@pytest.mark.parametrize("word", KAZAKH_LETTERS)
def test_kazakh_query_with_kazakh_letters(visit, site, served_url, word):
    page = visit(lang_path("kk"))
    links = search(page, word)
    assert links, f"nothing found for {word!r}"
    assert_results_in(site, served_url, "kk", links)
    marked = [m.lower() for m in page.locator(".md-search-result mark").all_inner_texts()]
    assert any(m.startswith(word.lower()) for m in marked), f"{word!r} not highlighted: {marked[:10]}"


def test_russian_finds_inflected_forms(visit, site, served_url):
    words = index_words(site, "ru")
    assert not any(w.startswith(RUSSIAN_INFLECTED) for w in words), "premise: the form itself is on no page"
    assert "случай" in words
    page = visit(lang_path("ru"))
    links = search(page, RUSSIAN_INFLECTED)
    assert links, f"the Russian stemmer did not find {RUSSIAN_INFLECTED!r}"
    assert_results_in(site, served_url, "ru", links)
