"""Bar charts as static SVG, drawn at build time from the same rows as the table beside them.

Only the geometry is computed here (where each bar starts and how long it is); the markup is the
shared template ``bar_chart.html``, which formats labels and numbers in the page's language and
gives every chart a ``<title>`` and a ``<desc>`` that says every number, so the chart has a text
alternative and never says anything the table does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
"""The drawing's width in SVG units; it scales to the column's width."""
BAR_SPAN = 560
"""The longest bar: the room to its right holds the value."""
ROW = 44
"""Each row: its label on one line, its bar below."""
BAR_HEIGHT = 16
LABEL_BASELINE = 16
BAR_TOP = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    top: float  # the row's top, in SVG units
    length: float  # the bar's length: 0 for a zero value

    @property
    def label_y(self) -> float:
        return self.top + LABEL_BASELINE

    @property
    def bar_y(self) -> float:
        return self.top + BAR_TOP

    @property
    def value_x(self) -> float:
        return self.length + 6

    @property
    def value_y(self) -> float:
        return self.bar_y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of ``rows`` (label, value), one bar per row, in the rows' order."""

    id: str  # unique on the page: the title's and description's ids derive from it
    title: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW + 4

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, float]]) -> BarChart:
    """Bars proportional to the values, the largest spanning ``BAR_SPAN``; negative values are refused."""
    if any(value < 0 for _, value in rows):
        raise ValueError(f"chart '{chart_id}': a bar chart shows counts and durations, not negative values")
    largest = max((value for _, value in rows), default=0)
    scale = BAR_SPAN / largest if largest else 0
    bars = tuple(Bar(label, value, i * ROW, round(value * scale, 1)) for i, (label, value) in enumerate(rows))
    return BarChart(chart_id, title, bars)
