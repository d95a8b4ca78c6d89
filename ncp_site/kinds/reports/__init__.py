"""Reports and published materials: which documents exist, in which languages, and where."""

from ...core.kind import Kind, ReadsGlossary
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Report

KIND = Kind(name="reports", load=load.load, needs=ReadsGlossary, data=(load.FILES.path,), macros=pages.MACROS, pages=pages.report_pages,
            new=(NewRecord("report", Report, load.FILES),))

__all__ = ["KIND", "Report"]
