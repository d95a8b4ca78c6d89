"""A peer review of the NCP and the follow-up of its recommendations: ``data/peer-reviews/<id>.yml``.

The 2023 Guidelines make peer reviews of NCPs periodic; each review is one file. Its findings keep
the review's numbering (``1.1`` ... ``4.1``) and area, the finding and recommendation (the NCP's own
wording of the review's text), the NCP's response as reported, and an implementation status with
the date it was established. Nothing is guessed: where nothing has been reported about a
recommendation, its status is ``not_reported`` (labelled "not yet reported" in the glossary).

How progress counts (shown on the tracker, computed, never typed in):
- implemented of all recommendations, per area and overall;
- partially implemented, in progress, not implemented and not reported count as not implemented,
  and are shown in their own columns so that the picture is complete.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import Field

from ...core.documents import WebAddress
from ...core.localized import Day, Localized, LocalizedLine, Strict
from ...core.messages import _
from ...core.validation import pattern, record_id

Area = Literal["institutional_arrangements", "promotion", "specific_instances", "government_policies"]
AREAS: tuple[str, ...] = get_args(Area)
Status = Literal["not_reported", "not_implemented", "in_progress", "partially_implemented", "implemented"]
STATUSES: tuple[str, ...] = get_args(Status)


class Finding(Strict):
    id: str = record_id(pattern(r"^\d+\.\d+$", _("the recommendation's number: two numbers joined by a dot, e.g. 3.1")))
    area: Area
    topic: Localized
    finding: Localized
    recommendation: Localized
    response: Localized | None = None
    status: Status
    status_date: Day
    status_source: Localized
    evidence: str | None = None
    related_activities: list[str] = Field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "recommendation-" + self.id.replace(".", "-")

    @property
    def sort_key(self):
        return tuple(int(part) for part in self.id.split("."))


class Period(Strict):
    start: Day
    end: Day


class PeerReview(Strict):
    id: str = record_id()
    title: Localized
    citation: LocalizedLine | None = None  # how a "Source:" line names it: "OECD (2024), ..."; default: the title
    reviewers: Localized
    mission: Period
    declassified: Day  # the date the OECD approved the report for publication
    url: WebAddress
    findings: list[Finding] = Field(min_length=1)

    def progress(self, area: str | None = None) -> Progress:
        return Progress.of([f for f in self.findings if area in (None, f.area)])

    def by_area(self) -> list[tuple[str, list[Finding]]]:
        """The areas in the review's order, each with its findings by number; empty areas left out."""
        ordered = sorted(self.findings, key=lambda f: f.sort_key)
        return [(a, [f for f in ordered if f.area == a]) for a in AREAS if any(f.area == a for f in ordered)]


@dataclass(frozen=True)
class Progress:
    """Implemented of all recommendations; every status counted."""

    implemented: int
    total: int
    by_status: dict[str, int]

    @classmethod
    def of(cls, findings: list[Finding]) -> Progress:
        counts: Counter[str] = Counter(f.status for f in findings)
        return cls(implemented=counts["implemented"], total=len(findings),
                   by_status={s: counts[s] for s in STATUSES})

    @property
    def percent(self) -> float | None:
        return 100 * self.implemented / self.total if self.total else None
