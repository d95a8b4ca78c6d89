"""What in a text is not the site's own wording: historical quotations, comments, macro calls, addresses.

Wording that must be quoted as it was (the title of a ministerial order, say) is wrapped in
``<q class="historical">…</q>``: the terminology lint skips it, ``ncp check`` lists it, and
rendering keeps the marker when it escapes data text.
"""

from __future__ import annotations

import re

from markupsafe import Markup

QUOTE_CLASS = "historical"

_QUOTE = re.compile(r"(?<!`)<q\s+class=(['\"])" + QUOTE_CLASS + r"\1\s*>(?P<text>.*?)</q\s*>", re.DOTALL | re.IGNORECASE)
_NOT_PROSE = re.compile(
    r"<!--.*?-->"                       # HTML comments are not published text
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # macro calls: term() arguments are checked on their own
    r"|\b(?:https?|ftp|mailto):[^\s<>()\]]+"  # addresses
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)",  # Markdown link destinations
    re.DOTALL)
_ESCAPED_QUOTE = re.compile(r"&lt;q\s+class=(&#34;|&#39;|&quot;)" + QUOTE_CLASS + r"\1\s*&gt;(.*?)&lt;/q\s*&gt;", re.DOTALL)


def historical_quotes(escaped: Markup) -> Markup:
    """Data text is escaped before it is shown; its historical-quotation markers become real ``<q>`` again."""
    return Markup(_ESCAPED_QUOTE.sub(lambda m: f'<q class="{QUOTE_CLASS}">{m.group(2)}</q>', str(escaped)))


def _blank(text: str, start: int, end: int) -> str:
    """Replace a span by spaces, keeping its line breaks so that line numbers stay right."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def split_quotations(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with historical quotations and non-prose blanked out, and the quotations (offset, text)."""
    if "<" not in text and "{" not in text and ":" not in text and "](" not in text:
        return text, []  # most texts: nothing either pattern could match
    quotes = []
    for match in _QUOTE.finditer(text):
        quotes.append((match.start(), " ".join(match["text"].split())))
        text = _blank(text, match.start(), match.end())
    for match in _NOT_PROSE.finditer(text):
        text = _blank(text, match.start(), match.end())
    return text, quotes


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
