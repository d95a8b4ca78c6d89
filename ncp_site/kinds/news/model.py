"""A news item: one file per item in ``data/news/``, named after its id.

The peer review found the NCP's news reached the English site months after the Kazakh and Russian
ones. An item here is one record with its text in every site language, so it appears on every
language's news page at once. It may name the specific instances, events and organisations it concerns
(by their ids, checked against ``data/cases/``, ``data/events/`` and ``data/organisations.yml``) and the sources it is based on.

Dates: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the source gives no day (never made up). An item
appears from its date on ("today" is the build day, SOURCE_DATE_EPOCH when set), so an item can be
prepared in advance; a month or a year counts from its first day.
Texts: ``summary`` is one or two sentences (shown on the home page); ``body`` is the full text,
paragraphs separated by a blank line.
"""

from __future__ import annotations

from pydantic import Field

from ...core.citations import Source
from ...core.localized import Localized, Strict
from ...core.organisations import OrganisationRef
from ...core.partial_dates import PartialDateField
from ...core.validation import record_id

PAGE_URL = "news/"


class NewsItem(Strict):
    id: str = record_id()
    date: PartialDateField
    title: Localized
    summary: Localized
    body: Localized
    related_cases: list[str] = Field(default_factory=list)
    related_events: list[str] = Field(default_factory=list)
    related_organisations: list[OrganisationRef] = Field(default_factory=list)  # ids in data/organisations.yml
    sources: list[Source] = Field(default_factory=list)  # where its facts come from: a document, an announcement

    @property
    def sort_key(self):
        return (self.date.first, self.id)

    @property
    def anchor(self) -> str:
        return self.id
