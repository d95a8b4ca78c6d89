"""The case-handling procedure as data: its stages with indicative timeframes, its deadlines in days,
and what a submission should contain.

The peer review (2024) reports the NCP's procedures: two months to receive what is needed to open a
specific instance, three for the initial assessment, five for good offices and two for the
conclusion, with deadlines in business and calendar days inside them. The procedures page, the
submission page and every case page read these numbers from here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, model_validator

from ...core.citations import Source
from ...core.errors import Invalid
from ...core.localized import Localized, Strict
from ...core.messages import _
from ...core.timeframes import Stretch
from ...core.validation import CODE, record_id
from ...core.vocabulary import Milestone

Id = record_id(CODE)
Input = Literal["text", "email", "tel", "textarea", "checkbox", "choice"]
Autocomplete = Literal["name", "email", "tel", "organization"]


class Stage(Strict):
    id: str = Id
    months: int = Field(ge=1, le=36)
    extension_months: int = Field(default=0, ge=0, le=36)
    ends_at: Milestone | None = None  # the date a specific instance records when this stage ends
    title: Localized
    summary: Localized


class Deadline(Strict):
    id: str = Id
    stage: str
    days: int = Field(ge=1, le=365)
    count: Literal["business", "calendar"]  # business days or calendar days
    text: Localized


class Option(Strict):
    """One answer of a ``choice`` (radio buttons), with what choosing it means."""

    id: str = Id
    label: Localized
    hint: Localized | None = None


class ChecklistItem(Strict):
    """One thing a submission should contain: a line of the checklist and a field of the form."""

    id: str = Id
    input: Input
    required: StrictBool
    autocomplete: Autocomplete | None = None
    label: Localized
    hint: Localized | None = None
    options: list[Option] = []  # the answers of a ``choice``, two at least; no other input has any

    @model_validator(mode="after")
    def _options_only_for_a_choice(self):
        if self.input == "choice" and len(self.options) < 2:
            raise Invalid(_("a choice needs at least two options"), _("list them under 'options:' (id, label, hint)"))
        if self.input != "choice" and self.options:
            raise Invalid(_("an input {input} has no options", input=f"'{self.input}'"),
                          _("remove 'options:' or write 'input: choice'"))
        return self


class Procedure(Strict):
    stages: list[Stage] = Field(min_length=1)
    deadlines: list[Deadline] = []
    checklist: list[ChecklistItem] = []
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under the procedure's timeline)

    @property
    def months(self) -> int:
        return sum(stage.months for stage in self.stages)

    def stage(self, stage_id: str) -> Stage:
        return next(stage for stage in self.stages if stage.id == stage_id)

    def deadlines_of(self, stage_id: str) -> list[Deadline]:
        return [d for d in self.deadlines if d.stage == stage_id]

    def stretches(self) -> list[Stretch]:
        """The stretches between the dates a specific instance records, with their indicative months."""
        stretches, start, stages = [], "submission", []
        for stage in self.stages:
            stages.append(stage)
            if stage.ends_at:
                stretches.append(Stretch(start, stage.ends_at, tuple(s.id for s in stages),
                                         sum(s.months for s in stages), sum(s.extension_months for s in stages),
                                         tuple(s.title for s in stages)))
                start, stages = stage.ends_at, []
        return stretches
