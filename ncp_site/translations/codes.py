"""Inline codes: the parts of a text a translator must carry over but not translate.

A text is split into plain text and *codes*. A paired code wraps text the translator does
translate: a link's text (``[Контакты](../contacts/index.md)``), bold or italic text, and a glossary
term, whose content is the term as the page shows it (``{{ term('specific_instance',
form='конкретному случаю') }}`` is the code ``t.specific_instance`` around ``конкретному случаю``).
A standalone code stands for markup with nothing to translate: another macro, inline HTML, inline
code, an autolink, an attribute list (``{ #raise-an-issue }``).

Codes are named by their ids, the same in the source and its translation: ``link1``, ``b1``,
``i1``, ``macro1``, ``html1``, ``code1``, ``url1``, ``attr1`` (numbered in the source's order; a
translation's code gets the id of the source code with the same markup), and ``t.<concept>`` for a
term (``t.<concept>.2`` for its second use in the same text), so that a translation may put its
terms in its own word order. In XLIFF 2.0 they are ``<pc>`` and ``<ph>`` elements; in PO, tags
written ``<link1>…</link1>`` and ``<macro1/>`` (the PO files' header says so).

Importing a translation rebuilds the Markdown from the codes' markup as the repository has it
(the translation's own link address where it has one, else the source's), so a CAT tool cannot
change an address or a macro. A term's text becomes the macro again: ``term('x')`` for the
preferred term, ``term('x', 'plural')`` for the plural, ``cap=True`` for a capitalised one,
``form='…'`` otherwise (which ``ncp check`` then checks against the glossary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..checks.terminology.term_calls import term_calls

PAIRED = ("t", "link", "b", "i")
STANDALONE = ("macro", "html", "code", "url", "attr", "img")
_ID = re.compile(r"^(?:t\.[a-z][a-z0-9_]*(?:\.\d+)?|(?:link|b|i|macro|html|code|url|attr|img)\d+)$")
PO_TAG = re.compile(r"<(/?)(t\.[a-z][a-z0-9_]*(?:\.\d+)?|(?:link|b|i|macro|html|code|url|attr|img)\d+)(/?)>")
"""A code written as a tag in PO: ``<link1>``, ``</link1>``, ``<macro1/>``."""


@dataclass(frozen=True)
class Code:
    id: str
    start: str
    """The markup the code stands for (a standalone code), or the markup before its content."""
    end: str | None = None
    """The markup after a paired code's content; None for a standalone code."""
    concept: str | None = None
    """A term's glossary concept."""

    @property
    def kind(self) -> str:
        return self.id.split(".")[0] if self.id.startswith("t.") else self.id.rstrip("0123456789")

    @property
    def paired(self) -> bool:
        return self.end is not None


@dataclass
class Span:
    """A paired code and the parts it wraps."""

    code: Code
    parts: list = field(default_factory=list)


Part = str | Code | Span
"""Plain text, a standalone code, or a paired code with its content."""


def is_code_id(text: str) -> bool:
    return bool(_ID.match(text))


class Spelling:
    """How a term macro reads in one language, and how a term's text becomes a macro again."""

    def __init__(self, glossary, lang: str):
        self.glossary, self.lang = glossary, lang

    def shown(self, args: tuple, kwargs: dict) -> str | None:
        concept = args[0] if args and isinstance(args[0], str) else None
        if self.glossary is None or concept is None or not self.glossary.has(concept):
            return None
        form = kwargs.get("form", args[1] if len(args) > 1 else None)
        try:
            text = self.glossary.spelling(concept, self.lang, form)
        except ValueError:
            text = form if isinstance(form, str) else None
        if text and kwargs.get("cap"):
            text = text[:1].upper() + text[1:]
        return text

    def shown_of(self, code: Code) -> str | None:
        """The text a term code's original macro shows in this language."""
        calls = list(term_calls(code.start))
        args = calls[0][2] if len(calls) == 1 else None
        return self.shown(args, calls[0][3]) if args is not None else None

    def macro(self, concept: str, text: str) -> str:
        """``{{ term(...) }}`` that shows ``text`` for ``concept`` in this language."""
        entry = self.glossary.entry(concept, self.lang) if self.glossary is not None and self.glossary.has(concept) else None
        args = ""
        if entry is not None:
            for value, written in ((entry.preferred, ""), (entry.plural, ", 'plural'")):
                if value and text == value:
                    return f"{{{{ term('{concept}'{written}) }}}}"
                if value and text == value[:1].upper() + value[1:] and text != value:
                    return f"{{{{ term('{concept}'{written}, cap=True) }}}}"
        quote = "'" if "'" not in text else '"'
        args = f", form={quote}{text}{quote}"
        return f"{{{{ term('{concept}'{args}) }}}}"


