"""Action plans and roadmaps: typed plans and activities, their checks, progress and pages.

The peer review found the NCP's yearly plans to be high-level grids without target groups or
measurable progress. Each activity here carries its target stakeholder groups and a status with a
date and evidence, and progress is computed from those statuses, never typed in.

How progress counts (shown on every plan page):
- done of counted, per category and overall;
- dropped activities leave the denominator (the plan no longer intends them);
- carried-over activities count as not done in this plan and link to the activity continuing them;
- planned and in-progress activities count as not done.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, Field, model_validator

from ...core.citations import Source
from ...core.addresses import Address
from ...core.errors import Invalid
from ...core.localized import (
    Day,
    LanguageVersions,
    Localized,
    LocalizedLine,
    LocalizedMarkdown,
    Strict,
)
from ...core.messages import _
from ...core.validation import pattern, record_id
from ...core.vocabulary import StakeholderGroup

Category = Literal["regulatory_support", "operational_organisational", "promotion", "specific_instances"]
CATEGORIES: tuple[str, ...] = get_args(Category)
ActivityStatus = Literal["planned", "in_progress", "done", "carried_over", "dropped"]
STATUSES: tuple[str, ...] = get_args(ActivityStatus)


def _concept_or_name(value):
    return {"concept": value} if isinstance(value, str) else value


class Body(Strict):
    """A responsible body: a glossary concept id (``ncp_secretariat``) or a name in three languages."""

    concept: str | None = None
    name: Localized | None = None

    @model_validator(mode="after")
    def _one_of(self):
        if (self.concept is None) == (self.name is None):
            raise Invalid(_("give either a glossary concept id or a name"),
                          _("write e.g. '- ncp_secretariat', or '- name:' with kk:, ru:, en: lines"))
        return self


Responsible = Annotated[Body, BeforeValidator(_concept_or_name, json_schema_input_type=str | Body)]


class Activity(Strict):
    id: str = record_id()
    title: LocalizedLine
    expected_output: Localized | None = None
    verification: Localized | None = None
    deadline: Day | None = None
    responsible: list[Responsible] = []
    target_groups: list[StakeholderGroup] = []
    sectors_or_regions: list[LocalizedLine] = []
    status: ActivityStatus
    status_date: Day | None = None
    evidence: Address | None = None
    carried_over_to: str | None = Field(default=None, pattern=pattern(
        r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$", "the plan's id, / and the activity's id, e.g. action-plan-2025/ap2025-01"))
    note: Localized | None = None

    @property
    def continuation(self) -> tuple[str, str] | None:
        """``(plan id, activity id)`` of the activity continuing this one."""
        if not self.carried_over_to:
            return None
        plan, activity = self.carried_over_to.split("/")
        return plan, activity


class CategoryBlock(Strict):
    category: Category
    activities: list[Activity] = Field(min_length=1)


class Period(Strict):
    start: Day
    end: Day


class ActionPlan(Strict):
    id: str = record_id()
    title: LocalizedLine
    year: int | None = Field(default=None, ge=2012, le=2100)  # required unless period is given (one of the two), e.g. 2023
    period: Period | None = None  # instead of year, for a plan running between two dates
    adopted: Day | None = None
    documents: LanguageVersions = LanguageVersions()
    note: LocalizedMarkdown | None = None
    categories: list[CategoryBlock] = Field(min_length=1)
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under the plan)


    @property
    def activities(self) -> list[Activity]:
        return [a for block in self.categories for a in block.activities]

    @property
    def sort_key(self):
        start = self.period.start if self.period else dt.date(self.year or 1, 1, 1)
        return (start, self.id)

    def progress(self, category: str | None = None) -> Progress:
        chosen = [a for b in self.categories if category in (None, b.category) for a in b.activities]
        return Progress.of(chosen)

    def text(self, lang: str) -> str:
        """All the plan's visible text in one language (to find the abbreviations it uses)."""
        parts = [self.title[lang], self.note[lang] if self.note else ""]
        for a in self.activities:
            parts += [a.title[lang]] + [x[lang] for x in (a.expected_output, a.verification, a.note) if x]
            parts += [b.name[lang] for b in a.responsible if b.name] + [s[lang] for s in a.sectors_or_regions]
        return "\n".join(parts)


@dataclass(frozen=True)
class Progress:
    """Done of counted: dropped activities are not counted; carried-over ones count as not done."""

    done: int
    counted: int
    by_status: dict[str, int]

    @classmethod
    def of(cls, activities: list[Activity]) -> Progress:
        by_status: Counter[str] = Counter(a.status for a in activities)
        return cls(done=by_status["done"], counted=len(activities) - by_status["dropped"],
                   by_status={s: by_status[s] for s in STATUSES})

    @property
    def percent(self) -> float | None:
        return 100 * self.done / self.counted if self.counted else None


