"""Terminology lint of pages, data texts and built HTML: no deprecated variant of a glossary term."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from ...core.cache import cached_with
from ...core.errors import DataError
from ...core.messages import _
from ...core.quotations import QUOTE_CLASS, line_at, split_quotations
from ...core.sources import PageSource, Sources
from ...core.translation_meta import NOT_TRANSLATIONS
from ...core.yamlsrc import YamlDoc
from .inflection import _normalise
from .matcher import Matcher

EXEMPT_CLASS = "ncp-term-variants"
"""What lists deprecated variants on purpose carries this class (the translators' glossary rows, the terms
page's everyday words); the HTML scan skips it."""


class TerminologyError(DataError):
    """A deprecated variant found in a page or record; prints as the glossary lint's own line.

    ``field`` holds the quoted text found, ``problem`` "is deprecated", ``fix`` the preferred term.
    """

    def render(self, lang: str | None = None) -> str:
        return f"{self.path}:{self.line}: {self.field} ({self.lang}) {self.problem.render(lang)} -- {self.fix.render(lang)}"


def terminology_error(path: str, line: int, found: str, lang: str, preferred: str, concept_id: str) -> TerminologyError:
    return TerminologyError(path, line, f'"{found}"', _("is deprecated"),
                            _("use {preferred} (glossary: {concept})", preferred=f'"{preferred}"', concept=concept_id),
                            lang)


@dataclass(frozen=True)
class Quotation:
    """Historical wording quoted on purpose, exempt from the lint and listed by ``ncp check``."""

    path: str
    line: int
    lang: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.lang}): «{self.text}»"


@dataclass
class Findings:
    errors: list[DataError]
    quotations: list[Quotation]

    def extend(self, other: Findings) -> None:
        self.errors += other.errors
        self.quotations += other.quotations



def page_findings(sources: Sources, matcher: Callable[[], Matcher], glossary_key: str = "") -> Findings:
    """Deprecated variants and historical quotations in every page of ``docs/``, in the page's language.

    ``matcher`` gives the matcher (made when a page is first linted); each page's findings are kept in
    its cache entry with ``glossary_key``, the digest of what the matcher was made from."""
    found = Findings([], [])
    for page in sources.page_versions():
        if page.lang in sources.config.languages:
            found.extend(cached_with(sources.entries.get(page.shown), "terms",
                                     lambda: _page_findings(page, matcher()), glossary_key))
    return found


def _page_findings(page: PageSource, matcher: Matcher) -> Findings:
    found = Findings([], [])
    text = page.text
    prose, quotes = split_quotations(text)
    found.quotations += [Quotation(page.shown, line_at(text, at), page.lang, q) for at, q in quotes]
    for hit in matcher.find(prose, page.lang, context=text):
        found.errors.append(terminology_error(page.shown, line_at(prose, hit.start), hit.found, page.lang,
                                              hit.preferred, hit.concept_id))
    return found



def localized_texts(data: Any, langs, loc: tuple = (), lang: str | None = None,
                    skip: frozenset = NOT_TRANSLATIONS) -> Iterator[tuple[tuple, str, str]]:
    """Every text a visitor may read in a known language: ``(key path, lang, text)``.

    A mapping whose keys are languages (``{kk, ru, en}``) gives its language to everything below
    it, so a glossary entry ``terms: {kk: {preferred, forms, ...}}`` is linted like a summary.
    """
    if isinstance(data, str):
        if lang:
            yield loc, lang, data
    elif isinstance(data, dict):
        by_language = lang is None and bool(data) and set(data) <= set(langs)
        for key, value in data.items():
            if key in skip:
                continue
            yield from localized_texts(value, langs, loc + (key,), key if by_language else lang, skip)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from localized_texts(value, langs, loc + (i,), lang, skip)


def _borrowed(doc: YamlDoc, loc: tuple, lang: str) -> bool:
    """A pending translation shows the source text: it is linted in its own language, not this one."""
    borrowed = doc.meta.borrowed if doc.meta is not None else {}
    return bool(borrowed) and any(borrowed.get(loc[:depth], {}).get(lang) for depth in range(len(loc) + 1))


def _scalar_text(lines: list[str], first: int) -> tuple[str, list[int]]:
    """The source lines a scalar starting on line ``first`` spans (until a line indented no deeper)."""
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
    numbers = [first]
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        numbers.append(number)
    return "\n".join(_normalise(lines[n - 1]).lower() for n in numbers), numbers


