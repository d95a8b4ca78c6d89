"""Indicative timeframes: how long a stretch of the procedure took against the time it is given.

The procedure (``data/procedure.yml``) gives each stage an indicative number of months; a specific
instance records the dates it reached (submission, initial assessment, conclusion). Between two
recorded dates lie one or more stages: their months add up to the indicative timeframe of that
stretch. The procedures page and every case page read the same numbers, so changing a timeframe in
the data changes both.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .vocabulary import NOT_REACHED, NOT_REPORTED

BEYOND = ("longer", "overdue")
"""The states past the indicative timeframe (ended late, or still open after its due date)."""

State = Literal["within", "longer", "open", "overdue", "not_yet", "not_reached", "unknown"]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Stretch:
    """Part of the procedure between two dates a specific instance records (``start`` and ``end``)."""

    start: str  # a case date: submission, initial_assessment, ...
    end: str
    stages: tuple[str, ...]  # the procedure's stages in this stretch, by id
    months: int  # their indicative months, added up
    extension_months: int = 0  # how much longer the procedure allows when more clarification is needed
    titles: tuple[Any, ...] = ()  # the stages' titles (localized text), for pages


@dataclass(frozen=True)
class TimeTaken:
    """One stretch of one specific instance: when it started and ended, its due date, and the verdict."""

    stretch: Stretch
    state: State
    started: dt.date | None = None
    ended: dt.date | None = None
    due: dt.date | None = None
    days: int | None = None  # taken so far (or in all, when ended)
    beyond: int = 0  # days past the due date (0 when within)


def time_taken(stretches: list[Stretch], dates: Mapping[str, dt.date | str | None], closed: bool,
               as_of: dt.date | None) -> list[TimeTaken]:
    """Each stretch of a case against its indicative timeframe.

    An open stretch is measured up to ``as_of``, the day the case's status was last confirmed, never
    the build date: a status confirmed in 2024 says nothing about 2026. Without that day an open
    stretch cannot be measured (``unknown``). A date may be ``not_reported`` (nothing can be judged)
    or ``not_reached``: a stretch that ends on a stage the case never reached has no duration. A
    closed case that skipped a recorded date without saying so (not accepted, no initial assessment
    date) ended the stretch it was in on its last recorded date; the stretches after it were not reached.
    """
    known = {stage: day for stage, day in dates.items() if isinstance(day, dt.date)}
    last = max(known.values(), default=None)
    rows: list[TimeTaken] = []
    finished = False
    for stretch in stretches:
        started = known.get(stretch.start)
        if dates.get(stretch.start) == NOT_REPORTED and not finished:
            rows.append(TimeTaken(stretch, "unknown"))
            continue
        if finished or started is None:
            rows.append(TimeTaken(stretch, "not_reached" if closed or finished or dates.get(stretch.start)
                                  else "not_yet"))
            continue
        due = add_months(started, stretch.months)
        if dates.get(stretch.end) == NOT_REPORTED:
            rows.append(TimeTaken(stretch, "unknown", started, due=due))
            continue
        if dates.get(stretch.end) == NOT_REACHED:
            rows.append(TimeTaken(stretch, "not_reached", started, due=due))
            finished = True
            continue
        ended = known.get(stretch.end)
        if ended is None and (closed or dates.get(stretch.end) is not None):
            ended, finished = (last if last and last > started else None), True
            if ended is None:
                rows.append(TimeTaken(stretch, "unknown", started, due=due))
                continue
        until = ended or as_of
        if until is None:
            rows.append(TimeTaken(stretch, "unknown", started, due=due))
            continue
        beyond = max(0, (until - due).days)
        if ended is None:
            state: State = "overdue" if beyond else "open"
        else:
            state = "longer" if beyond else "within"
        rows.append(TimeTaken(stretch, state, started, ended, due, (until - started).days, beyond))
    return rows


@dataclass(frozen=True)
class Segment:
    """One stretch drawn on a case's timeline, in shares (0 to 1) of the timeline's width."""

    row: TimeTaken
    start: float  # where the stretch began
    indicative: float  # how long the procedure gives it
    taken: float  # how long it took, or has taken so far
    within: float  # the part of ``taken`` inside the indicative timeframe

    @property
    def beyond(self) -> bool:
        return self.row.state in BEYOND


def segments(rows: list[TimeTaken]) -> list[Segment]:
    """The stretches that started, placed on one time axis from the first start to the last due or end date."""
    drawn = [(r, r.started, r.due) for r in rows if r.started and r.due]
    if not drawn:
        return []
    origin = min(started for _, started, _ in drawn)
    end = max(max(due, started + dt.timedelta(days=r.days or 0)) for r, started, due in drawn)
    span = max((end - origin).days, 1)
    out = []
    for r, started, due in drawn:
        indicative, taken = (due - started).days, r.days or 0
        out.append(Segment(r, (started - origin).days / span, indicative / span, taken / span,
                           min(taken, indicative) / span))
    return out


def beyond_timeframe(rows: list[TimeTaken] | None) -> bool:
    """Whether any stretch of a case ran, or is running, past its indicative timeframe."""
    return any(r.state in BEYOND for r in rows or ())
