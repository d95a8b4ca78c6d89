"""Reports and published materials: which documents exist, in which languages, and where.

The peer review found the NCP's materials existed mostly in one language. The reports page lists every
version that exists, in every language's page: each version online is linked, a version in print
only or not online (available from the Secretariat) is listed without a link.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from ...core.citations import Source
from ...core.localized import (
    LanguageCode,
    LanguageVersions,
    LocalizedLine,
    LocalizedMarkdown,
    Strict,
)
from ...core.validation import record_id

Kind = Literal["annual_report", "code_of_conduct", "due_diligence_checklist", "violations_register",
               "monograph", "procedures", "submission_form"]
KINDS: tuple[str, ...] = get_args(Kind)
PAGE_URL = "reports/"


class Report(Strict):
    id: str = record_id()
    kind: Kind
    year: int | None = Field(default=None, ge=2012, le=2100)
    title: LocalizedLine
    documents: LanguageVersions = LanguageVersions()
    printed: list[LanguageCode] = []  # languages in which only a printed edition exists (nothing to link)
    unlinked: list[LanguageCode] = []  # languages of versions not online: available from the NCP Secretariat
    note: LocalizedMarkdown | None = None
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under it)

    @property
    def sort_key(self):
        return (-(self.year or 0), KINDS.index(self.kind), self.id)
