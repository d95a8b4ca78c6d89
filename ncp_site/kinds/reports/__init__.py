"""Reports and published materials: which documents exist, in which languages, and where."""

from ...core.citations import Citable, CitedDocument
from ...core.kind import Kind, ReadsGlossary
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Report


def cited(reports: list[Report]) -> list[CitedDocument]:
    """A report as a source line names it: its title, linked to its version in the page's language where there is one."""
    return [CitedDocument(r.id, r.title, r.documents.available()) for r in reports]


KIND = Kind(name="reports", load=load.load, needs=ReadsGlossary, data=(load.FILES.path,), macros=pages.MACROS,
            pages=pages.report_pages, new=(NewRecord("report", Report, load.FILES),), documents=Citable(load.FILES, cited))

__all__ = ["KIND", "Report"]
