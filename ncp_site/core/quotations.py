"""What in a text is not the site's own wording: historical quotations, comments, macro calls, addresses.

Wording that must be quoted as it was (the title of a ministerial order, say) is wrapped in
``<q class="historical">…</q>``: the terminology lint skips it, ``ncp check`` lists it, and
rendering keeps the marker when it escapes data text.
"""

from __future__ import annotations

import re

from markupsafe import Markup

QUOTE_CLASS = "historical"

_QUOTE_START = re.compile(r"(?<!`)<q\s+class=(['\"])" + QUOTE_CLASS + r"\1\s*>", re.IGNORECASE)
_QUOTE_END = re.compile(r"</q\s*>", re.IGNORECASE)
_ESCAPED_QUOTE_START = re.compile(r"&lt;q\s+class=(&#34;|&#39;|&quot;|\"|')" + QUOTE_CLASS + r"\1\s*&gt;")
_ESCAPED_QUOTE_END = re.compile(r"&lt;/q\s*&gt;")
_NOT_PROSE_START = re.compile(r"<!--|\{\{|\{%|\{#|\b(?:https?|ftp|mailto):|\]\(")
_NOT_PROSE_END = {"<!--": re.compile("-->"), "{{": re.compile(r"\}\}"), "{%": re.compile("%}"), "{#": re.compile("#}")}
_ADDRESS_REST = re.compile(r"[^\s<>()\]]+")
_LINK_DESTINATION = re.compile(r'\]\([^()\[\]\s]*+(?:\s+"[^"]*+")?\)')
"""A Markdown link's destination (and title). Each part stops where another link could start, so that
finding every destination costs one pass over the text, whatever it holds (``[a](`` 12,000 times)."""


def delimited(text: str, start: re.Pattern, end: re.Pattern | dict[str, re.Pattern]) -> list[tuple[re.Match, re.Match]]:
    """``(opening, closing)`` of every span from an opening (``start``) to the first closing after it (``end``,
    or ``end[opening text]``), left to right, not overlapping. One pass over the text: once an opening finds
    no closing, no later opening of its kind can, and that kind is no longer searched (``.*?`` would search
    again from every opening)."""
    spans, at, exhausted = [], 0, set()
    for opening in start.finditer(text):
        kind = opening.group(0) if isinstance(end, dict) else ""
        if opening.start() < at or kind in exhausted:
            continue
        closing = (end[kind] if isinstance(end, dict) else end).search(text, opening.end())
        if closing is None:
            exhausted.add(kind)
            continue
        spans.append((opening, closing))
        at = closing.end()
    return spans


def historical_quotes(escaped: Markup) -> Markup:
    """Data text is escaped before it is shown; its historical-quotation markers become real ``<q>`` again."""
    text = str(escaped)
    parts, at = [], 0
    for opening, closing in delimited(text, _ESCAPED_QUOTE_START, _ESCAPED_QUOTE_END):
        parts += [text[at:opening.start()], f'<q class="{QUOTE_CLASS}">', text[opening.end():closing.start()], "</q>"]
        at = closing.end()
    return Markup("".join(parts) + text[at:])


def _not_prose(text: str) -> list[tuple[int, int]]:
    """Comments, macro calls, addresses and link destinations: spans the lint does not read as prose."""
    spans, at, exhausted = [], 0, set()
    for opening in _NOT_PROSE_START.finditer(text):
        kind = opening.group(0)
        if opening.start() < at or kind in exhausted:
            continue
        if kind in _NOT_PROSE_END:
            closing = _NOT_PROSE_END[kind].search(text, opening.end())
            if closing is None:
                exhausted.add(kind)
                continue
            end = closing.end()
        elif kind == "](":
            link = _LINK_DESTINATION.match(text, opening.start())
            if link is None:
                continue
            end = link.end()
        else:
            rest = _ADDRESS_REST.match(text, opening.end())
            if rest is None:
                continue
            end = rest.end()
        spans.append((opening.start(), end))
        at = end
    return spans


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by spaces, its line breaks kept so that line numbers stay right."""
    parts, at = [], 0
    for start, end in spans:
        parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    return "".join(parts) + text[at:]


def split_quotations(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with historical quotations and non-prose blanked out, and the quotations (offset, text)."""
    if "<" not in text and "{" not in text and ":" not in text and "](" not in text:
        return text, []  # most texts: nothing either pattern could match
    spans = delimited(text, _QUOTE_START, _QUOTE_END)
    quotes = [(opening.start(), " ".join(text[opening.end():closing.start()].split())) for opening, closing in spans]
    text = blanked(text, [(opening.start(), closing.end()) for opening, closing in spans])
    return blanked(text, _not_prose(text)), quotes


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