# --- Markdown to parts -------------------------------------------------------------------------

_INLINE = re.compile(
    r"(?P<macro>\{\{.*?\}\}|\{%.*?%\})"
    r"|(?P<code>`+)"
    r"|(?P<img>!\[)"
    r"|(?P<link>\[)"
    r"|(?P<url><(?:https?://|mailto:)[^>\s]+>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<b>\*\*(?=\S))"
    r"|(?P<i>\*(?=[^\s*]))"
    r"|(?P<attr>\{\s*[#.:][^{}\n]*\})",
    re.DOTALL)


def parse(text: str, spelling: Spelling | None) -> list[Part]:
    """A Markdown text (one segment, or a data field) as plain text and codes, ids not yet assigned."""
    parts: list[Part] = []
    pos = 0
    plain = ""
    while pos < len(text):
        match = _INLINE.search(text, pos)
        if match is None:
            plain += text[pos:]
            break
        plain += text[pos:match.start()]
        found = _code_at(text, match, spelling)
        if found is None:
            plain += text[match.start():match.start() + 1]
            pos = match.start() + 1
            continue
        part, pos = found
        if plain:
            parts.append(plain)
            plain = ""
        parts.append(part)
    if plain:
        parts.append(plain)
    return parts


def _code_at(text: str, match: re.Match, spelling: Spelling | None) -> tuple[Part, int] | None:
    kind = match.lastgroup or ""  # every alternative is a named group
    start = match.start()
    if kind == "macro":
        markup = match.group()
        calls = list(term_calls(markup))
        if len(calls) == 1 and calls[0][2] is not None and spelling is not None:
            _, call, args, kwargs = calls[0]
            shown = spelling.shown(args, kwargs) if args is not None else None
            if args is not None and shown is not None and markup.replace(" ", "") == "{{" + call.replace(" ", "") + "}}":
                return Span(Code("t." + args[0], markup, "", concept=args[0]), [shown]), match.end()
        return Code("macro", markup), match.end()
    if kind == "code":
        ticks = match.group()
        end = text.find(ticks, match.end())
        if end < 0:
            return None
        return Code("code", text[start:end + len(ticks)]), end + len(ticks)
    if kind in ("img", "link"):
        close = _closing_bracket(text, match.end())
        if close is None or not text.startswith("(", close + 1):
            return None
        paren = _closing_paren(text, close + 2)
        if paren is None:
            return None
        end = paren + 1
        attr = re.match(r"\{[^{}\n]*\}", text[end:])
        if attr:
            end += attr.end()
        if kind == "img":
            return Code("img", text[start:end]), end
        inner = parse(text[match.end():close], spelling)
        return Span(Code("link", "[", text[close:end]), inner), end
    if kind in ("b", "i"):
        marker = match.group()
        end = text.find(marker, match.end())
        while end >= 0 and (text[end - 1].isspace() or (marker == "*" and text.startswith("**", end))):
            end = text.find(marker, end + (2 if text.startswith("**", end) else 1))
        if end < 0:
            return None
        return Span(Code(kind, marker, marker), parse(text[match.end():end], spelling)), end + len(marker)
    return Code(kind, match.group()), match.end()


