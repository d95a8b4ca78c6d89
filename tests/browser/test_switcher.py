"""The language switcher keeps the visitor on the same page: kk -> ru -> en -> kk on a specific instance."""

from __future__ import annotations

from .conftest import lang_path


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().replace("\u00b6", "").strip()  # without the permalink


def switch_to(page, lang: str) -> None:
    """Open Material's language selector (it opens on hover) and pick ``lang``."""
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f".md-select__link[hreflang='{lang}']")


def test_switcher_round_trip_on_a_case_page(visit, served_url, case_page):
    page = visit(lang_path("kk", case_page))
    titles = {"kk": heading(page)}
    for lang in ("ru", "en", "kk"):
        switch_to(page, lang)
        assert page.url == served_url + lang_path(lang, case_page), f"switching to {lang}"
        assert page.get_attribute("html", "lang") == lang
        assert heading(page) == titles.setdefault(lang, heading(page)), "back on the page we started from"
    assert len(set(titles.values())) == 3, f"the three versions have the same title: {titles}"


def test_switcher_names_each_language_in_that_language(visit, case_page):
    page = visit(lang_path("ru", case_page))
    links = page.locator(".md-select__link")
    assert links.count() == 3
    for i in range(3):
        link = links.nth(i)
        assert link.get_attribute("lang") == link.get_attribute("hreflang")
