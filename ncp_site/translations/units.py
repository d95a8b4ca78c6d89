"""Translation units: every text of the project, from one source language to one target language.

A unit is a data field (a list field gives one unit per item) or a page segment (a heading,
paragraph or list item; a page whose language versions do not have the same blocks travels as
one ``body`` unit). Each carries its source and target as parts with inline codes, where it is
(``path:line``), its state and, when stale, the source it was reviewed against:

``new``         no translation yet
``unreviewed``  translated, never reviewed (or changed since)
``stale``       reviewed, but the source changed since; ``previous`` holds the reviewed source
``reviewed``    reviewed against the current source

Reviews are recorded per data field and per page (``data/translation-state.yml``); a page's
segments share the page's review, and a stale page's segments are compared with the reviewed
version of the page one by one, so only the changed ones are stale.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..checks import translation_status as status
from ..core.errors import display_path
from ..core.sources import strip_front_matter
from . import codes, segments
from .history import History

if TYPE_CHECKING:
    from ..project import Project

STATES = ("new", "unreviewed", "stale", "reviewed")
_WORDS = re.compile(r"\S+|\s+")


@dataclass
class TranslationUnit:
    key: str
    """The unit's id: ``path#field`` (``path#field[1]`` for a list item), ``docs/…/index.md#4`` (the
    fourth block of the page) or ``docs/…/index.md#body``."""
    review_key: str
    """Where its review is recorded: the field's key or the page's."""
    path: str
    """The file the translation is written to."""
    line: int
    field: str
    source_lang: str
    target_lang: str
    source: list
    target: list | None
    state: str
    previous: str | None = None
    review: status.Review | None = None
    loc: tuple = ()
    """A data field's key path in its file, with the list index of an item."""
    block: int | None = None
    """A page segment's block number (0-based); None for a data field or a page's body."""
    source_path: str = ""
    source_text: str = ""
    """The source as written (Markdown; a page segment's lines joined)."""
    target_text: str | None = None
    """The translation as written, None when there is none."""
    item: int | None = None
    """A list field's item number (0-based); None for a text."""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def diff(self) -> str | None:
        """The word diff from the reviewed source to the current one, ``[-old-]{+new+}``."""
        if self.previous is None:
            return None
        return word_diff(self.previous, self.source_text)


def word_diff(old: str, new: str) -> str:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


def collect(project: Project, target: str, source: str | None = None, history: History | None = None) -> list[TranslationUnit]:
    """Every unit whose source language is ``source`` (the site's source language by default)."""
    sources = project.sources
    source = source or sources.config.languages.source
    history = history or History(sources.config.root)
    state, _ = status.load_state(sources)
    glossary = project.data.glossary
    spell = {source: codes.Spelling(glossary, source), target: codes.Spelling(glossary, target)}
    units: list[TranslationUnit] = []
    if target == source:
        return units
    for unit in status.data_units(sources):
        if unit.source == source and unit.texts.get(source) is not None:
            units += _data_units(sources, unit, target, state, history, spell)
    for unit in status.page_units(sources):
        if unit.source == source and unit.texts.get(source) is not None:
            units += _page_units(sources, unit, target, state, history, spell)
    return units


def _state(unit: status.Unit, lang: str, state, history: History, page: bool):
    if lang not in unit.texts:
        return "new", None, None
    kind, review = status.unit_state(unit, lang, state)
    previous = None
    if kind == "stale" and review is not None:
        previous = (history.previous_page(unit.paths.get(unit.source, unit.path), review.fingerprint) if page else
                    history.previous_field(unit.path, unit.loc, unit.source, review.fingerprint))
    return kind, review, previous


