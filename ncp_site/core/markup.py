"""Data text in pages: plain text is shown as text; a field declared ``Markdown`` is sanitised HTML.

Generated pages are Markdown handed to MkDocs, and macros put their HTML into Markdown pages, so
HTML escaping alone is not enough: ``[x](javascript:alert(1))`` in a title would still become a
live link, ``{: onclick=... }`` an attribute (``attr_list``), and ``!!! note`` an admonition.
``plain_html`` therefore also writes the characters Markdown acts on as character references,
which browsers show as the characters themselves and Markdown leaves alone.

A field is Markdown only where its model says so (``MarkdownText`` for one text,
``LocalizedMarkdown`` for a text per language). Its Markdown is rendered here, without raw HTML
(``<`` is shown as written), and the result goes through an allow-list sanitiser (nh3): only the
tags below survive, and a link keeps its address only when ``addresses.address_problem`` accepts it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import markdown
import nh3
from markupsafe import Markup, escape
from pydantic import AfterValidator, StringConstraints

from .addresses import address_problem
from .limits import MAX_TEXT_CHARS
from .quotations import QUOTE_CLASS, historical_quotes

# Characters Markdown acts on, wherever they stand: links and images ([ ] !), attr_list ({ }),
# emphasis and code (* `), backslash escapes, tables (|), line breaks (block syntax starts a line);
# ``_`` only next to something other than a letter or digit (``specific_instance`` stays as it is);
# ``#`` where it can close a heading (``C#`` at the end of a title).
_REFERENCES = {c: f"&#{ord(c)};" for c in "[]{}*`\\!|\r\n_#"}
_SPECIAL = re.compile(r"[\[\]{}*`\\!|\r\n]|(?<![^\W_])_|_(?![^\W_])|#(?!\w)")
# What opens a block when it starts a line: a list item (``- `` ``+ `` ``1. ``), a heading
# (``#1``), a heading underline (``=``); data text reaches the start of a line in generated pages.
_LINE_START_RE = re.compile(r"^(\s*)([-+=:~#]|\d+(?=[.)]))")

TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "code", "blockquote", "abbr", "q", "span"}
ATTRIBUTES = {"a": {"href", "title", "hreflang", "lang"}, "abbr": {"title"}, "q": {"class"}, "span": {"lang"},
              "p": {"lang"}}


def markdown_inert(html: str, line_breaks: bool = True) -> str:
    """HTML (already escaped) with the characters Markdown acts on written as character references.

    ``line_breaks=False`` keeps line breaks (rendered Markdown: its blocks stay one per line).
    """
    def reference(match: re.Match) -> str:
        char = match.group(0)
        return char if char in "\r\n" and not line_breaks else _REFERENCES[char]

    html = _SPECIAL.sub(reference, html)
    match = _LINE_START_RE.match(html)
    if match is None:
        return html
    lead, marker = match.groups()
    rest = html[match.end():]
    if marker.isdigit():  # "1. " opens an ordered list: its dot (or parenthesis) is what counts
        return lead + marker + f"&#{ord(rest[0])};" + rest[1:]
    return lead + f"&#{ord(marker)};" + rest


def plain_html(value: Any) -> Markup:
    """A data text as HTML that shows exactly the text, in an HTML template or a Markdown page."""
    if isinstance(value, MarkdownSource):
        return value.__html__()
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return Markup(value)  # a number or a date carries no markup: SVG coordinates and datetime attributes stay plain
    return Markup(markdown_inert(str(escape(value))))


def _keep_address(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and address_problem(value):
        return None
    if tag == "q" and attribute == "class" and value != QUOTE_CLASS:
        return None
    return value


def render_markdown(source: str, abbreviations: str = "") -> Markup:
    """A Markdown text as sanitised HTML: no raw HTML, links only to allowed addresses.

    ``abbreviations``: definitions for Markdown's ``abbr`` extension (``*[OECD]: ...`` lines), so
    that the text's abbreviations get their expansion as they do in a page.
    """
    escaped = str(escape(str(source)))  # raw HTML is shown as text; historical-quotation markers are restored below
    converter = markdown.Markdown(extensions=["abbr"] if abbreviations else [], output_format="html")
    html = converter.convert(escaped + ("\n\n" + abbreviations if abbreviations else ""))
    html = str(historical_quotes(Markup(html)))
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_keep_address,
                      url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True)
    return Markup(markdown_inert(clean.strip(), line_breaks=False))


class MarkdownSource(str):
    """The text of a Markdown field as written; in a template it is its sanitised HTML."""

    def __html__(self) -> Markup:
        return render_markdown(self)


def _markdown(value: str) -> MarkdownSource:
    return MarkdownSource(value)


MarkdownText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS),
                         AfterValidator(_markdown)]
"""A text field written in Markdown (paragraphs, lists, emphasis, links): rendered and sanitised.
Any other text field is shown exactly as written."""
