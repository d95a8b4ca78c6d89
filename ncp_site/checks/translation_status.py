"""Translation status: what is missing, never reviewed, stale, pending or orphaned in each language.

Every translatable text (a ``{kk, ru, en}`` field in ``data/``, or a page in ``docs/``) has a
source language. When a translator has checked a translation against its source, ``ncp
translations reviewed`` (or ``ncp translations import`` of a unit marked reviewed) records in
``data/translation-state.yml`` a fingerprint of the source text, who reviewed it and when::

    data/cases/kz0003.yml#summary:            # a field: path#field, as `ncp status` prints it
      source: ru
      kk: {by: A. Seitkali, date: 2026-12-07, fingerprint: 5d1c0e2a9b7f}
      en: 5d1c0e2a9b7f                        # recorded before reviewers were: fingerprint only

A translation is *unreviewed* when no review was ever recorded for it, and *stale* when its
source changed after the review (the previous source is found in git by its fingerprint:
``translations.history``). Records written before reviewers were recorded (a bare fingerprint)
stay as they are; the file is never rewritten to another form as a whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.cache import cached_with
from ..core.errors import DataError, display_path
from ..core.messages import LanguageName, _
from ..core.sources import STATE_FILE, Sources
from ..core.translation_meta import expired_pending_errors, localized_units
from ..core.yamlsrc import field_name

STATES = ("missing", "unreviewed", "stale", "pending", "orphaned")
"""What a translation can be short of; ``reviewed`` (in step with its source) is the rest."""
_HEADER = ("# Written by `ncp translations reviewed` and `ncp translations import`: for each text\n"
           "# (path#field, or a page), the fingerprint of the source each translation was last\n"
           "# reviewed against, who reviewed it and when. Do not edit by hand.\n")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NOT_WORDS = re.compile(r"\{\{.*?\}\}|\]\([^)]*\)|<[^>]+>|^---\n.*?\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Unit:
    """One translatable text: a localized field of a data file, or a page."""

    key: str
    path: str
    line: int
    field: str
    source: str
    texts: dict[str, str]
    pending: dict[str, dt.date] = dataclasses.field(default_factory=dict)  # ``field`` is the unit's own field here
    paths: dict[str, str] = dataclasses.field(default_factory=dict)
    loc: tuple = ()
    """The field's key path in its data file (empty for a page)."""


@dataclass(frozen=True)
class Review:
    """One recorded review: the source fingerprint it was made against, and by whom, when (if recorded)."""

    fingerprint: str
    by: str | None = None
    date: dt.date | None = None


class _StateDumper(yaml.SafeDumper):
    """Writes a review on one line (``{by: ..., date: ..., fingerprint: ...}``), a bare fingerprint as it was."""

    def ignore_aliases(self, data) -> bool:
        return True  # one date shared by many reviews is written out each time, never as an anchor


def _represent_review(dumper: yaml.SafeDumper, review: Review):
    if review.by is None and review.date is None:
        return dumper.represent_str(review.fingerprint)  # recorded before reviewers were: kept as it was
    fields = {"by": review.by, "date": review.date, "fingerprint": review.fingerprint}
    return dumper.represent_mapping("tag:yaml.org,2002:map", {k: v for k, v in fields.items() if v is not None},
                                    flow_style=True)


_StateDumper.add_representer(Review, _represent_review)


