"""``ncp find "text"``: where a text seen on the site is written, as ``path:line: field (lang): ...``.

The Secretariat sees a typo on a page and needs the file to fix it in. Data texts are searched as
YAML reads them (a text folded over several lines is one text; keys and comments are not texts),
pages line by line with their Markdown and HTML marks set aside. Letter case is ignored in every
alphabet, and so are ``ё``/``е`` and runs of spaces, so a phrase copied from the browser is found.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from .sources import STATE_FILE, Sources
from .yamlsrc import YamlDoc, field_name

CONTEXT = 30  # characters shown on each side of a match


@dataclass(frozen=True)
class Found:
    path: str
    line: int
    where: str  # ``summary (ru)`` for a data text; "" in a page
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: " + (f"{self.where}: " if self.where else "") + self.excerpt


def normalized(text: str) -> str:
    """What a search compares: letter case folded (Cyrillic too), ``ё`` as ``е``, one space for any run."""
    return _collapsed(text).casefold().replace("ё", "е")


def _collapsed(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _shown(original: str, compared: str) -> str:
    """The text an excerpt is cut from: as written (spaces collapsed) when its positions match the compared text."""
    written = _collapsed(original)
    return written if len(written) == len(compared) else compared


def find(sources: Sources, query: str) -> list[Found]:
    """Every data text and page line holding ``query``, data first, each file in line order."""
    wanted = normalized(query)
    if not wanted:
        return []
    found: list[Found] = []
    for shown, doc in sorted(sources.docs.items()):
        if not shown.endswith("/" + STATE_FILE):
            found += _in_data(doc, wanted, sources.config.languages.codes)
    for page in sorted(sources.page_versions(), key=lambda p: p.shown):
        found += _in_text(page.shown, page.text, wanted)
    return found


def _in_data(doc: YamlDoc, wanted: str, languages) -> list[Found]:
    found = []
    for loc, value in _strings(doc.data, ()):
        text = normalized(value)
        at = text.find(wanted)
        if at < 0:
            continue
        lang = loc[-1] if loc and loc[-1] in languages else None
        where = field_name(loc[:-1] if lang else loc) + (f" ({lang})" if lang else "")
        found.append(Found(doc.path, _line_in(doc, loc, wanted), where,
                           _excerpt(_shown(value, text), at, len(wanted))))
    return found


def _strings(value, loc: tuple):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


def _line_in(doc: YamlDoc, loc: tuple, wanted: str) -> int:
    """The line of the match itself when it is on one line of the value (a long text written as a block), else
    the line of the value's key."""
    start = doc.line(loc)
    lines = doc.text.split("\n")
    indent = len(lines[start - 1]) - len(lines[start - 1].lstrip()) if 0 < start <= len(lines) else 0
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number > start and line.strip() and len(line) - len(line.lstrip()) <= indent:
            break  # the next key: the value ended
        if wanted in normalized(line):
            return number
    return start


_MARKS = re.compile(r"<[^>\n]*>|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`|!?\[|\]\([^)\s]*\)|\]")


def _in_text(path: str, text: str, wanted: str) -> list[Found]:
    """A page: its lines joined (a phrase may cross a line break), links, emphasis and tags set aside."""
    starts, parts, written, at = [], [], [], 0
    for line in text.split("\n"):
        plain = _MARKS.sub("", line)
        compared = normalized(plain)
        starts.append(at)
        parts.append(compared)
        written.append(_shown(plain, compared))
        at += len(compared) + 1
    joined, shown = " ".join(parts), " ".join(written)
    found, at = [], joined.find(wanted)
    while at >= 0:
        found.append(Found(path, bisect_right(starts, at), "", _excerpt(shown, at, len(wanted))))
        at = joined.find(wanted, at + len(wanted))
    return found


def _excerpt(text: str, at: int, length: int) -> str:
    start, end = max(0, at - CONTEXT), min(len(text), at + length + CONTEXT)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
