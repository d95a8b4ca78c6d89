"""Reports and published materials: which documents exist, in which languages, and where."""

from ...core.kind import Kind
from . import load, pages
from .model import Report

KIND = Kind(name="reports", load=load.load, data=(load.FILES.path,), macros=pages.MACROS)

__all__ = ["KIND", "Report"]