class _Locator:
    """Finds the file line of each hit in a field, in order, inside the scalar's own lines.

    The scalar's lines are gathered only when there is something to locate: most texts have no hit.
    """

    def __init__(self, lines: list[str], first: int):
        self.lines, self.first, self.cursor = lines, first, 0
        self._block: tuple[str, list[int]] | None = None

    def line(self, found: str) -> int:
        if self._block is None:
            self._block = (_scalar_text(self.lines, self.first) if 0 < self.first <= len(self.lines)
                           else ("", [self.first]))
        self.block, self.numbers = self._block
        at = self.block.find(_normalise(found.split()[0]).lower(), self.cursor)
        if at < 0:
            return self.first
        self.cursor = at + 1
        return self.numbers[self.block.count("\n", 0, at)]


def data_findings(sources: Sources, matcher: Callable[[], Matcher], glossary_key: str = "") -> Findings:
    """Deprecated variants and historical quotations in every localized field of every data file
    (each file's kept in its cache entry, as ``page_findings`` does).

    The glossary itself is linted too (definitions, preferred terms, forms), except the
    ``deprecated`` and ``also_called`` lists, which name the variants on purpose.
    """
    found = Findings([], [])
    glossary_file = sources.path("glossary.yml")
    for doc in sources.translatable():
        skip = NOT_TRANSLATIONS | {"deprecated", "also_called"} if doc.path == glossary_file else NOT_TRANSLATIONS
        found.extend(cached_with(sources.entries.get(doc.path), "terms",
                                 lambda: _doc_findings(doc, matcher(), sources.config.languages, skip), glossary_key))
    return found


def _doc_findings(doc: YamlDoc, matcher: Matcher, languages, skip: frozenset) -> Findings:
    found = Findings([], [])
    lines = doc.text.splitlines()
    for loc, lang, text in localized_texts(doc.data, languages, skip=skip):
        if _borrowed(doc, loc, lang):
            continue
        prose, quotes = split_quotations(text)
        hits = matcher.find(prose, lang)
        if not quotes and not hits:
            continue
        first = doc.line(loc)
        found.quotations += [Quotation(doc.path, _Locator(lines, first).line(q), lang, q) for _ignored, q in quotes]
        locate = _Locator(lines, first)
        for hit in hits:
            line = locate.line(hit.found)
            found.errors.append(terminology_error(doc.path, line, hit.found, lang, hit.preferred, hit.concept_id))
    return found

class _TextByLanguage(HTMLParser):
    """Visible text of an HTML page, per language (``lang`` attributes), without marked quotations.

    The text of one block (a paragraph, a heading, a cell) in one language is one chunk, its links and
    emphasis included, so that a sentence is read whole: an everyday word is allowed beside a term
    that is a link (``Matcher``)."""

    _SKIP = {"script", "style", "template", "svg"}
    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    _INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
               "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "br", "wbr"}

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.chunks: list[tuple[str, str, int]] = []
        self._open: tuple[str, int] | None = None  # the chunk being read: its language and its index

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        _ignored, lang, skipped = self.stack[-1]
        classes = (attrs.get("class") or "").split()
        skipped = skipped or tag in self._SKIP or EXEMPT_CLASS in classes or (tag == "q" and QUOTE_CLASS in classes)
        lang = attrs.get("lang") or lang
        if tag not in self._INLINE:
            self._open = None
        if attrs.get("title") and not skipped:  # a tooltip is text of its own; the sentence around it goes on
            self.chunks.append((lang, attrs["title"], self.getpos()[0]))
        if tag not in self._VOID:
            self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag):
        if tag not in self._INLINE:
            self._open = None
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        _ignored, lang, skipped = self.stack[-1]
        if skipped:
            self._open = None
            return
        if self._open is not None and self._open[0] == lang:
            at = self._open[1]
            chunk_lang, text, line = self.chunks[at]
            self.chunks[at] = (chunk_lang, text + data, line)
        elif data.strip():
            self.chunks.append((lang, data, self.getpos()[0]))
            self._open = (lang, len(self.chunks) - 1)


def html_findings(html: str, lang: str, matcher: Matcher, shown: str = "page") -> list[DataError]:
    """Deprecated variants in the visible text of a built page (language by ``lang`` attributes)."""
    parser = _TextByLanguage(lang)
    parser.feed(html)
    parser.close()
    errors: list[DataError] = []
    for text_lang, text, line in parser.chunks:
        if text_lang not in matcher.patterns:
            continue
        prose, _ignored = split_quotations(text)
        for hit in matcher.find(prose, text_lang):
            errors.append(terminology_error(shown, line + prose.count("\n", 0, hit.start), hit.found, text_lang,
                                            hit.preferred, hit.concept_id))
    return errors


