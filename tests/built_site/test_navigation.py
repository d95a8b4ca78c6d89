"""The navigation of the built site: the same sections and pages in every language, every title translated."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builders import load_kind

LANGS = ("kk", "ru", "en")
VOID = {"input", "img", "br", "hr", "meta", "link", "source", "wbr"}
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


class _PrimaryNav(HTMLParser):
    """The items of Material's primary navigation as a tree: ``{"title", "href", "children"}``.

    A section has no ``href``; the table of contents Material nests under the current page is skipped.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"title": None, "href": None, "children": []}
        self._items = [self.root]
        self._depth = 0
        self._primary = None  # depth of the primary <nav>
        self._skip = None  # depth of a table of contents being skipped
        self._text = None  # the link or label whose title is being read

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self._depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if self._skip is not None:
            return
        if tag == "nav" and "md-nav--primary" in classes and self._primary is None:
            self._primary = self._depth
        elif self._primary is None:
            return
        elif tag == "nav" and "md-nav--secondary" in classes:
            self._skip = self._depth
        elif tag == "li" and "md-nav__item" in classes:
            item = {"title": None, "href": None, "children": []}
            self._items[-1]["children"].append(item)
            self._items.append(item)
        elif tag in ("a", "label") and "md-nav__link" in classes:
            item = self._items[-1]
            if tag == "a" and item["href"] is None:
                item["href"] = dict(attrs).get("href")  # the current page is a label (its contents) and a link
            if item["title"] is None:
                self._text = [tag, self._depth, []]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._text and tag == self._text[0] and self._depth == self._text[1]:
            self._items[-1]["title"] = " ".join("".join(self._text[2]).split())
            self._text = None
        if self._skip == self._depth:
            self._skip = None
        elif self._primary is not None and self._skip is None:
            if tag == "li" and len(self._items) > 1:
                self._items.pop()
            if self._depth == self._primary:
                self._primary = -1  # done: the rest of the page is not navigation
        self._depth -= 1

    def handle_data(self, data):
        if self._text is not None and self._skip is None:
            self._text[2].append(data)


def navigation(html: str) -> list[dict]:
    parser = _PrimaryNav()
    parser.feed(html)
    return parser.root["children"]


def titles(items: list[dict]) -> list[str]:
    return [t for item in items for t in [item["title"], *titles(item["children"])]]


@pytest.fixture(scope="module")
def navs(site):
    return {lang: navigation(site.html(lang)) for lang in LANGS}


def test_the_navigation_is_grouped_in_sections(navs):
    sections = [item for item in navs["en"] if item["href"] is None]
    assert len(sections) >= 3, navs["en"]
    assert all(section["children"] for section in sections)


@pytest.mark.published
def test_every_language_has_the_same_sections_and_pages_in_the_same_order(navs):
    assert navs["kk"], "no navigation found on the Kazakh home page"
    assert resolved(navs["ru"], "") == resolved(navs["kk"], "")
    assert resolved(navs["en"], "") == resolved(navs["kk"], "")


@pytest.mark.published
def test_every_title_is_translated(navs):
    kk, ru, en = (titles(navs[lang]) for lang in LANGS)
    assert len(kk) == len(ru) == len(en)
    for k, r, e in zip(kk, ru, en):
        assert k and r and e
        assert CYRILLIC.search(k) and CYRILLIC.search(r), (k, r)
        assert not CYRILLIC.search(e), e
        assert k != r, k


def test_section_titles_come_from_the_interface_wording(navs, project_root):
    ui, _ = load_kind(project_root, "ui")
    for lang in LANGS:
        sections = [item["title"] for item in navs[lang] if item["href"] is None]
        assert sections == [ui.strings[key][lang] for key in _section_keys(project_root)], lang


def test_every_built_page_shows_the_same_navigation(site, navs):
    """Material draws the navigation on each page; checked on the first page of every top-level entry."""
    for lang in LANGS:
        home = resolved(navs[lang], "")
        for item in navs[lang]:
            first = item if item["href"] is not None else item["children"][0]
            page = posixpath.normpath(first["href"]).strip(".")
            page = f"{page}/" if page else ""
            assert resolved(navigation(site.html(lang, page)), page) == home, (lang, page)


def resolved(items: list[dict], page: str) -> list:
    """The tree's shape with each link resolved from the page it is on (``../about/`` on ``members/``: ``about``)."""
    return [(posixpath.normpath(posixpath.join(page, item["href"])) if item["href"] is not None else None,
             resolved(item["children"], page)) for item in items]


def _section_keys(root: Path) -> list[str]:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:\n"):text.index("\n\n", text.index("\nnav:\n"))]
    return re.findall(r"^  - (nav\.[a-z_]+):$", nav, re.MULTILINE)
