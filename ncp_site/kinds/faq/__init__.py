"""Frequently asked questions: one entry per question, grouped, each with its own anchor."""

from ...core.kind import Kind, ReadsWording
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Question

KIND = Kind(name="faq", load=load.load, needs=ReadsWording, data=(load.FILES.path,), macros=pages.MACROS,
            new=(NewRecord("faq", Question, load.FILES, titled="question"),))

__all__ = ["KIND", "Question"]