def _data_units(sources, unit: status.Unit, target: str, state, history, spell) -> list[TranslationUnit]:
    doc = sources.docs[unit.path]
    value = doc.data
    for part in unit.loc:
        value = value[part]
    kind, review, previous = _state(unit, target, state, history, page=False)
    src, tgt = value.get(unit.source), value.get(target) if target in unit.texts else None
    if isinstance(src, list):
        old = previous.split("\n") if previous is not None else []
        out = []
        for i, item in enumerate(src):
            line = doc.line(unit.loc + (target, i)) if isinstance(tgt, list) and i < len(tgt) else doc.line(unit.loc + (target,))
            item_state = kind
            if kind == "stale":
                item_state = "reviewed" if i < len(old) and old[i] == item else "stale"
            elif isinstance(tgt, list) and i >= len(tgt):
                item_state = "new"
            out.append(_unit(f"{unit.key}[{i}]", unit, target, unit.path, line, f"{unit.field}[{i}]", str(item),
                             str(tgt[i]) if isinstance(tgt, list) and i < len(tgt) else None, item_state,
                             (old[i] if i < len(old) and item_state == "stale" else None), review,
                             unit.loc + (i,), None, spell))
            out[-1].item = i
        return out
    line = doc.line(unit.loc + (target,)) if tgt is not None else doc.line(unit.loc)
    return [_unit(unit.key, unit, target, unit.path, line, unit.field, str(src),
                  str(tgt) if tgt is not None else None, kind, previous, review, unit.loc, None, spell)]


def _page_units(sources, unit: status.Unit, target: str, state, history, spell) -> list[TranslationUnit]:
    docs = display_path(sources.config.docs_dir, sources.config.root)
    versions = sources.pages[unit.key[len(docs) + 1:]]
    source_page = versions[unit.source]
    target_page = versions.get(target)
    target_path = target_page.shown if target_page is not None else _page_path(source_page.shown, unit.source, target)
    kind, review, previous = _state(unit, target, state, history, page=True)
    source_blocks = segments.blocks(source_page.text)
    target_blocks = segments.blocks(target_page.text) if kind != "new" else []
    if kind != "new" and not segments.aligned(source_blocks, target_blocks):
        body_prev = strip_front_matter(previous) if previous is not None else None
        return [_unit(f"{unit.key}#body", unit, target, target_path, segments.front_matter_lines(target_page.text) + 1,
                      "page", strip_front_matter(source_page.text).strip("\n"),
                      strip_front_matter(target_page.text).strip("\n"), kind, body_prev, review, (), None, spell)]
    before = _matched_blocks(segments.blocks(previous), source_blocks) if previous is not None else None
    out = []
    for i, block in enumerate(source_blocks):
        src_parts = codes.parse(block.text, spell[unit.source])
        if not re.search(r"[^\W\d_]", codes.plain([p for p in src_parts if not isinstance(p, codes.Code)])):
            continue  # a macro alone, say: nothing to translate
        block_state, block_prev = kind, None
        if kind == "stale" and before is not None:
            block_prev = before.get(i)
            block_state = "reviewed" if block_prev == block.text else "stale"
            block_prev = block_prev if block_state == "stale" else None
        line = (target_blocks[i].first if target_blocks else block.first) + 1
        out.append(_unit(f"{unit.key}#{i + 1}", unit, target, target_path, line, "page", block.text,
                         target_blocks[i].text if target_blocks else None, block_state, block_prev, review, (),
                         i, spell))
    return out


def _matched_blocks(old: list[segments.Block], new: list[segments.Block]) -> dict[int, str]:
    """For each current block, the text of the reviewed page's block it replaces ("" for a new block)."""
    matcher = difflib.SequenceMatcher(None, [b.text for b in old], [b.text for b in new], autojunk=False)
    before = {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for k, j in enumerate(range(j1, j2)):
            before[j] = old[i1 + k].text if op in ("equal", "replace") and i1 + k < i2 else ""
    return before


def _page_path(shown: str, source: str, target: str) -> str:
    return shown[: -len(f".{source}.md")] + f".{target}.md"


def _unit(key, unit: status.Unit, target, path, line, field, source_text, target_text, state, previous, review,
          loc, block, spell) -> TranslationUnit:
    source_parts = codes.number_source(codes.parse(source_text, spell[unit.source]))
    target_parts = (codes.number_like(codes.parse(target_text, spell[target]), source_parts)
                    if target_text is not None else None)
    return TranslationUnit(key, unit.key, path, line, field, unit.source, target, source_parts, target_parts, state,
                           previous, review if state != "new" else None, loc, block,
                           unit.paths.get(unit.source, unit.path), source_text, target_text)
