"""Bar charts drawn at build time from the same rows as the table beside them.

Each row is text (its label and its number, in the page's font, so they stay legible on a phone)
over a bar whose length is its share of the largest value; the bar alone is drawn (SVG, hidden from
screen readers: the row's text says the same). Only like quantities are charted: counts of one
thing. Unlike ones (a mean beside a median) are shown as numbers, in the table.
The markup is the shared template ``bar_chart.html``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    share: float  # the bar's length, in percent of the longest: 0 for a zero value

    @property
    def width(self) -> str:
        """The bar's length as an SVG width (a presentation attribute: the page's policy allows no inline style)."""
        return f"{self.share:.1f}%"


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of ``rows`` (label, value), one bar per row, in the rows' order."""

    id: str  # unique on the page
    title: str
    bars: tuple[Bar, ...]


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, float]]) -> BarChart:
    """Bars proportional to the values, the largest spanning the column; negative values are refused."""
    if any(value < 0 for _, value in rows):
        raise ValueError(f"chart '{chart_id}': a bar chart shows counts, not negative values")
    largest = max((value for _, value in rows), default=0)
    bars = tuple(Bar(label, value, round(100 * value / largest, 1) if largest else 0.0) for label, value in rows)
    return BarChart(chart_id, title, bars)
