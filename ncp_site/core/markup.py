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
import threading
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Annotated, Any

import nh3
from markupsafe import Markup, escape
from pydantic import AfterValidator, StringConstraints

from .addresses import address_problem, is_web_address
from .errors import Invalid, shown
from .messages import Message, _
from .limits import MAX_MARKDOWN_BLOCKS, MAX_MARKDOWN_DEPTH, MAX_MARKDOWN_WORK, MAX_TEXT_CHARS
from .quotations import QUOTE_CLASS, historical_quotes

if TYPE_CHECKING:
    import markdown  # imported at the first text that needs parsing: most texts pass on counts alone

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


def _new_converter(abbreviations: bool) -> markdown.Markdown:
    """Python-Markdown that reads no HTML: raw HTML (blocks and tags), character references and
    ``<autolinks>`` stay text, which the serializer escapes, so they are shown as written. Nothing is
    escaped before Markdown reads the text: every ``&lt;`` escaping wrote was one more inline match, and
    Markdown's work grows with the matches in a paragraph (``MAX_MARKDOWN_WORK``)."""
    import markdown

    converter = markdown.Markdown(extensions=["abbr"] if abbreviations else [], output_format="html")
    converter.preprocessors.deregister("html_block")
    for pattern in ("html", "entity", "autolink", "automail"):
        converter.inlinePatterns.deregister(pattern)
    return converter


_CONVERTERS = threading.local()


def _converter(abbreviations: bool) -> markdown.Markdown:
    """A converter made once per thread (making one took more time than converting a short text: most of the
    texts' Markdown time in a profile at 1,000 cases + 1,000 events), reset before each use: no definition or
    state of one text reaches the next."""
    made = _CONVERTERS.__dict__.setdefault("made", {})
    if abbreviations not in made:
        made[abbreviations] = _new_converter(abbreviations)
    return made[abbreviations].reset()


def _markdown_html(source: str, abbreviations: str = "") -> str:
    """The text as Python-Markdown writes it, before sanitising. ``&`` is written ``&amp;`` first: the
    serializer keeps what looks like a character reference, and ``&lt;`` in the data is shown as typed."""
    text = source.replace("&", "&amp;") + ("\n\n" + abbreviations if abbreviations else "")
    return _converter(bool(abbreviations)).convert(text)


def render_markdown(source: str, abbreviations: str = "") -> Markup:
    """A Markdown text as sanitised HTML: no raw HTML, links only to allowed addresses.

    ``abbreviations``: definitions for Markdown's ``abbr`` extension (``*[OECD]: ...`` lines), so
    that the text's abbreviations get their expansion as they do in a page.
    """
    html = str(historical_quotes(Markup(_markdown_html(str(source), abbreviations))))
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_keep_address,
                      url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True)
    return Markup(markdown_inert(clean.strip(), line_breaks=False))


_MARKS = "[*_`\\"
"""What opens a link, an image, emphasis, code or an escape: each one Python-Markdown matches in a
paragraph costs another pass over it."""
_NESTED = ("ul", "ol", "blockquote")
_NESTING = re.compile(r"(?<![^\s>])(?:[-*+]|\d{1,9}[.)])(?=\s)|>")
"""What may open a list or a quote (a list marker after a space or a line start, ``>``): a text nests no
deeper than it has of these, and has at most twice as many blocks as it has of these and of lines
(a list and its item, a code block and its code)."""


def markdown_problem(text: str) -> tuple[Message, Message] | None:
    """Why a Markdown text may not be published (the problem and the fix), or None: more work than the
    ``limits`` allow (Python-Markdown is quadratic in a paragraph's links and marks), or a link or an
    image it would drop."""
    problem = _structure_problem(text) if _maybe_heavy(text) else None
    if problem is None and ("](" in text or "]:" in text):
        problem = _link_problem(text)
    return problem


