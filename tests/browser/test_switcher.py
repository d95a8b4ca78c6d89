"""The languages by name: visible in the header on a wide screen and one tap away on a phone, each
named in its own language; switching keeps the visitor on the same page, with the same search
(``#q=``) and the same register filters (``#chapter=IV``)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import LANGS, lang_path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().replace("\u00b6", "").strip()  # without the permalink


def languages(page):
    """The language list the visitor sees at this width (only one of the two is displayed)."""
    shown = [nav for nav in page.locator("nav.ncp-languages").all() if nav.is_visible()]
    assert len(shown) == 1, f"{len(shown)} language lists shown"
    return shown[0]


def switch_to(page, lang: str) -> None:
    with page.expect_navigation():
        languages(page).locator(f"a[hreflang='{lang}']").click()


def test_switcher_round_trip_on_a_case_page(visit, served_url, case_page):
    page = visit(lang_path("kk", case_page))
    titles = {"kk": heading(page)}
    for lang in ("ru", "en", "kk"):
        switch_to(page, lang)
        assert page.url == served_url + lang_path(lang, case_page), f"switching to {lang}"
        assert page.get_attribute("html", "lang") == lang
        assert heading(page) == titles.setdefault(lang, heading(page)), "back on the page we started from"
    assert len(set(titles.values())) == 3, f"the three versions have the same title: {titles}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_three_languages_are_named_and_one_tap_away(visit, case_page, lang, viewport):
    page = visit(lang_path(lang, case_page))
    page.set_viewport_size(viewport)
    nav = languages(page)
    box = nav.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], "in the first screen"
    if viewport is DESKTOP:
        assert nav.evaluate("n => !!n.closest('header')"), "in the header"
    names = nav.locator("li")
    assert names.count() == len(LANGS)
    current = nav.locator("[aria-current]")
    assert current.count() == 1 and current.get_attribute("lang") == lang
    for link in nav.locator("a").all():
        assert link.is_visible() and link.get_attribute("lang") == link.get_attribute("hreflang") != lang
        size = link.bounding_box()
        assert size["height"] >= 20 and size["width"] >= 24, "a target a thumb can hit"


def test_switching_keeps_the_search_query(visit, served_url):
    page = visit(lang_path("kk", "search/") + "#q=Kazakhstan")
    assert page.input_value("#ncp-search-query") == "Kazakhstan"
    switch_to(page, "ru")
    assert urlsplit(page.url).path == "/" + lang_path("ru", "search/")
    assert unquote(urlsplit(page.url).fragment) == "q=Kazakhstan"
    assert page.input_value("#ncp-search-query") == "Kazakhstan"


def test_switching_keeps_the_register_filters(visit, served_url):
    page = visit(lang_path("en", "cases/") + "#chapter=IV&role=lead")
    expect(page.locator("#ncp-filter-chapter")).to_have_value("IV")
    page.set_viewport_size(PHONE)
    switch_to(page, "kk")
    assert urlsplit(page.url).path == "/" + lang_path("kk", "cases/")
    assert urlsplit(page.url).fragment == "chapter=IV&role=lead"
    expect(page.locator("#ncp-filter-chapter")).to_have_value("IV")
    assert page.input_value("#ncp-filter-role") == "lead"


def test_a_heading_anchor_is_not_carried_to_another_language(visit, served_url):
    """Only a page's state (a query, filters) goes along: a heading's anchor differs by language."""
    page = visit(lang_path("ru", "procedures/") + "#procedure-timeline")
    switch_to(page, "en")
    assert urlsplit(page.url).path == "/" + lang_path("en", "procedures/") and not urlsplit(page.url).fragment
