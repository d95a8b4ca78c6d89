"""Load ``data/reports.yml`` (optional: no file, no reports yet)."""

from __future__ import annotations

from ...core import documents
from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import _
from ...core.records import Located, RecordFiles, load_records
from ...core.vocabulary import require_concepts
from .model import PAGE_URL, Report

FILES = RecordFiles("reports.yml", _("report"), "data/reports.yml", list_key="reports", optional=True)


def load(ctx: LoadContext[ReadsGlossary]) -> tuple[list[Report], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, Report, lambda report, at: report_errors(report, at, ctx))
    return sorted((at.record for at in found), key=lambda r: r.sort_key), errors


def report_errors(report: Report, at: Located, ctx: LoadContext[ReadsGlossary]) -> list[DataError]:
    errors = documents.versions_errors(at.doc, at.loc + ("documents",), report.documents, ctx.docs_dir, ctx.languages)
    errors += _overlap_errors(report, at.doc, at.loc)
    if (ctx.docs_dir / PAGE_URL / report.id).exists():
        errors.append(at.doc.error(at.loc + ("id",), _("{id} is the name of a folder or file under {folder}, where the "
                                                       "document's page would go", id=f"'{report.id}'",
                                                       folder=f"docs/{PAGE_URL}"),
                                   _("choose another id")))
    glossary = ctx.loaded.glossary
    if glossary is not None:
        errors += require_concepts(glossary, at.doc.error, {f"report_{report.kind}": at.loc + ("kind",)})
    return errors


def _overlap_errors(report: Report, doc, loc: tuple) -> list[DataError]:
    """A language is linked, printed only, or without a known address: one of the three."""
    errors, linked = [], report.documents.available()
    for field in ("printed", "unlinked"):
        for k, code in enumerate(getattr(report, field)):
            if code in linked:
                errors.append(doc.error(loc + (field, k), _("{code} also has a document under documents", code=f"'{code}'"),
                                        _("remove {code} from {field}, or its entry under documents", code=f"'{code}'",
                                          field=field), code))
    for k, code in enumerate(report.unlinked):
        if code in report.printed:
            errors.append(doc.error(loc + ("unlinked", k), _("{code} is also listed under printed", code=f"'{code}'"),
                                    _("keep the language in one of printed and unlinked"), code))
    return errors