@dataclass(frozen=True, order=True)
class Finding:
    state: str
    lang: str
    path: str
    line: int
    field: str
    detail: str
    key: str = ""
    words: int = 0
    """Words of the source text: what a translator quotes by."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field} ({self.lang}): {self.state}: {self.detail}"

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Report:
    findings: list[Finding]
    units: int
    languages: tuple[str, ...]
    reviewed: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per language: the texts in step with their reviewed source, and their source words."""

    def of(self, state: str, lang: str) -> list[Finding]:
        return [f for f in self.findings if f.state == state and f.lang == lang]

    def counts(self) -> dict[str, dict[str, int]]:
        found = Counter((f.lang, f.state) for f in self.findings)
        return {lang: {state: found[lang, state] for state in STATES} for lang in self.languages}

    def word_counts(self) -> dict[str, dict[str, int]]:
        """Source words per language and state, ``reviewed`` included: translators quote by the word."""
        return {lang: {**{state: sum(f.words for f in self.of(state, lang)) for state in STATES},
                       "reviewed": self.reviewed.get(lang, (0, 0))[1]} for lang in self.languages}

    def for_language(self, lang: str) -> Report:
        return Report([f for f in self.findings if f.lang == lang], self.units, (lang,),
                      {lang: self.reviewed.get(lang, (0, 0))})

    def as_json(self) -> dict:
        counts = self.counts()
        for lang in self.languages:
            counts[lang]["reviewed"] = self.reviewed.get(lang, (0, 0))[0]
        return {"units": self.units, "counts": counts, "words": self.word_counts(),
                "findings": [f.as_json() for f in self.findings]}


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def word_count(text: str) -> int:
    """Words a translator translates: macros, link targets, HTML tags and front matter left out."""
    return len(_WORD.findall(_NOT_WORDS.sub(" ", text)))


def _text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def data_units(sources: Sources) -> list[Unit]:
    """Every translatable text of the data files (each file's kept in its cache entry)."""
    return [unit for doc in sources.translatable() if doc.meta is not None for unit in _units_of(sources, doc)]


def _units_of(sources: Sources, doc) -> list[Unit]:
    return cached_with(sources.entries.get(doc.path), "units", lambda: _doc_units(doc, sources.config.languages))


def _doc_units(doc, languages) -> list[Unit]:
    units = []
    for loc, unit in localized_units(doc.data, languages):
        borrowed = doc.meta.borrowed.get(loc, {})
        texts = {lang: _text(v) for lang, v in unit.items() if v and lang not in borrowed}
        units.append(Unit(f"{doc.path}#{field_name(loc)}", doc.path, doc.line(loc), field_name(loc),
                          doc.meta.source_for(loc), texts, doc.meta.pending_for(loc), loc=loc))
    return units


def page_units(sources: Sources) -> list[Unit]:
    languages = sources.config.languages
    docs = display_path(sources.config.docs_dir, sources.config.root)
    units = []
    for page, versions in sources.pages.items():
        texts, pending, paths, source = {}, {}, {}, languages.source
        for lang, version in versions.items():
            if lang not in languages:
                continue
            source = version.meta.get("source_language", source)
            paths[lang] = version.shown
            if "translation_pending" in version.meta:
                pending[lang] = _as_date(version.meta["translation_pending"])
            else:
                texts[lang] = version.text
        shown = paths.get(source) or next(iter(paths.values()), f"{docs}/{page}")
        units.append(Unit(f"{docs}/{page}", shown, 1, "page", source, texts,
                          {k: v for k, v in pending.items() if v}, paths))
    return units


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


State = dict[str, dict]
"""Per text key: ``source`` (a language code) and, per reviewed language, its ``Review``."""


def load_state(sources: Sources) -> tuple[State, list[DataError]]:
    """The recorded reviews; a located error when the file is not what the tool writes."""
    doc, errors, exists = sources.data_file(STATE_FILE)
    if not exists or doc is None:
        return {}, errors
    fix = _("restore {path} from git, or delete it and run `ncp translations reviewed` again", path=doc.path)
    data = doc.data or {}
    if not isinstance(data, dict) or not isinstance(data.get("translations", {}), dict):
        return {}, [doc.error((), _("is not a mapping 'translations:' of texts to reviews"), fix)]
    state = {}
    for key, entry in (data.get("translations") or {}).items():
        reviews = {lang: _review(value) for lang, value in entry.items()} if isinstance(entry, dict) else {}
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str) or None in (
                v for lang, v in reviews.items() if lang != "source"):
            errors.append(doc.error(("translations", key), _("is not a mapping of languages to reviews (fingerprint, by, "
                                                             "date)"), fix))
            continue
        reviews["source"] = entry["source"]
        state[str(key)] = reviews
    return state, errors


