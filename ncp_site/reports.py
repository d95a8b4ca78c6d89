"""Reports and published materials: which documents exist, in which languages, and where.

The peer review found the NCP's materials existed mostly in one language. The reports page lists every
version that exists and says plainly, on each language's page, when that language's version is
missing, with links to the versions that do exist.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Literal

from pydantic import Field

from . import documents
from .documents import LanguageVersions
from .errors import DataError
from .glossary import Glossary, require_concepts
from .i18n import LANGS, Localized, Strict, lang_prefix
from .render import Words, render
from .validation import validate
from .yamlsrc import load_yaml

Kind = Literal["annual_report", "code_of_conduct", "due_diligence_checklist", "violations_register",
               "monograph", "procedures", "submission_form"]
KINDS: tuple[str, ...] = Kind.__args__
Lang = Literal["kk", "ru", "en"]
PAGE_URL = "reports/"


class Report(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Kind
    year: int | None = Field(default=None, ge=2012, le=2100)
    title: Localized
    documents: LanguageVersions = LanguageVersions()
    printed: list[Lang] = []  # languages in which only a printed edition exists (nothing to link)
    unlinked: list[Lang] = []  # languages in which a version exists but its address is not known
    note: Localized | None = None

    @property
    def sort_key(self):
        return (-(self.year or 0), KINDS.index(self.kind), self.id)


class ReportsFile(Strict):
    reports: list[Report]


def load_reports(path: Path, root: Path | None = None,
                 glossary: Glossary | None = None) -> tuple[list[Report], list[DataError]]:
    root = Path(root) if root is not None else Path(path).parents[1]
    if not Path(path).exists():
        return [], []  # no reports yet: the page says so
    doc, errors = load_yaml(path, root)
    if doc is None:
        return [], errors
    parsed, errs = validate(ReportsFile, doc.data, doc)
    errors += errs
    if parsed is None:
        return [], errors
    reports: list[Report] = []
    first: dict[str, int] = {}
    for i, report in enumerate(parsed.reports):
        loc = ("reports", i)
        errors += documents.versions_errors(doc, loc + ("documents",), report.documents, root / "docs")
        errors += _overlap_errors(report, doc, loc)
        if glossary is not None:
            errors += require_concepts(glossary, doc.error, {f"report_{report.kind}": loc + ("kind",)})
        if report.id in first:
            errors.append(doc.error(loc + ("id",), f"'{report.id}' is already used (line {first[report.id]})",
                                    "give each report its own id"))
            continue
        first[report.id] = doc.line(loc + ("id",))
        reports.append(report)
    return sorted(reports, key=lambda r: r.sort_key), errors


def _overlap_errors(report: Report, doc, loc: tuple) -> list[DataError]:
    """A language is linked, printed only, or without a known address: one of the three."""
    errors, linked = [], report.documents.available()
    for field in ("printed", "unlinked"):
        for k, code in enumerate(getattr(report, field)):
            if code in linked:
                errors.append(doc.error(loc + (field, k), f"'{code}' also has a document under documents",
                                        f"remove '{code}' from {field}, or its entry under documents", code))
    for k, code in enumerate(report.unlinked):
        if code in report.printed:
            errors.append(doc.error(loc + ("unlinked", k), f"'{code}' is also listed under printed",
                                    "keep the language in one of printed and unlinked", code))
    return errors


# --- rendering --------------------------------------------------------------------------

def _render(template: str, words: Words, lang: str, **context) -> str:
    url = lang_prefix(lang) + PAGE_URL
    return render(template, lang=lang, words=words, langs=LANGS,
                  doc_href=lambda value: documents.href(value, url), **context)


def render_by_year(reports: list[Report], words: Words, lang: str) -> str:
    groups = [(year, list(items)) for year, items in groupby(reports, key=lambda r: r.year)]
    return _render("reports_list.html", words, lang, groups=groups, by="year")


def render_by_kind(reports: list[Report], words: Words, lang: str) -> str:
    ordered = sorted(reports, key=lambda r: (KINDS.index(r.kind), -(r.year or 0), r.id))
    groups = [(kind, list(items)) for kind, items in groupby(ordered, key=lambda r: r.kind)]
    return _render("reports_list.html", words, lang, groups=groups, by="kind")


def render_matrix(reports: list[Report], words: Words, lang: str) -> str:
    return _render("reports_matrix.html", words, lang, reports=reports)
