"""Translation status: what is missing, stale, pending or orphaned in each language.

Every translatable text (a ``{kk, ru, en}`` field in ``data/``, or a page in ``docs/``) has a
source language. When a translator has checked a translation against its source, ``ncp
translations reviewed`` records a fingerprint of the source text in ``data/translation-state.yml``.
A translation is *stale* when its source has changed since (or it was never reviewed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.errors import DataError, display_path
from ..core.sources import STATE_FILE, Sources
from ..core.translation_meta import expired_pending_errors, localized_units
from ..core.yamlsrc import field_name

STATES = ("missing", "stale", "pending", "orphaned")
_HEADER = ("# Written by `ncp translations reviewed`: the fingerprint of the source text each\n"
           "# translation was last reviewed against. Do not edit by hand.\n")


@dataclass(frozen=True)
class Unit:
    """One translatable text: a localized field of a data file, or a page."""

    key: str
    path: str
    line: int
    field: str
    source: str
    texts: dict[str, str]
    pending: dict[str, dt.date] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class Finding:
    state: str
    lang: str
    path: str
    line: int
    field: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field} ({self.lang}): {self.state}: {self.detail}"


@dataclass
class Report:
    findings: list[Finding]
    units: int
    languages: tuple[str, ...]

    def of(self, state: str, lang: str) -> list[Finding]:
        return [f for f in self.findings if f.state == state and f.lang == lang]

    def counts(self) -> dict[str, dict[str, int]]:
        return {lang: {state: len(self.of(state, lang)) for state in STATES} for lang in self.languages}

    def as_json(self) -> dict:
        return {"units": self.units, "counts": self.counts(),
                "findings": [f.__dict__ for f in self.findings]}


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def _text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def data_units(sources: Sources) -> list[Unit]:
    languages = sources.config.languages
    units = []
    for doc in sources.translatable():
        if doc.meta is None:
            continue
        for loc, unit in localized_units(doc.data, languages):
            borrowed = doc.meta.borrowed.get(loc, {})
            texts = {lang: _text(v) for lang, v in unit.items() if v and lang not in borrowed}
            units.append(Unit(f"{doc.path}#{field_name(loc)}", doc.path, doc.line(loc), field_name(loc),
                              doc.meta.source_for(loc), texts, doc.meta.pending_for(loc)))
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


def load_state(sources: Sources) -> tuple[dict[str, dict[str, str]], list[DataError]]:
    """The recorded review fingerprints; a located error when the file is not what the tool writes."""
    doc, errors, exists = sources.data_file(STATE_FILE)
    if not exists or doc is None:
        return {}, errors
    fix = f"restore {doc.path} from git, or delete it and run `ncp translations reviewed` again"
    data = doc.data or {}
    if not isinstance(data, dict) or not isinstance(data.get("translations", {}), dict):
        return {}, [doc.error((), "is not a mapping 'translations:' of texts to fingerprints", fix)]
    state = {}
    for key, entry in (data.get("translations") or {}).items():
        if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
            errors.append(doc.error(("translations", key), "is not a mapping of languages to fingerprints", fix))
            continue
        state[str(key)] = dict(entry)
    return state, errors


def translation_report(sources: Sources, today: dt.date) -> Report:
    languages = sources.config.languages
    state, _ = load_state(sources)
    findings = []
    units = data_units(sources) + page_units(sources)
    for unit in units:
        source_text = unit.texts.get(unit.source)
        if source_text is None:
            for lang in unit.texts:
                findings.append(Finding("orphaned", lang, unit.paths.get(lang, unit.path), unit.line, unit.field,
                                        f"its {languages.name(unit.source)} source is gone -- restore the source "
                                        "or delete this translation"))
            continue
        reviewed = state.get(unit.key, {})
        source_fingerprint = fingerprint(source_text)
        for lang in languages:
            if lang == unit.source:
                continue
            where = unit.paths.get(lang, unit.path)
            if lang in unit.pending:
                until = unit.pending[lang]
                expired = until is None or until < today
                findings.append(Finding("missing" if expired else "pending", lang, where, unit.line, unit.field,
                                        f"translation pending until {until}" + (" (overdue)" if expired else "")))
            elif lang not in unit.texts:
                findings.append(Finding("missing", lang, where, unit.line, unit.field,
                                        f"no {languages.name(lang)} translation -- translate it from {languages.name(unit.source)}"))
            elif reviewed.get("source") != unit.source or reviewed.get(lang) != source_fingerprint:
                why = "never reviewed" if lang not in reviewed else f"its {languages.name(unit.source)} source changed"
                findings.append(Finding("stale", lang, where, unit.line, unit.field,
                                        f"{why} -- review it, then run `ncp translations reviewed {unit.path}`"))
    return Report(sorted(findings, key=lambda f: (STATES.index(f.state), f.lang, f.path, f.line, f.field)),
                  len(units), languages.codes)


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
                                        f"the {languages.name(lang)} translation was due on {until} and is still missing",
                                        "translate the page, or agree a new date and change it here", lang))
        for lang in languages:
            meta_path = unit.paths.get(lang)
            if meta_path and lang not in unit.texts and lang not in unit.pending:
                errors.append(DataError(meta_path, 1, "translation_pending", "is not a date",
                                        "write the date the translation is due as YYYY-MM-DD", lang))
    return errors


def _matches(unit: Unit, target: str) -> bool:
    folder = target.rstrip("/") + "/"
    return (unit.key == target or unit.path == target or unit.key.startswith(folder)
            or unit.path.startswith(folder) or target in unit.paths.values())


def mark_reviewed(sources: Sources, targets: list[str] = (), langs: list[str] = ()) -> tuple[list[str], str]:
    """Record the current source fingerprint for the matching translations.

    Returns the keys marked and the new text of the state file (the caller writes it).
    """
    languages = sources.config.languages
    state, _ = load_state(sources)
    marked = []
    live = set()
    for unit in data_units(sources) + page_units(sources):
        live.add(unit.key)
        if targets and not any(_matches(unit, t) for t in targets):
            continue
        source_text = unit.texts.get(unit.source)
        if source_text is None:
            continue
        entry = state.setdefault(unit.key, {})
        if entry.get("source") != unit.source:
            entry.clear()
            entry["source"] = unit.source
        for lang in languages:
            if lang != unit.source and lang in unit.texts and (not langs or lang in langs):
                if entry.get(lang) != fingerprint(source_text):
                    entry[lang] = fingerprint(source_text)
                    marked.append(f"{unit.key} ({lang})")
    state = {key: value for key, value in sorted(state.items()) if key in live}
    return marked, _HEADER + yaml.safe_dump({"translations": state}, allow_unicode=True, sort_keys=True, width=1000)


def unmatched_targets(sources: Sources, targets: list[str]) -> list[str]:
    """Targets of ``ncp translations reviewed`` that name no text at all (a typo, usually)."""
    units = data_units(sources) + page_units(sources)
    return [t for t in targets if not any(_matches(u, t) for u in units)]


def state_path(sources: Sources) -> Path:
    return sources.config.data_dir / STATE_FILE
