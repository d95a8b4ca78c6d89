"""Frequently asked questions: one entry per question, grouped, each with its own anchor."""

from ...core.kind import Kind
from . import load, pages
from .model import Question

KIND = Kind(name="faq", load=load.load, data=(load.FILES.path,), macros=pages.MACROS)

__all__ = ["KIND", "Question"]
