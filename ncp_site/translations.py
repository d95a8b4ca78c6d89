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

from .errors import DataError, display_path
from .i18n import LANG_NAMES, LANGS, SOURCE_LANG
from .parity import docs_pages, front_matter
from .translation_meta import expired_pending_errors, localized_units
from .yamledit import write_atomically
from .yamlsrc import field_name, load_yaml

STATE_FILE = Path("data") / "translation-state.yml"
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

    def of(self, state: str, lang: str) -> list[Finding]:
        return [f for f in self.findings if f.state == state and f.lang == lang]

    def counts(self) -> dict[str, dict[str, int]]:
        return {lang: {state: len(self.of(state, lang)) for state in STATES} for lang in LANGS}

    def as_json(self) -> dict:
        return {"units": self.units, "counts": self.counts(),
                "findings": [f.__dict__ for f in self.findings]}


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def _text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def data_files(root: Path) -> list[Path]:
    files = sorted((root / "data").rglob("*.yml")) + sorted((root / "data").rglob("*.yaml"))
    return [p for p in files if p.resolve() != (root / STATE_FILE).resolve()]


def data_units(root: Path) -> list[Unit]:
    units = []
    for path in data_files(root):
        doc, _ = load_yaml(path, root)
        if doc is None or doc.meta is None:
            continue
        for loc, unit in localized_units(doc.data):
            borrowed = doc.meta.borrowed.get(loc, {})
            texts = {lang: _text(v) for lang, v in unit.items() if v and lang not in borrowed}
            units.append(Unit(f"{doc.path}#{field_name(loc)}", doc.path, doc.line(loc), field_name(loc),
                              doc.meta.source_for(loc), texts, doc.meta.pending_for(loc)))
    return units


def page_units(root: Path) -> list[Unit]:
    units = []
    for page, versions in docs_pages(root / "docs").items():
        texts, pending, paths, source = {}, {}, {}, SOURCE_LANG
        for lang, path in versions.items():
            if lang not in LANGS:
                continue
            meta = front_matter(path)
            source = meta.get("source_language", source)
            paths[lang] = display_path(path, root)
            if "translation_pending" in meta:
                pending[lang] = _as_date(meta["translation_pending"])
            else:
                texts[lang] = path.read_text(encoding="utf-8")
        shown = paths.get(source) or next(iter(paths.values()), f"docs/{page}")
        units.append(Unit(f"docs/{page}", shown, 1, "page", source, texts,
                          {k: v for k, v in pending.items() if v}, paths))
    return units


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def load_state(root: Path) -> dict[str, dict[str, str]]:
    path = root / STATE_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("translations", {})


def translation_report(root: Path, today: dt.date) -> Report:
    root = Path(root)
    state = load_state(root)
    findings = []
    units = data_units(root) + page_units(root)
    for unit in units:
        source_text = unit.texts.get(unit.source)
        if source_text is None:
            for lang in unit.texts:
                findings.append(Finding("orphaned", lang, unit.paths.get(lang, unit.path), unit.line, unit.field,
                                        f"its {LANG_NAMES[unit.source]} source is gone -- restore the source "
                                        "or delete this translation"))
            continue
        reviewed = state.get(unit.key, {})
        for lang in LANGS:
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
                                        f"no {LANG_NAMES[lang]} translation -- translate it from {LANG_NAMES[unit.source]}"))
            elif reviewed.get("source") != unit.source or reviewed.get(lang) != fingerprint(source_text):
                why = "never reviewed" if lang not in reviewed else f"its {LANG_NAMES[unit.source]} source changed"
                findings.append(Finding("stale", lang, where, unit.line, unit.field,
                                        f"{why} -- review it, then run `ncp translations reviewed {unit.path}`"))
    return Report(sorted(findings, key=lambda f: (STATES.index(f.state), f.lang, f.path, f.line, f.field)),
                  len(units))


def pending_errors(root: Path, today: dt.date) -> list[DataError]:
    """Overdue pending translations fail the check: publishing incomplete is an exception with a date."""
    errors = []
    for path in data_files(root):
        doc, _ = load_yaml(path, root)
        if doc is not None and doc.meta is not None:
            errors += expired_pending_errors(doc, today)
    for unit in page_units(root):
        for lang, until in unit.pending.items():
            if until < today:
                errors.append(DataError(unit.paths[lang], 1, "translation_pending",
                                        f"the {LANG_NAMES[lang]} translation was due on {until} and is still missing",
                                        "translate the page, or agree a new date and change it here", lang))
    for unit in page_units(root):
        for lang in LANGS:
            meta_path = unit.paths.get(lang)
            if meta_path and lang not in unit.texts and lang not in unit.pending:
                errors.append(DataError(meta_path, 1, "translation_pending", "is not a date",
                                        "write the date the translation is due as YYYY-MM-DD", lang))
    return errors


def mark_reviewed(root: Path, targets: list[str] = (), langs: list[str] = ()) -> list[str]:
    """Record the current source fingerprint for the matching translations; returns their keys."""
    root = Path(root)
    state = load_state(root)
    marked = []
    live = set()
    for unit in data_units(root) + page_units(root):
        live.add(unit.key)
        if targets and not any(unit.key == t or unit.path == t or unit.key.startswith(t.rstrip("/") + "/")
                               or unit.path.startswith(t.rstrip("/") + "/") or t in unit.paths.values()
                               for t in targets):
            continue
        source_text = unit.texts.get(unit.source)
        if source_text is None:
            continue
        entry = state.setdefault(unit.key, {})
        if entry.get("source") != unit.source:
            entry.clear()
            entry["source"] = unit.source
        for lang in LANGS:
            if lang != unit.source and lang in unit.texts and (not langs or lang in langs):
                if entry.get(lang) != fingerprint(source_text):
                    entry[lang] = fingerprint(source_text)
                    marked.append(f"{unit.key} ({lang})")
    state = {key: value for key, value in sorted(state.items()) if key in live}
    write_atomically(root / STATE_FILE, _HEADER + yaml.safe_dump({"translations": state}, allow_unicode=True,
                                                                 sort_keys=True, width=1000))
    return marked


def render_status(report: Report, words, lang: str) -> str:
    from .render import render
    return render("translation_status.html", lang=lang, words=words, report=report, states=STATES, langs=LANGS)
