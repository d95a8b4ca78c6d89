"""Load and validate all data once per build; pages only render what this returns.

mkdocs-static-i18n runs the whole MkDocs build once per language, so the loaded data is cached
on the files' signature: three language builds share one load, and an edit under ``mkdocs
serve`` (which changes the signature) triggers exactly one reload.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import abbreviations as abbreviations_mod
from . import action_plans as action_plans_mod
from . import cases as cases_mod
from . import events as events_mod
from . import reports as reports_mod
from . import terminology
from . import translations as translations_mod
from .errors import DataError, DataErrors
from .glossary import Glossary, load_glossary
from .i18n import build_today
from .parity import page_parity_errors
from .render import Words
from .ui import UiText, load_ui


@dataclass(frozen=True)
class SiteData:
    root: Path
    glossary: Glossary
    ui: UiText
    cases: list[cases_mod.SpecificInstance]
    translations: translations_mod.Report
    action_plans: list[action_plans_mod.ActionPlan] = field(default_factory=list)
    reports: list[reports_mod.Report] = field(default_factory=list)
    events: list[events_mod.Event] = field(default_factory=list)
    abbreviations: abbreviations_mod.Register = field(default_factory=abbreviations_mod.Register)
    quotations: list[terminology.Quotation] = field(default_factory=list)  # historical wording, listed by ncp check
    words: Words = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "words", Words(self.glossary, self.ui))

    def case(self, case_id: str) -> cases_mod.SpecificInstance:
        return next(c for c in self.cases if c.id == case_id)


class _Cache:
    lock = threading.Lock()
    signature: tuple | None = None
    site: SiteData | None = None
    errors: list[DataError] = []
    loads = 0


def _signature(root: Path) -> tuple:
    files = sorted(p for d in ("data", "docs") for p in (root / d).rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def collect(root: Path) -> tuple[SiteData | None, list[DataError]]:
    """Load every data kind and run every check; return what loaded and every error found."""
    root = Path(root)
    data = root / "data"
    glossary, errors = load_glossary(data / "glossary.yml", root)
    ui, errs = load_ui(data / "ui.yml", root)
    errors += errs
    cases, errs = cases_mod.load_cases(data / "cases", root)
    errors += errs
    plans, errs = action_plans_mod.load_action_plans(data / "action-plans", root, glossary)
    errors += errs
    reports, errs = reports_mod.load_reports(data / "reports.yml", root, glossary)
    errors += errs
    events, errs = events_mod.load_events(data / "events", root)
    errors += errs
    abbreviations, errs = abbreviations_mod.load_abbreviations(root, glossary)
    errors += errs
    errors += page_parity_errors(root / "docs", root)
    errors += translations_mod.pending_errors(root, build_today())
    translation_report = translations_mod.translation_report(root, build_today())
    if glossary is None or ui is None:
        return None, errors
    errors += cases_mod.vocabulary_errors(glossary)
    errors += events_mod.vocabulary_errors(glossary)
    terms = terminology.check(root, glossary)  # deprecated variants in pages and data; term() calls
    errors += terms.errors
    return SiteData(root, glossary, ui, cases, translation_report, action_plans=plans, reports=reports,
                    abbreviations=abbreviations, quotations=terms.quotations, events=events), errors


def load_site(root: Path) -> SiteData:
    """The validated site data, loaded once per change of the files; raises DataErrors."""
    root = Path(root).resolve()
    with _Cache.lock:
        signature = _signature(root)
        if signature != _Cache.signature:
            _Cache.site, _Cache.errors = collect(root)
            _Cache.signature = signature
            _Cache.loads += 1
        if _Cache.errors:
            raise DataErrors(_Cache.errors)
        assert _Cache.site is not None
        return _Cache.site


def loaded_site(root: Path) -> SiteData:
    """The site data validated at the start of this build (pages render many macros; the files
    are not scanned again for each one). Falls back to a full load outside a build."""
    with _Cache.lock:
        if _Cache.site is not None and not _Cache.errors and _Cache.site.root == Path(root).resolve():
            return _Cache.site
    return load_site(root)


def load_count() -> int:
    return _Cache.loads
