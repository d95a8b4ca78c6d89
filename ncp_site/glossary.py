"""The Guidelines glossary: the one source of every term, chapter title, status and group name.

Pages and data never spell a controlled term themselves; they look it up here by concept id
(templates call ``term(id)``, Markdown pages call the ``term`` macro). The lint that keeps
deprecated variants off the site lives in ``terminology``; the translators' TBX/CSV exchange in
``glossary_exchange``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .errors import DataError
from .i18n import LANG_NAMES, LANGS, Localized, Strict, Text
from .validation import validate
from .yamlsrc import load_yaml

Category = Literal[
    "title", "institution", "procedure", "principle", "general", "chapter", "case_status",
    "outcome", "submitter_type", "ncp_role", "sector", "stage", "statement_kind",
    "stakeholder_group", "event_format", "event_role", "plan_category", "activity_status",
    "report_kind",
]
CATEGORIES: tuple[str, ...] = Category.__args__
"""The glossary page shows the categories in this order."""
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
EDITIONS = (2011, 2023)


class DeprecatedTerm(Strict):
    term: Text
    reason: Text
    source: Text
    forms: list[Text] = []
    """Inflected forms the lint cannot derive from ``term`` itself (irregular or verb forms)."""


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

    def accepted(self) -> list[str]:
        """Every spelling a page may use for this concept: preferred, plural, abbreviation, forms, admitted."""
        spellings = [self.preferred, self.plural, self.abbreviation, *self.forms, *self.admitted]
        return [s for s in spellings if s]

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

    def any(self, field: str) -> bool:
        """Whether some language's entry has ``field`` (the glossary page shows the row only then)."""
        return any(getattr(self[lang], field) for lang in LANGS)


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

    def entry(self, concept_id: str, lang: str) -> TermEntry:
        return self.concepts[concept_id].terms[lang]

    def definition(self, concept_id: str, lang: str) -> str:
        return self.concepts[concept_id].definition[lang]

    def spelling(self, concept_id: str, lang: str, form: str | None = None) -> str:
        """The text for ``term(id, form)``; raises TermError when the id or the form is not in the glossary.

        ``form`` is None (the preferred term), ``"plural"``, ``"abbreviation"``, or one of the
        entry's own spellings (a case form such as ``нақты жағдайлардың``), so that an inflected
        form is still a glossary term and never a free spelling.
        """
        if concept_id not in self.concepts:
            close = difflib.get_close_matches(concept_id, list(self.concepts), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise TermError(f"the glossary has no concept '{concept_id}'{hint}",
                            f"use an id from {self.path} or add the concept there")
        entry = self.entry(concept_id, lang)
        if form is None:
            return entry.preferred
        if form in ("plural", "abbreviation"):
            value = getattr(entry, form)
            if value is None:
                raise TermError(f"'{concept_id}' has no {form} in {LANG_NAMES[lang]}",
                                f"add terms.{lang}.{form} to the glossary, or write form= with one of: "
                                + _listing(entry.accepted()))
            return value
        for spelling in entry.accepted():
            if spelling.casefold() == form.casefold():
                return form
        raise TermError(f"'{form}' is not a {LANG_NAMES[lang]} form of '{concept_id}'",
                        f"use one of: {_listing(entry.accepted())}, or add it to terms.{lang}.forms in the glossary")


class TermError(ValueError):
    """A ``term()`` call that names no glossary concept or no form of it."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem} -- {fix}")
        self.problem, self.fix = problem, fix


def _listing(spellings: list[str]) -> str:
    return ", ".join(f"'{s}'" for s in spellings)


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


# --- rendering (``render`` imports this module, so it is imported where it is used) ---------

GLOSSARY_PAGE = "glossary/"
"""Where the glossary page lives in each language (``docs/glossary/index.<lang>.md``)."""


def render_term(words, concept_id: str, lang: str, page_url: str,
                form: str | None = None, cap: bool = False) -> str:
    """A glossary term in running text, linked to its entry, its definition as the tooltip."""
    from .i18n import lang_prefix, relative_url
    from .render import render

    glossary: Glossary = words.glossary
    text = glossary.spelling(concept_id, lang, form)
    href = relative_url(page_url or "", lang_prefix(lang) + GLOSSARY_PAGE) + "#" + concept_id
    return render("term_link.html", lang=lang, words=words, href=href,
                  text=text[:1].upper() + text[1:] if cap else text,
                  definition=glossary.definition(concept_id, lang)).strip()


def render_glossary_page(glossary: Glossary, words, lang: str) -> str:
    """Every concept by category: the three languages side by side, definitions, variants, review."""
    from .render import render

    categories = [(cat, glossary.of_category(cat)) for cat in CATEGORIES]
    return render("glossary_page.md", lang=lang, words=words, langs=LANGS,
                  categories=[(cat, concepts) for cat, concepts in categories if concepts])


__all__ = ["Glossary", "Concept", "TermError", "load_glossary", "render_term", "render_glossary_page",
           "CATEGORIES", "ROMAN", "EDITIONS", "LANGS"]
