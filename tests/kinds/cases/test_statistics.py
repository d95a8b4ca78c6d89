"""Statistics are computed from the records: checked on data built here, with expected values
worked out independently of the code under test."""

from __future__ import annotations

import datetime as dt
import random

from builders import LANGUAGES, case_record
from ncp_site.kinds.cases.model import SpecificInstance
from ncp_site.kinds.cases.stats import case_statistics

ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]


def closed(case_id, submitted, concluded, **changes):
    return case_record(case_id, status="not_accepted", outcome="not_accepted",
                       dates__submission=submitted, dates__conclusion=concluded, **changes)


def test_small_register():
    records = [
        closed("kz0001", "2021-06-10", "2021-10-26", chapters=["VIII"], submitter={"type": "individual", "withheld": True}),
        closed("kz0002", "2021-12-06", "2022-09-23", chapters=["IV", "VII", "XI"]),
        case_record("kz0003", chapters=["IV", "V"], enterprise__sector="finance",
                    submitter={"type": "trade_union", "name": "Union"}, dates__submission="2022-12-01"),
        # Supporting another NCP: never counted in the lead-NCP figures.
        case_record("kr0001", ncp_role="supporting", lead_ncp="KR", supporting_ncps=["KZ"], chapters=["IV"]),
    ]
    stats = case_statistics([SpecificInstance.model_validate(r, context=LANGUAGES) for r in records])
    assert stats.total == 3
    assert stats.by_chapter == {"IV": 2, "V": 1, "VII": 1, "VIII": 1, "XI": 1}
    assert stats.by_submitter_type == {"individual": 2, "trade_union": 1}
    assert stats.by_sector == {"manufacturing": 2, "finance": 1}
    assert stats.by_year == {2021: 2, 2022: 1}
    assert stats.by_status == {"not_accepted": 2, "under_initial_assessment": 1}
    assert stats.closed == 2
    assert stats.mean_days == (138 + 291) / 2
    assert stats.median_days == (138 + 291) / 2


def test_random_registers_match_a_direct_count():
    rng = random.Random(7)
    for _ in range(20):
        records, expected_chapters, durations = [], {}, []
        for n in range(rng.randint(1, 12)):
            chapters = rng.sample(ROMANS, rng.randint(1, 4))
            for ch in chapters:
                expected_chapters[ch] = expected_chapters.get(ch, 0) + 1
            start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1000))
            if rng.random() < 0.5:
                days = rng.randint(0, 400)
                durations.append(days)
                records.append(closed(f"kz{n:04d}", start.isoformat(), (start + dt.timedelta(days=days)).isoformat(),
                                      chapters=chapters))
            else:
                records.append(case_record(f"kz{n:04d}", chapters=chapters, dates__submission=start.isoformat()))
        stats = case_statistics([SpecificInstance.model_validate(r, context=LANGUAGES) for r in records])
        assert stats.by_chapter == expected_chapters
        assert stats.closed == len(durations)
        if durations:
            ordered = sorted(durations)
            middle = len(ordered) // 2
            median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
            assert abs(stats.mean_days - sum(durations) / len(durations)) < 1e-9
            assert stats.median_days == median
        else:
            assert stats.mean_days is None and stats.median_days is None


def test_a_chapter_raised_twice_in_one_case_counts_once():
    stats = case_statistics([SpecificInstance.model_validate(case_record(chapters=["IV", "IV"]), context=LANGUAGES)])
    assert stats.by_chapter == {"IV": 1}
