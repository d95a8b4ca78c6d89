"""The HTML a page makes from its own text: the elements and attributes prose needs, nothing that runs or leaves.

A page in ``docs/`` is Markdown, and Markdown passes raw HTML through: ``<meta http-equiv="refresh">``
would send visitors elsewhere, ``<base>`` re-point every link, ``<form>`` collect data for another
site, ``<script>``, ``<iframe>`` and ``onclick=`` run code. Each page's text (its macro calls left
out: their HTML is made from the data, by the site's own templates) is converted here as the build
converts it, and every element and attribute of the result is checked against the allow-list below
(the data's, ``core.markup``, plus what pages lay out with: sections, tables, admonitions, grids);
every link against ``core.addresses``. Each refusal is a located ``ncp check`` error.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from ..core.addresses import address_problem
from ..core.cache import cached_with
from ..core.errors import DataError, shown
from ..core.markup import ATTRIBUTES, TAGS
from ..core.messages import Message, _
from ..core.quotations import blanked, delimited
from ..core.sources import PageSource, Sources, strip_front_matter

if TYPE_CHECKING:
    import markdown

EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables")
"""The Markdown extensions in mkdocs.yml that make HTML from a page's text (tests/checks/test_page_html.py
fails when mkdocs.yml gains one that is not here)."""

PAGE_TAGS = TAGS | {"div", "section", "details", "summary", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5",
                    "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "sup", "sub", "small",
                    "pre", "img", "time"}
ANY_TAG = {"class", "id", "lang", "title"}
PAGE_ATTRIBUTES = {**{tag: set(names) for tag, names in ATTRIBUTES.items()},
                   "img": {"src", "alt", "width", "height"}, "th": {"colspan", "rowspan", "style"},
                   "td": {"colspan", "rowspan", "style"}, "time": {"datetime"}, "details": {"open"}}
SEARCH_PREFIX = "data-pagefind-"
"""Pagefind's attributes (``{ data-pagefind-weight="10" }``): read when the search index is made, inert in a browser."""
_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")  # what Markdown's tables write for aligned columns
_JINJA_START = re.compile(r"\{\{|\{%|\{#")
_JINJA_END = {"{{": re.compile(r"\}\}"), "{%": re.compile("%}"), "{#": re.compile("#}")}
_DANGER = {
    "script": _("runs code"), "iframe": _("shows another site inside the page"), "frame": _("shows another site"),
    "object": _("runs a plug-in"), "embed": _("runs a plug-in"), "form": _("sends what visitors type elsewhere"),
    "base": _("re-points every link of the page"), "meta": _("can send visitors to another address"),
    "link": _("loads a file from elsewhere"), "style": _("restyles the whole site"), "svg": _("can run code"),
    "math": _("can run code"), "input": _("collects what visitors type"), "button": _("submits forms"),
    "textarea": _("collects what visitors type"), "select": _("collects what visitors choose"),
}
_FIX = _("remove it; write the text in Markdown (headings, lists, links, emphasis, tables)")


def page_html_errors(sources: Sources) -> list[DataError]:
    """Every page version's refused HTML (each page's kept in its cache entry: it depends on the page alone)."""
    converter = functools.cache(_converter)  # made at the first page not in the cache
    return [error for page in sources.page_versions()
            for error in cached_with(sources.entries.get(page.shown), "html", lambda: page_errors(page, converter()))]


def _converter() -> markdown.Markdown:
    import markdown

    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")


def page_errors(page: PageSource, converter: markdown.Markdown) -> list[DataError]:
    body = strip_front_matter(page.text)
    if "<" not in body and "{" not in body and "](" not in body and "]:" not in body:
        return []  # no raw HTML, attribute list or link: nothing this could refuse
    first_line = page.text[:len(page.text) - len(body)].count("\n")
    found = _Elements()
    found.feed(converter.reset().convert(_without_macros(body)))
    found.close()
    seen: dict[str, int] = {}
    errors = []
    for needle, problem, fix in found.problems:
        seen[needle] = seen.get(needle, 0) + 1
        line = first_line + _line_of(body, needle, seen[needle])
        errors.append(DataError(page.shown, line, "page", problem, fix, page.lang or None))
    return errors


def _without_macros(text: str) -> str:
    """The page's own text: each macro call blanked (its lines kept), since the data makes its HTML."""
    return blanked(text, [(opening.start(), closing.end()) for opening, closing in delimited(text, _JINJA_START, _JINJA_END)])


def _line_of(text: str, needle: str, nth: int) -> int:
    """The line of the ``nth`` occurrence of ``needle`` in the page's text (any letter case), else of the first."""
    lower, needle, at = text.lower(), needle.lower(), -1
    for _ignored in range(nth):
        found = lower.find(needle, at + 1)
        if found < 0:
            break
        at = found
    if at < 0:
        at = lower.find(needle)
    return text.count("\n", 0, max(at, 0)) + 1


class _Elements(HTMLParser):
    """Every element, attribute and address of a converted page that the allow-list refuses:
    ``(what to look for in the page's text, problem, fix)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, Message, Message]] = []

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in PAGE_TAGS:
            why = _DANGER.get(tag, _("is not an element pages may use"))
            self.problems.append((f"<{tag}", _("the HTML element {element} {why}", element=f"<{tag}>", why=why), _FIX))
            return
        allowed = ANY_TAG | PAGE_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith(SEARCH_PREFIX):
                continue
            if name == "style" and not (name in allowed and _ALIGN.fullmatch((value or "").strip())):
                self.problems.append((name, _("the attribute 'style' of {element} is not allowed", element=f"<{tag}>"),
                                      _("remove it: the site's stylesheets style every page")))
            elif name not in allowed:
                self.problems.append((name, _("the attribute {attribute} of {element} runs code", attribute=f"'{name}'",
                                              element=f"<{tag}>") if name.startswith("on") else
                                      _("the attribute {attribute} of {element} is not an attribute it may have here",
                                        attribute=f"'{name}'", element=f"<{tag}>"), _FIX))
            elif name in ("href", "src"):
                self._address(tag, name, value or "")

    def _address(self, tag: str, name: str, value: str) -> None:
        problem = address_problem(value)
        if problem is None and tag == "img" and re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", value):
            problem = (_("{value} is an image on another site (every visitor's browser would ask it)", value=shown(value)),
                       _("put the image under docs/ and write its path"))
        if problem is not None:
            what, fix = problem
            self.problems.append((value or name, _("{attribute} of {element}: {problem}", attribute=name,
                                                    element=f"<{tag}>", problem=what), fix))