def _review(value) -> Review | None:
    if isinstance(value, str):
        return Review(value)
    if isinstance(value, dict) and isinstance(value.get("fingerprint"), str) and set(value) <= {"fingerprint", "by", "date"}:
        date = value.get("date")
        if date is not None and not isinstance(date, dt.date):
            date = _as_date(date)
        return Review(value["fingerprint"], str(value["by"]) if value.get("by") is not None else None, date)
    return None


def state_text(state: State) -> str:
    """The state file's text: keys sorted, one review per line, each language's review as recorded."""
    return _HEADER + yaml.dump({"translations": state}, Dumper=_StateDumper, allow_unicode=True, sort_keys=True,
                               width=1000, default_flow_style=False)


def unit_state(unit: Unit, lang: str, state: State) -> tuple[str, Review | None]:
    """``reviewed``, ``unreviewed`` or ``stale`` for a translation that exists, and its recorded review."""
    entry = state.get(unit.key, {})
    review = entry.get(lang) if entry.get("source") == unit.source else None
    if review is None:
        return "unreviewed", None
    return ("reviewed" if review.fingerprint == fingerprint(unit.texts[unit.source]) else "stale"), review


def translation_report(sources: Sources, today: dt.date) -> Report:
    """Every translation short of reviewed, and the reviewed ones counted. Each data file's part is kept in its
    cache entry with the digest of the state file and the date (an overdue pending translation is missing)."""
    languages = sources.config.languages
    state = functools.cache(lambda: load_state(sources)[0])  # read only for a part not kept
    key = (sources.digest(sources.path(STATE_FILE)), today.isoformat())
    parts = [cached_with(sources.entries.get(doc.path), "report",
                         lambda: _assessed(_units_of(sources, doc), state(), today, languages), *key)
             for doc in sources.translatable() if doc.meta is not None]
    parts.append(_assessed(page_units(sources), state(), today, languages))
    findings: list[Finding] = []
    reviewed = {lang: [0, 0] for lang in languages}
    for found, in_step, _ignored in parts:
        findings += found
        for lang, (texts, words) in in_step.items():
            reviewed[lang][0] += texts
            reviewed[lang][1] += words
    order = {state: i for i, state in enumerate(STATES)}
    return Report(sorted(findings, key=lambda f: (order[f.state], f.lang, f.path, f.line, f.field)),
                  sum(units for _found, _in_step, units in parts), languages.codes,
                  {lang: (n[0], n[1]) for lang, n in reviewed.items()})


def _assessed(units: list[Unit], state: State, today: dt.date,
              languages) -> tuple[list[Finding], dict[str, tuple[int, int]], int]:
    """The findings of ``units``, the texts in step with their reviewed source (and their words) per language,
    and how many units there were."""
    findings = []
    reviewed = {lang: [0, 0] for lang in languages}
    for unit in units:
        source_text = unit.texts.get(unit.source)
        if source_text is None:
            for lang in unit.texts:
                findings.append(Finding("orphaned", lang, unit.paths.get(lang, unit.path), unit.line, unit.field,
                                        f"its {languages.name(unit.source)} source is gone -- restore the source "
                                        "or delete this translation", unit.key, word_count(unit.texts[lang])))
            continue
        words = word_count(source_text)
        for lang in languages:
            if lang == unit.source:
                continue
            where = unit.paths.get(lang, unit.path)
            if lang in unit.pending:
                until = unit.pending[lang]
                expired = until is None or until < today
                findings.append(Finding("missing" if expired else "pending", lang, where, unit.line, unit.field,
                                        f"translation pending until {until}" + (" (overdue)" if expired else ""),
                                        unit.key, words))
            elif lang not in unit.texts:
                findings.append(Finding("missing", lang, where, unit.line, unit.field,
                                        f"no {languages.name(lang)} translation -- translate it from {languages.name(unit.source)}",
                                        unit.key, words))
            else:
                status, review = unit_state(unit, lang, state)
                if status == "reviewed":
                    reviewed[lang][0] += 1
                    reviewed[lang][1] += words
                    continue
                hint = f"`ncp translations reviewed {unit.key} --lang {lang}`"
                why = ("never reviewed -- check it against its source, then run " if status == "unreviewed" else
                       f"its {languages.name(unit.source)} source changed after the review"
                       + (f" by {review.by}" if review and review.by else "") + (f" on {review.date}" if review and review.date else "")
                       + " -- see what changed (`ncp translations export --lang " + lang + "`), update it, then run ")
                findings.append(Finding(status, lang, where, unit.line, unit.field, why + hint, unit.key, words))
    return findings, {lang: (n[0], n[1]) for lang, n in reviewed.items()}, len(units)