def _closing_bracket(text: str, pos: int) -> int | None:
    depth = 1
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if text.startswith("{{", pos):
            end = text.find("}}", pos)
            if end < 0:
                return None
            pos = end + 2
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            return pos
        pos += 1
    return None


def _closing_paren(text: str, pos: int) -> int | None:
    depth = 1
    while pos < len(text):
        depth += {"(": 1, ")": -1}.get(text[pos], 0)
        if depth == 0:
            return pos
        if text[pos] == "\n" and text[pos - 1] == "\n":
            return None
        pos += 1
    return None


# --- ids -----------------------------------------------------------------------------------------

def codes_of(parts: list[Part]) -> list[Code]:
    out = []
    for part in parts:
        if isinstance(part, Code):
            out.append(part)
        elif isinstance(part, Span):
            out.append(part.code)
            out += codes_of(part.parts)
    return out


def number_source(parts: list[Part]) -> list[Part]:
    """Give the source's codes their ids, in order of appearance."""
    counters: dict[str, int] = {}

    def named(code: Code) -> Code:
        base = code.id
        counters[base] = counters.get(base, 0) + 1
        n = counters[base]
        if base.startswith("t."):
            return Code(base if n == 1 else f"{base}.{n}", code.start, code.end, code.concept)
        return Code(f"{base}{n}", code.start, code.end, code.concept)

    return _renamed(parts, named)


def number_like(parts: list[Part], source: list[Part]) -> list[Part]:
    """Give a translation's codes the ids of the source codes with the same markup (terms: the same concept)."""
    free: dict[tuple, list[str]] = {}
    for code in codes_of(source):
        free.setdefault(_markup(code), []).append(code.id)
    taken = {code.id for code in codes_of(source)}
    counters: dict[str, int] = {}

    def named(code: Code) -> Code:
        ids = free.get(_markup(code))
        if ids:
            return Code(ids.pop(0), code.start, code.end, code.concept)
        base = code.id
        n = counters.get(base, 1)
        while (base if base.startswith("t.") and n == 1 else (f"{base}.{n}" if base.startswith("t.") else f"{base}{n}")) in taken:
            n += 1
        counters[base] = n + 1
        new = base if base.startswith("t.") and n == 1 else (f"{base}.{n}" if base.startswith("t.") else f"{base}{n}")
        taken.add(new)
        return Code(new, code.start, code.end, code.concept)

    return _renamed(parts, named)


def _markup(code: Code) -> tuple:
    if code.concept is not None:
        return ("t", code.concept)
    if code.id.startswith("link"):
        return ("link",)  # a translation's link may have its own address (an English page, say)
    return (code.id.rstrip("0123456789"), code.start, code.end)


def _renamed(parts: list[Part], named) -> list[Part]:
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Code):
            out.append(named(part))
        elif isinstance(part, Span):
            code = named(part.code)
            out.append(Span(code, _renamed(part.parts, named)))
        else:
            out.append(part)
    return out


# --- parts to text ------------------------------------------------------------------------------

def plain(parts: list[Part]) -> str:
    """What a reader sees: the texts, a standalone code as its markup."""
    out = ""
    for part in parts:
        if isinstance(part, str):
            out += part
        elif isinstance(part, Span):
            out += plain(part.parts)
        else:
            out += part.start
    return out


def as_tags(parts: list[Part]) -> str:
    """The PO form: codes as ``<id>…</id>`` and ``<id/>``."""
    out = ""
    for part in parts:
        if isinstance(part, str):
            out += part
        elif isinstance(part, Span):
            out += f"<{part.code.id}>{as_tags(part.parts)}</{part.code.id}>"
        else:
            out += f"<{part.id}/>"
    return out


class Damaged(ValueError):
    """A translation whose inline codes cannot be matched to the source's."""


