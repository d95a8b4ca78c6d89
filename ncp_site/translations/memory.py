"""A translation memory (TMX) of the reviewed texts, for memoQ, Trados or Weblate.

Only units reviewed against their current source go in: what a translator may reuse without
checking. A segment is written as a reader sees it (a term's or a link's words, a macro's markup),
one ``<tu>`` per unit with its key as its context (``<prop type="x-context">``); translate-toolkit writes the TMX.
"""

from __future__ import annotations

from translate.storage import tmx

from . import codes
from .units import TranslationUnit


def write_tmx(units: list[TranslationUnit], source: str, target: str) -> tuple[bytes, int]:
    store = tmx.tmxfile(sourcelanguage=source, targetlanguage=target)
    count = 0
    for unit in units:
        if unit.state != "reviewed" or unit.target is None:
            continue
        tu = store.addsourceunit(codes.plain(unit.source), source)
        tu.settarget(codes.plain(unit.target), target, append=True)
        tu.setcontext(unit.key)
        count += 1
    return bytes(store), count