def pending_errors(sources: Sources, today: dt.date) -> list[DataError]:
    """Overdue pending translations fail the check: publishing incomplete is an exception with a date."""
    languages = sources.config.languages
    errors = []
    for doc in sources.translatable():
        if doc.meta is not None:
            errors += expired_pending_errors(doc, today, languages)
    for unit in page_units(sources):
        for lang, until in unit.pending.items():
            if until < today:
                errors.append(DataError(unit.paths[lang], 1, "translation_pending",
                                        _("the {language} translation was due on {date} and is still missing",
                                          language=LanguageName(lang), date=until.isoformat()),
                                        _("translate the page, or agree a new date and change it here"), lang))
        for lang in languages:
            meta_path = unit.paths.get(lang)
            if meta_path and lang not in unit.texts and lang not in unit.pending:
                errors.append(DataError(meta_path, 1, "translation_pending", _("is not a date"),
                                        _("write the date the translation is due as YYYY-MM-DD"), lang))
    return errors


def _matches(unit: Unit, target: str) -> bool:
    folder = target.rstrip("/") + "/"
    return (unit.key == target or unit.path == target or unit.key.startswith(folder)
            or unit.path.startswith(folder) or target in unit.paths.values())


@dataclass
class Marked:
    """What ``mark_reviewed`` did: the translations it marked, those already up to date, the new state text."""

    marked: list[str]
    already: list[str]
    text: str


def mark_reviewed(sources: Sources, targets: list[str], langs: list[str], by: str, on: dt.date,
                  everything: bool = False) -> Marked:
    """Record the current source fingerprint, the reviewer and the date for the matching translations.

    ``targets`` name files, folders or ``path#field`` keys; nothing is marked without one unless
    ``everything`` says so. A translation already reviewed against its current source is left as
    it was (its reviewer and date stay).
    """
    if not targets and not everything:
        raise ValueError("name what was reviewed (a file, folder or path#field), or pass --all")
    languages = sources.config.languages
    state, _ignored = load_state(sources)
    marked, already = [], []
    live = set()
    for unit in data_units(sources) + page_units(sources):
        live.add(unit.key)
        if targets and not any(_matches(unit, t) for t in targets):
            continue
        if unit.texts.get(unit.source) is None:
            continue
        for lang in languages:
            if lang != unit.source and lang in unit.texts and (not langs or lang in langs):
                label = f"{unit.key} ({lang})"
                if unit_state(unit, lang, state)[0] == "reviewed":
                    already.append(label)
                    continue
                record_review(state, unit, lang, by, on)
                marked.append(label)
    state = {key: value for key, value in state.items() if key in live}
    return Marked(marked, already, state_text(state))


def record_review(state: State, unit: Unit, lang: str, by: str | None, on: dt.date | None) -> None:
    """Mark one translation reviewed against its current source (a change of source language starts afresh)."""
    entry = state.setdefault(unit.key, {})
    if entry.get("source") != unit.source:
        entry.clear()
        entry["source"] = unit.source
    entry[lang] = Review(fingerprint(unit.texts[unit.source]), by, on)


def forget_review(state: State, key: str, lang: str) -> None:
    """A translation changed without being marked reviewed: it needs a review again."""
    entry = state.get(key)
    if entry is not None:
        entry.pop(lang, None)
        if set(entry) <= {"source"}:
            del state[key]


def unmatched_targets(sources: Sources, targets: list[str]) -> list[str]:
    """Targets of ``ncp translations reviewed`` that name no text at all (a typo, usually)."""
    units = data_units(sources) + page_units(sources)
    return [t for t in targets if not any(_matches(u, t) for u in units)]


def state_path(sources: Sources) -> Path:
    return sources.config.data_dir / STATE_FILE
