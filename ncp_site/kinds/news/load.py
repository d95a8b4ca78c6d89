"""Load the news: ``data/news/<id>.yml``, newest first; related cases and events must exist."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import _
from ...core.records import Identified, Located, RecordFiles, load_records, reference_errors
from ...core.vocabulary import missing_labels
from .model import NewsItem

FILES = RecordFiles("news", _("news item"), "data/news/2024-04-15-peer-review-published.yml")


class Needs(ReadsGlossary, Protocol):
    """The cases and events a news item may relate to (checked at load, linked on the news page)."""

    @property
    def cases(self) -> Sequence[Identified]: ...

    @property
    def events(self) -> Sequence[Identified]: ...


def load(ctx: LoadContext[Needs]) -> tuple[list[NewsItem], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, NewsItem, lambda item, at: item_errors(item, at, ctx))
    glossary = ctx.loaded.glossary
    if glossary is not None and found:
        errors += missing_labels(glossary, {"related_cases": ["specific_instance"]}, _("a news item"))
    return newest_first([at.record for at in found]), errors


def newest_first(items: list[NewsItem]) -> list[NewsItem]:
    return sorted(items, key=lambda n: n.sort_key, reverse=True)


def item_errors(item: NewsItem, at: Located, ctx: LoadContext[Needs]) -> list[DataError]:
    cases, events = {c.id for c in ctx.loaded.cases}, {e.id for e in ctx.loaded.events}
    return (reference_errors(at, "related_cases", item.related_cases, cases, _("specific instance"), "data/cases/")
            + reference_errors(at, "related_events", item.related_events, events, _("event"), "data/events/"))
