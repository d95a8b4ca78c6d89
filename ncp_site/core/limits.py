"""Bounds on what the check accepts, so that no input can exhaust the machine that checks it.

Every value is far above what the NCP writes (measured on the repository's data, November 2026)
and far below what would slow a check down or run it out of memory; each error names its limit.
"""

from __future__ import annotations

import datetime as dt
import re

from .messages import Message, _

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A data file, page or CSV: 10 MB. The largest data file is the glossary (180 KB); a year of events
written by the benchmark with 5,000 events is about 7.5 MB. 10 MB parses in about 2 s."""

MAX_ALIAS_VALUES = 100_000
"""Values a file may gain through YAML aliases (``&name`` ... ``*name``). The events data repeats a
location or a topic list with an alias (tens of values); a 12-line "billion laughs" file would gain
a billion."""

MAX_NESTING = 64
"""Levels of mappings, lists and values in one file. The data nests at most 9 levels deep (a
glossary variant's forms); Python's recursion, not the data, would give way at about a thousand."""

MAX_LINE_CHARS = 500
"""A title, a name, a term, a keyword: one line of text. The longest today is a title of 257
characters; 500 holds the full title of a ministerial order."""

MAX_TEXT_CHARS = 50_000
"""A summary, a definition, a note: some paragraphs. The longest today is a summary of 1,173
characters; 50,000 (about 15 printed pages) holds a whole final statement, which is better
published as a document and linked."""

MAX_UNKNOWN_LISTED = 10
"""Unknown keys listed for one record; the rest are counted in one line (640,000 of them once printed
640,000 lines and took a minute)."""

MAX_LISTED_PER_FILE = 50
"""Problems listed for one file (``errors.listed``); the rest are counted in one line: a file that is
wrong throughout needs its first mistakes fixed, not a million lines."""

FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
"""Dates a record may carry: the Guidelines' NCPs date from 2000 and Kazakhstan's NCP from 2017;
2100 leaves room for any plan or deadline. Dates outside cannot be shifted by a day safely (year
9999 overflows) and are always typing mistakes."""


def date_range_error(value: dt.date, written: str | None = None) -> tuple[Message, Message] | None:
    """Why a date is refused (the problem and the fix), or None when it is in range; ``written`` as the author
    wrote it."""
    if FIRST_DAY <= value <= LAST_DAY:
        return None
    return (_("{value} is outside the years {first}-{last} this site accepts", value=f"'{written or value.isoformat()}'",
              first=FIRST_DAY.year, last=LAST_DAY.year),
            _("check the year (dates from {first} to {last})", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()))

MAX_MARKDOWN_WORK = 300_000
"""A text written in Markdown: its paragraphs' links and formatting marks (``[ * _ ` \\``) times their
length, added up. Python-Markdown reads a paragraph again for each link or mark it finds in it, so its
work grows with both: one summary of ``[a](`` 12,000 times (48 KB, within ``MAX_TEXT_CHARS``) took
77 s to render. At this bound the worst text renders in about 0.12 s, twice a text of 50,000
characters in ordinary paragraphs; a paragraph of 2,000 characters may hold 150 links or marks (the
repository's texts use fewer than 20 a paragraph)."""

MAX_MARKDOWN_BLOCKS = 500
"""Paragraphs, list items, quotes and headings in one Markdown text (a final statement of 50,000
characters has about 150 paragraphs). Each costs the same again for every abbreviation of the site's
register (Markdown's ``abbr``): 16,000 one-letter paragraphs took 5 s."""

MAX_MARKDOWN_DEPTH = 8
"""Lists and quotes inside each other in one Markdown text (Python-Markdown nests ``1. `` written
16,000 times 900 levels deep, in 1 s)."""


MAX_ID_CHARS = 100
"""A record's id names its page's folder and often its file. The longest today has 48 characters;
``ncp new`` derives at most 71 (a date and 60 characters of a title); a file name may have 255 bytes."""

MAX_NUMBER_DIGITS = 20
"""A number in the data is a year, an edition, a count: 20 digits hold any count there is. A 5,000-digit
number cannot even be printed by Python without raising its limit."""


def _noncharacters() -> str:
    """U+FDD0..U+FDEF and the last two code points of every plane: never text (Unicode's noncharacters)."""
    ends = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    return "\ufdd0-\ufdef" + ends


NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff" + _noncharacters() + "]")
"""Characters no text may hold, however it is written (typed, or as a YAML escape such as ``"\\u0007"``):
the control characters but tab and line breaks (C0, DEL, C1), a half of a surrogate pair, and Unicode's
noncharacters (U+FFFE, U+FFFF...). XML 1.0 (the feeds, the sitemap, TBX) cannot hold most of them, a
browser shows them as boxes or not at all, and a terminal acts on some (ESC). One rule for every text:
data values, CSV cells imported into the data, pages."""


def character_problem(char: str) -> Message:
    """What a character of ``NOT_TEXT`` (or a line break only YAML knows) is, in a message: ``the control
    character U+0007``."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return _("half of a surrogate pair {code}", code=f"U+{code:04X}")
    if code < 0xA0:
        return _("the control character {code}", code=f"U+{code:04X}")
    if char in "\u2028\u2029":
        return _("the line separator {code}, which editors do not show as a new line", code=f"U+{code:04X}")
    return _("the noncharacter {code}", code=f"U+{code:04X}")