def from_tags(text: str) -> list[Part]:
    """The parts of a PO translation; ``Damaged`` when a tag is unclosed, crossed or stray."""
    stack: list[tuple[str, list]] = [("", [])]
    pos = 0
    for match in PO_TAG.finditer(text):
        if match.start() > pos:
            stack[-1][1].append(text[pos:match.start()])
        pos = match.end()
        closing, name, empty = match.group(1), match.group(2), match.group(3)
        if empty:
            stack[-1][1].append(Code(name, ""))
        elif not closing:
            stack.append((name, []))
        elif stack[-1][0] != name:
            raise Damaged(f"</{name}> closes no <{name}>" if len(stack) == 1
                          else f"<{stack[-1][0]}> is closed by </{name}>")
        else:
            name, parts = stack.pop()
            stack[-1][1].append(Span(Code(name, "", ""), parts))
    if len(stack) > 1:
        raise Damaged(f"<{stack[-1][0]}> is never closed")
    if pos < len(text):
        stack[0][1].append(text[pos:])
    return stack[0][1]


def check_codes(new: list[Part], source: list[Part], current: list[Part] | None) -> list[str]:
    """What is wrong with a translation's codes: unknown ones, lost or repeated markup, a paired code
    used as standalone or the other way round. Terms may differ from the source's (word order, a term
    one language needs), as long as each names its concept's code."""
    known = {c.id: c for c in codes_of(source)}
    for code in codes_of(current or []):
        known.setdefault(code.id, code)
    problems = []
    seen: dict[str, int] = {}
    for code in codes_of(new):
        seen[code.id] = seen.get(code.id, 0) + 1
        original = known.get(code.id)
        if original is None and not code.id.startswith("t."):
            problems.append(f"<{code.id}> is not a code of the source")
        elif original is not None and original.paired != code.paired:
            problems.append(f"<{code.id}> should be " + ("a pair <x>…</x>" if original.paired else "standalone <x/>"))
    for code in codes_of(source):
        if not code.id.startswith("t.") and code.id not in seen:
            problems.append(f"<{code.id}> ({_shown(code)}) is missing")
        if seen.get(code.id, 0) > 1:
            problems.append(f"<{code.id}> appears {seen[code.id]} times")
    return problems


def _shown(code: Code) -> str:
    text = code.start + ("…" + code.end if code.end else "")
    return text if len(text) <= 60 else text[:57] + "..."


def to_markdown(parts: list[Part], known: dict[str, Code], spelling: Spelling, keep_together: bool = False) -> str:
    """The Markdown of a translation: each code's markup from ``known`` (by id), terms rebuilt as macros.

    ``keep_together`` writes the spaces inside macros and link addresses as NUL characters, so
    that wrapping the paragraph never breaks a macro across lines (the caller puts them back).
    """
    out = ""
    for part in parts:
        if isinstance(part, str):
            out += part
            continue
        code = part.code if isinstance(part, Span) else part
        original = known.get(code.id)
        if code.id.startswith("t.") and isinstance(part, Span):
            concept = code.id.split(".")[1]
            text = plain(part.parts)
            if original is not None and original.concept == concept and spelling.shown_of(original) == text:
                markup = original.start
            else:
                markup = spelling.macro(concept, text)
            out += _together(markup, keep_together)
        elif isinstance(part, Span):
            out += (known[code.id].start + to_markdown(part.parts, known, spelling, keep_together)
                    + _together(known[code.id].end or "", keep_together))
        else:
            out += _together(known[code.id].start, keep_together)
    return out


def _together(markup: str, keep: bool) -> str:
    return markup.replace(" ", "\0") if keep else markup


def known_codes(*texts: list[Part]) -> dict[str, Code]:
    """Codes by id; the first text's codes win (the translation's own markup before the source's)."""
    known: dict[str, Code] = {}
    for parts in texts:
        for code in codes_of(parts):
            known.setdefault(code.id, code)
    return known
