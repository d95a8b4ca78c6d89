"""The Guidelines glossary: the one source of every term, chapter title, status and group name.

Pages and data never spell a controlled term themselves; they look it up here by concept id
(templates call ``term(id)``, Markdown pages call the ``term`` macro). The lint that keeps
deprecated variants off the site lives in ``checks.terminology``; the translators' TBX/CSV
exchange in ``exchange``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import GetCoreSchemaHandler, model_validator

from ...core.errors import Invalid
from ...core.languages import Languages
from ...core.localized import Day, LanguageMap, Localized, Strict, Text
from ...core.messages import LanguageName, _
from ...core.validation import CODE, record_id

Category = Literal[
    "title", "institution", "procedure", "principle", "general", "chapter", "case_status",
    "outcome", "submitter_type", "ncp_role", "sector", "stage", "statement_kind",
    "stakeholder_group", "event_kind", "event_format", "event_role", "plan_category", "activity_status",
    "report_kind", "review_status",
]
CATEGORIES: tuple[str, ...] = get_args(Category)
"""The glossary page shows the categories in this order."""


class DeprecatedTerm(Strict):
    """A spelling of the concept that must not be used, in the language of the entry it is listed under."""

    term: Text
    reason: Localized  # why it must not be used, in every site language (the page shows its own language's)
    source: Text
    forms: list[Text] = []
    """Inflected forms the lint cannot derive from ``term`` itself (irregular or verb forms)."""


class TermEntry(Strict):
    preferred: Text
    plural: Text | None = None
    forms: list[Text] = []
    abbreviation: Text | None = None
    admitted: list[Text] = []
    also_called: list[Text] = []
    """Everyday words visitors use for the concept and search for ("complaint", «жалоба», «шағым»), each
    also a deprecated variant: running text may use one only beside the term itself (the terminology lint)."""
    deprecated: list[DeprecatedTerm] = []
    status: Literal["draft", "approved"]
    reviewed_by: Text | None = None
    reviewed_on: Day | None = None
    review_note: Text | None = None  # what a terminologist should check (translators' exports only, never a public page)

    def accepted(self) -> list[str]:
        """Every spelling a page may use for this concept: preferred, plural, abbreviation, forms, admitted."""
        spellings = [self.preferred, self.plural, self.abbreviation, *self.forms, *self.admitted]
        return [s for s in spellings if s]

    @model_validator(mode="after")
    def _everyday_words_are_deprecated_variants(self):
        """An everyday word is allowed only beside the term: the lint needs it as a variant to find it elsewhere."""
        variants = {d.term.casefold() for d in self.deprecated}
        for word in self.also_called:
            if word.casefold() not in variants:
                raise Invalid(_("also_called lists {word}, which is not one of this language's deprecated variants",
                                word=f"'{word}'"),
                              _("add it under deprecated (with its reason and source), or remove it"))
        return self

    @model_validator(mode="after")
    def _approval_is_signed(self):
        if self.status == "approved" and not (self.reviewed_by and self.reviewed_on):
            raise Invalid(_("an approved term needs reviewed_by and reviewed_on"),
                          _("add who reviewed it and when, or set status: draft"))
        return self


class Terms(LanguageMap):
    """The concept's terms in each site language."""

    @classmethod
    def item_schema(cls, handler: GetCoreSchemaHandler):
        return handler.generate_schema(TermEntry)

    def any(self, field: str) -> bool:
        """Whether some language's entry has ``field`` (the glossary page shows the row only then)."""
        return any(getattr(entry, field) for entry in self.values())


class Concept(Strict):
    id: str = record_id(CODE)
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
    languages: Languages

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
            raise TermError(_("the glossary has no concept {concept} (did you mean {close}?)", concept=f"'{concept_id}'",
                              close=", ".join(close)) if close else
                            _("the glossary has no concept {concept}", concept=f"'{concept_id}'"),
                            _("use an id from {path} or add the concept there", path=self.path))
        entry = self.entry(concept_id, lang)
        if form is None:
            return entry.preferred
        if form in ("plural", "abbreviation"):
            value = getattr(entry, form)
            if value is None:
                raise TermError(_("{concept} has no {form} in {language}", concept=f"'{concept_id}'", form=form,
                                  language=LanguageName(lang)),
                                _("add {field} to the glossary, or write form= with one of: {forms}",
                                  field=f"terms.{lang}.{form}", forms=_listing(entry.accepted())))
            return value
        for spelling in entry.accepted():
            if spelling.casefold() == form.casefold():
                return form
        raise TermError(_("{form} is not a {language} form of {concept}", form=f"'{form}'",
                          concept=f"'{concept_id}'", language=LanguageName(lang)),
                        _("use one of: {forms}, or add it to {field} in the glossary", forms=_listing(entry.accepted()),
                          field=f"terms.{lang}.forms"))


class TermError(Invalid):
    """A ``term()`` call that names no glossary concept or no form of it."""


def _listing(spellings: list[str]) -> str:
    return ", ".join(f"'{s}'" for s in spellings)


