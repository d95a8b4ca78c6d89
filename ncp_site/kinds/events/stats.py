"""Upcoming and past events, and figures about the events held up to the build day.

Audience: an exact number, or a range kept as written (``10-50``, ``<10``, ``50+``). Statistics add
lower and upper bounds separately: ``<10`` counts as 1 to 9 people, ``50+`` leaves the upper bound
open, and an event without a reported figure is counted as such, never estimated.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ...core.vocabulary import GROUPS
from .model import ROLES, Event


def upcoming(events: list[Event], today: dt.date) -> list[Event]:
    """Events not yet over (their last day is today or later), soonest first."""
    return sorted((e for e in events if e.last_day >= today), key=lambda e: e.sort_key)


def past(events: list[Event], today: dt.date) -> list[Event]:
    """Events that are over, newest first."""
    return sorted((e for e in events if e.last_day < today), key=lambda e: e.sort_key, reverse=True)


@dataclass(frozen=True)
class AudienceTotal:
    """Audience of a set of events: lower and upper bounds added separately, unreported ones counted apart."""

    reported: int
    unreported: int
    low: int
    high: int | None  # None: at least one open range ("50+")

    @classmethod
    def of(cls, events: list[Event]) -> AudienceTotal:
        sizes = [e.audience for e in events if e.audience is not None]
        highs = [a.high for a in sizes if a.high is not None]
        return cls(reported=len(sizes), unreported=len(events) - len(sizes), low=sum(a.low for a in sizes),
                   high=None if len(highs) < len(sizes) else sum(highs))


@dataclass(frozen=True)
class EventStatistics:
    """Figures about the NCP's promotional events held up to ``today`` (an upcoming event has reached no one
    yet); ``latest`` is the newest one's day, which the page names (never the build date)."""

    latest: dt.date | None
    not_counted: int  # held events that are not the NCP's promotional events (the peer review's mission)
    years: list[int]
    by_role: dict[str, dict[int, int]]
    by_group: dict[str, dict[int, int]]  # an event for several groups counts once for each
    per_year: dict[int, int]
    audience: dict[int, AudienceTotal]
    audience_total: AudienceTotal


def event_statistics(events: list[Event], today: dt.date) -> EventStatistics:
    held_all = [e for e in events if e.start.day <= today]
    held = [e for e in held_all if e.is_promotional]
    years = sorted({e.start.day.year for e in held})
    role: Counter[tuple[str, int]] = Counter((e.ncp_role, e.start.day.year) for e in held)
    group: Counter[tuple[str, int]] = Counter((g, e.start.day.year) for e in held for g in dict.fromkeys(e.stakeholder_groups))
    return EventStatistics(
        latest=max((e.start.day for e in held), default=None),
        not_counted=len(held_all) - len(held),
        years=years,
        by_role={r: {y: role[r, y] for y in years} for r in ROLES},
        by_group={g: {y: group[g, y] for y in years} for g in GROUPS},
        per_year={y: sum(1 for e in held if e.start.day.year == y) for y in years},
        audience={y: AudienceTotal.of([e for e in held if e.start.day.year == y]) for y in years},
        audience_total=AudienceTotal.of(held),
    )


