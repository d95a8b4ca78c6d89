"""The post-build guard: each page says the language it was built for, and its switcher leads to the same page
in each language (MaterialX 10.2 with mkdocs-static-i18n built ru and en pages with ``lang="kk"`` and no
switcher, silently)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncp_site.checks.built_languages import language_errors
from ncp_site.core.languages import Languages

LANGUAGES = Languages(("kk", "ru", "en"), "kk", "ru")
PREFIX = {"kk": "", "ru": "ru/", "en": "en/"}


def page(lang: str, links: dict[str, str | None] | None, *, said: str | None = None) -> str:
    """A page as the theme writes it: ``<html lang>``, then the switcher (``links``: language -> href, None for the
    page's own language, which is not a link), twice (header and phone bar)."""
    items = "".join(
        f'<li class="ncp-languages__item"><span class="ncp-languages__current" lang="{code}" aria-current="true">'
        f'{code}</span></li>' if href is None else
        f'<li class="ncp-languages__item"><a href="{href}" hreflang="{code}" lang="{code}" class="ncp-languages__link" '
        f'data-ncp-language>{code}</a></li>' for code, href in (links or {}).items())
    switcher = "" if links is None else f'<nav class="ncp-languages"><ul class="ncp-languages__list">{items}</ul></nav>'
    return (f'<!doctype html>\n<html lang="{said or lang}" class="no-js">\n<head></head>\n<body>\n{switcher}\n'
            f'<main></main>{switcher}</body></html>\n')


def good_site(root: Path) -> Path:
    """The home page and a case page in three languages, and the trilingual 404."""
    for lang in LANGUAGES:
        (root / PREFIX[lang] / "cases" / "a").mkdir(parents=True)
        (root / PREFIX[lang] / "index.html").write_text(
            page(lang, {code: None if code == lang else ("../" if lang != "kk" else "") + PREFIX[code] or "./"
                        for code in LANGUAGES}), encoding="utf-8")
        up = "../../../" if lang != "kk" else "../../"
        (root / PREFIX[lang] / "cases" / "a" / "index.html").write_text(
            page(lang, {code: None if code == lang else f"{up}{PREFIX[code]}cases/a/" for code in LANGUAGES}),
            encoding="utf-8")
    (root / "404.html").write_text(page("kk", {code: f"/ncp-site/{PREFIX[code]}" for code in LANGUAGES}),
                                   encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "icon.html").write_text("<svg></svg>", encoding="utf-8")  # not a page of a language
    return root


def test_a_site_whose_pages_match_their_languages_passes(tmp_path):
    assert language_errors(good_site(tmp_path), LANGUAGES, mount="/ncp-site/") == []


def test_pages_built_in_the_default_language_and_without_a_switcher_are_found(tmp_path):
    """What MaterialX 10.2 built: every Russian page said kk and had no language switcher."""
    site = good_site(tmp_path)
    (site / "ru" / "cases" / "a" / "index.html").write_text(page("ru", None, said="kk"), encoding="utf-8")
    errors = [str(e) for e in language_errors(site, LANGUAGES, mount="/ncp-site/")]
    assert errors == [
        f"{site}/ru/cases/a/index.html:2: <html lang>: the page was built for 'ru' but says 'kk' -- "
        "the theme or mkdocs-static-i18n did not build this language as such (ARCHITECTURE.md: the engine and its "
        "upstream internals): do not publish this build",
        f"{site}/ru/cases/a/index.html:2: language switcher: it is for no language, not kk, ru, en -- "
        "the theme or mkdocs-static-i18n did not build this language as such (ARCHITECTURE.md: the engine and its "
        "upstream internals): do not publish this build"]


@pytest.mark.parametrize(("links", "problem"), [
    ({"kk": "../../../cases/a/", "ru": None, "en": "../../../en/"}, "the link to 'en' (lang 'en') leads to "
                                                                   "'en/index.html', not 'en/cases/a/index.html'"),
    ({"kk": "../../../cases/a/", "ru": "../../../cases/a/", "en": "../../../en/cases/a/"},
     "the link to 'ru' (lang 'ru') leads to 'cases/a/index.html', not 'ru/cases/a/index.html'"),
    ({"kk": None, "ru": "./", "en": "../../../en/cases/a/"}, "it marks 'kk' as the page's language"),
    ({"kk": "../../../cases/a/", "en": "../../../en/cases/a/"}, "it is for kk, en, not kk, ru, en"),
])
def test_a_switcher_link_to_another_page_or_a_missing_language_is_found(tmp_path, links, problem):
    site = good_site(tmp_path)
    (site / "ru" / "cases" / "a" / "index.html").write_text(page("ru", links), encoding="utf-8")
    errors = language_errors(site, LANGUAGES, mount="/ncp-site/")
    assert len(errors) == 1 and str(errors[0].problem) == problem and errors[0].path.endswith("ru/cases/a/index.html")


def test_the_404_page_leads_to_each_languages_home(tmp_path):
    site = good_site(tmp_path)
    assert language_errors(site, LANGUAGES, mount="/") != [], "its absolute links start at the site's path"
    (site / "404.html").write_text(page("kk", {"kk": "/ncp-site/", "ru": "/ncp-site/", "en": "/ncp-site/en/"}),
                                   encoding="utf-8")
    [error] = language_errors(site, LANGUAGES, mount="/ncp-site/")
    assert str(error.problem) == "the link to 'ru' (lang 'ru') leads to 'index.html', not a page in ru"
