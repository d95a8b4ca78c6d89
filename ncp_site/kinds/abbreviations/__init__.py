"""One register of abbreviations per language, from which every page's abbreviation key is generated.

Sources: the glossary's ``terms.<lang>.abbreviation`` (expanded by the term's preferred form) and,
for abbreviations that are not glossary concepts, ``data/abbreviations.yml``. An abbreviation has
exactly one expansion per language: the NCP's 2022 roadmap used one English abbreviation for both the
Ministry of National Economy and multinational enterprises, and the peer review found it confusing.
"""

from ...core.kind import Kind, ReadsGlossary
from . import load
from .model import Abbreviation, Register

KIND = Kind(name="abbreviations", load=load.load, needs=ReadsGlossary, data=(load.FILES.path,))

__all__ = ["KIND", "Abbreviation", "Register"]