def _maybe_heavy(text: str) -> bool:
    """False when counting shows the text is within every Markdown limit (most texts: no parsing needed)."""
    marks = sum(text.count(mark) for mark in _MARKS)
    if marks * len(text) > MAX_MARKDOWN_WORK:
        return True
    nesting = len(_NESTING.findall(text))
    return nesting >= MAX_MARKDOWN_DEPTH or 2 * (text.count("\n") + nesting + 1) > MAX_MARKDOWN_BLOCKS


def _structure_problem(text: str) -> tuple[Message, Message] | None:
    """The text's blocks as Python-Markdown parses them (no inline work yet), measured against the limits."""
    converter = _converter(False)
    lines = text.split("\n")
    for step in converter.preprocessors:
        lines = step.run(lines)
    root = converter.parser.parseDocument(lines).getroot()
    blocks, work, heaviest, stack = 0, 0, (0, 0, ""), [(root, 0)] if root is not None else []
    while stack:
        element, depth = stack.pop()
        if depth > MAX_MARKDOWN_DEPTH:
            return (_("nests lists or quotes more than {limit} levels deep", limit=MAX_MARKDOWN_DEPTH),
                    _("write the list flat, or publish the text as a document under docs/ and link it"))
        blocks += element is not root
        inline = element.text or ""
        marks = sum(inline.count(mark) for mark in _MARKS)
        work += marks * len(inline)
        heaviest = max(heaviest, (marks * len(inline), marks, inline))
        stack.extend((child, depth + (child.tag in _NESTED)) for child in element)
    if blocks > MAX_MARKDOWN_BLOCKS:
        return (_("has {blocks:,} paragraphs, list items and quotes, more than the {limit:,} a text may have",
                  blocks=blocks, limit=MAX_MARKDOWN_BLOCKS),
                _("join short lines into paragraphs, or publish the text as a document under docs/ and link it"))
    if work > MAX_MARKDOWN_WORK:
        _ignored, marks, inline = heaviest
        return (_("has more links and formatting marks ({marks_list}) than the site renders quickly (its busiest "
                  "paragraph, starting {start}, has {marks:,} in {length:,} characters)", marks_list="[ * _ ` \\",
                  start=shown(inline[:30]), marks=marks, length=len(inline)),
                _("split long paragraphs with blank lines, link less, or publish the text as a document under docs/ "
                  "and link it"))
    return None


def _link_problem(text: str) -> tuple[Message, Message] | None:
    """The first link or image of the text the site would not show: an address ``address_problem`` refuses,
    a path (a text shown on many pages cannot link relative to one of them), an image (texts show none)."""
    found = _Links()
    found.feed(_markdown_html(text))
    found.close()
    for tag, value in found.links:
        if tag == "img":
            return (_("shows the image {value}, but texts show no images", value=shown(value)),
                    _("link the picture instead: [what it shows](https://...)"))
        problem = address_problem(value)
        if problem is not None:
            return (_("a link's address {problem}", problem=problem[0]),
                    _("write a https:// (or http://, mailto:) address"))
        if not is_web_address(value):
            return (_("a link's address {value} is not a web address", value=shown(value)),
                    _("write the full address (https://..., mailto:...): a link in this text cannot point inside the site"))
    return None


class _Links(HTMLParser):
    """``(tag, address)`` of every ``<a href>`` and ``<img src>`` Python-Markdown wrote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        self.links += [(tag, value or "") for name, value in attrs if name == wanted]


class MarkdownSource(str):
    """The text of a Markdown field as written; in a template it is its sanitised HTML."""

    def __html__(self) -> Markup:
        return render_markdown(self)


def _markdown(value: str) -> MarkdownSource:
    problem = markdown_problem(value)
    if problem is not None:
        raise Invalid(*problem)
    return MarkdownSource(value)


MarkdownText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS),
                         AfterValidator(_markdown)]
"""A text field written in Markdown (paragraphs, lists, emphasis, links): rendered and sanitised.
Any other text field is shown exactly as written."""
