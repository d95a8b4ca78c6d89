"""Figures about the cases the NCP led, computed from the records (never typed in)."""

from __future__ import annotations

import statistics as pystats
from collections import Counter
from dataclasses import dataclass

from ...core.vocabulary import EDITIONS, NOT_REPORTED, ROMAN
from .model import SpecificInstance


@dataclass(frozen=True)
class CaseStatistics:
    """Figures about the cases the Kazakhstan NCP led, computed from the records."""

    total: int
    by_chapter: dict[str, dict[int, int]]
    """Chapter -> edition -> cases: a case counts under the edition in force when it was submitted."""
    by_sector: dict[str, int]
    sector_not_reported: int
    """Cases whose sector the sources do not give: counted apart, never as a sector."""
    by_submitter_type: dict[str, int]
    by_status: dict[str, int]
    by_outcome: dict[str, int]
    by_year: dict[int, int]
    closed: int
    mean_days: float | None
    median_days: float | None


def case_statistics(cases: list[SpecificInstance]) -> CaseStatistics:
    lead = [c for c in cases if c.is_lead]
    chapters = Counter((ch, c.edition) for c in lead if c.edition for ch in dict.fromkeys(c.chapters))
    sectors = Counter(c.enterprise.sector for c in lead)
    submitted = [c.date_of("submission") for c in lead]
    durations = [c.duration_days for c in lead if c.duration_days is not None]

    def ordered(counter: Counter) -> dict:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))))

    return CaseStatistics(
        total=len(lead),
        by_chapter={ch: {e: chapters[ch, e] for e in EDITIONS if chapters[ch, e]}
                    for ch in ROMAN if any(chapters[ch, e] for e in EDITIONS)},
        by_sector=ordered(Counter({k: n for k, n in sectors.items() if k != NOT_REPORTED})),
        sector_not_reported=sectors[NOT_REPORTED],
        by_submitter_type=ordered(Counter(c.submitter.type for c in lead)),
        by_status=ordered(Counter(c.status for c in lead)),
        by_outcome=ordered(Counter(c.outcome for c in lead if c.outcome)),
        by_year=dict(sorted(Counter(d.year for d in submitted if d).items())),
        closed=len(durations),
        mean_days=pystats.fmean(durations) if durations else None,
        median_days=pystats.median(durations) if durations else None,
    )


