"""Figures about the cases the NCP led, computed from the records (never typed in)."""

from __future__ import annotations

import statistics as pystats
from collections import Counter
from dataclasses import dataclass

from ...core.vocabulary import ROMAN
from .model import SpecificInstance


@dataclass(frozen=True)
class CaseStatistics:
    """Figures about the cases the Kazakhstan NCP led, computed from the records."""

    total: int
    by_chapter: dict[str, int]
    by_sector: dict[str, int]
    by_submitter_type: dict[str, int]
    by_status: dict[str, int]
    by_outcome: dict[str, int]
    by_year: dict[int, int]
    closed: int
    mean_days: float | None
    median_days: float | None


def case_statistics(cases: list[SpecificInstance]) -> CaseStatistics:
    lead = [c for c in cases if c.is_lead]
    chapters = Counter(ch for c in lead for ch in dict.fromkeys(c.chapters))
    durations = [c.duration_days for c in lead if c.duration_days is not None]

    def ordered(counter: Counter) -> dict:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))))

    return CaseStatistics(
        total=len(lead),
        by_chapter={ch: chapters[ch] for ch in ROMAN if chapters[ch]},
        by_sector=ordered(Counter(c.enterprise.sector for c in lead)),
        by_submitter_type=ordered(Counter(c.submitter.type for c in lead)),
        by_status=ordered(Counter(c.status for c in lead)),
        by_outcome=ordered(Counter(c.outcome for c in lead if c.outcome)),
        by_year=dict(sorted(Counter(c.dates.submission.year for c in lead if c.dates.submission).items())),
        closed=len(durations),
        mean_days=pystats.fmean(durations) if durations else None,
        median_days=pystats.median(durations) if durations else None,
    )


