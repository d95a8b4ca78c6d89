"""The Guidelines glossary: the one source of every term, chapter title, status and group name.

Pages and data never spell a controlled term themselves; they look it up here by concept id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .errors import DataError
from .i18n import LANGS, Localized, Strict, Text
from .validation import validate
from .yamlsrc import load_yaml

Category = Literal[
    "title", "institution", "procedure", "principle", "general", "chapter", "case_status",
    "outcome", "submitter_type", "ncp_role", "sector", "stage", "statement_kind",
    "stakeholder_group", "event_format", "event_role", "plan_category", "activity_status",
    "report_kind",
]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
EDITIONS = (2011, 2023)


class DeprecatedTerm(Strict):
    term: Text
    reason: Text
    source: Text


class TermEntry(Strict):
    preferred: Text
    plural: Text | None = None
    forms: list[Text] = []
    abbreviation: Text | None = None
    admitted: list[Text] = []
    deprecated: list[DeprecatedTerm] = []
    status: Literal["draft", "approved"]
    reviewed_by: Text | None = None
    reviewed_on: dt.date | None = None

    @model_validator(mode="after")
    def _approval_is_signed(self):
        if self.status == "approved" and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("an approved term needs reviewed_by and reviewed_on -- "
                             "add who reviewed it and when, or set status: draft")
        return self


class Terms(Strict):
    kk: TermEntry
    ru: TermEntry
    en: TermEntry

    def __getitem__(self, lang: str) -> TermEntry:
        return getattr(self, lang)


class Concept(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    category: Category
    source: Text
    definition: Localized
    terms: Terms


class GlossaryFile(Strict):
    concepts: list[Concept]


@dataclass(frozen=True)
class Glossary:
    concepts: dict[str, Concept]
    path: str
    lines: dict[str, int]

    def label(self, concept_id: str, lang: str) -> str:
        return self.concepts[concept_id].terms[lang].preferred

    def has(self, concept_id: str) -> bool:
        return concept_id in self.concepts

    def chapter_title(self, roman: str, edition: int, lang: str) -> str:
        return self.label(f"chapter_{roman.lower()}_{edition}", lang)

    def of_category(self, category: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.category == category]


def load_glossary(path: Path, root: Path | None = None) -> tuple[Glossary | None, list[DataError]]:
    doc, errors = load_yaml(path, root)
    if doc is None:
        return None, errors
    parsed, more = validate(GlossaryFile, doc.data, doc)
    errors += more
    if parsed is None:
        return None, errors
    concepts: dict[str, Concept] = {}
    lines: dict[str, int] = {}
    for i, concept in enumerate(parsed.concepts):
        if concept.id in concepts:
            errors.append(doc.error(("concepts", i, "id"), f"'{concept.id}' is used twice (first on line {lines[concept.id]})",
                                    "give each concept its own id"))
            continue
        concepts[concept.id] = concept
        lines[concept.id] = doc.line(("concepts", i))
    for roman in ROMAN:
        for edition in EDITIONS:
            if f"chapter_{roman.lower()}_{edition}" not in concepts:
                errors.append(doc.error(("concepts",), f"chapter {roman} of the {edition} Guidelines has no concept",
                                        f"add a concept with id chapter_{roman.lower()}_{edition}"))
    return Glossary(concepts, doc.path, lines), errors


def require_concepts(glossary: Glossary, doc_error, needed: dict[str, tuple]) -> list[DataError]:
    """Check that every vocabulary code the data uses has a glossary concept (its label source)."""
    return [doc_error(loc, f"the glossary has no concept '{cid}'", "add it to data/glossary.yml")
            for cid, loc in needed.items() if not glossary.has(cid)]


__all__ = ["Glossary", "Concept", "load_glossary", "ROMAN", "EDITIONS", "LANGS"]
