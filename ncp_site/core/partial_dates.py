"""Dates known to the day, or only to the month or the year when the source gives no more.

News items and articles are often known from a source that names only a month or a year (the
UNDP assessment says "Astana 2024"); the day is never made up. A partial date sorts as its first
day and is shown as precisely as it is known (``April 2024``, ``2024``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from babel.dates import format_skeleton
from pydantic import Field, PlainSerializer, PlainValidator

from .errors import Invalid, shown
from .formats import format_date
from .messages import _

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FIX = _("write YYYY-MM-DD, or YYYY-MM or YYYY when the source does not give the day")


@dataclass(frozen=True)
class PartialDate:
    first: dt.date  # the first day of the month or year when only those are known
    precision: str  # "day", "month" or "year"

    def __str__(self) -> str:
        """The ISO form, also a valid HTML ``<time datetime>``: ``2024-04-15``, ``2024-04`` or ``2024``."""
        return {"day": self.first.isoformat, "month": lambda: self.first.strftime("%Y-%m"),
                "year": lambda: str(self.first.year)}[self.precision]()

    def shown(self, lang: str) -> str:
        if self.precision == "day":
            return format_date(self.first, lang)
        if self.precision == "month":
            return format_skeleton("yMMMM", self.first, locale=lang)
        return str(self.first.year)


def parse_partial_date(value) -> PartialDate:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value, "day")
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    match = _PARTIAL.match(text)
    if match is None:
        raise Invalid(_("{value} is not a date", value=shown(value)), FIX)
    year, month, day = int(match.group(1)), *(int(g) if g else None for g in match.groups()[1:])
    try:
        if month is None:
            return PartialDate(dt.date(year, 1, 1), "year")
        if day is None:
            return PartialDate(dt.date(year, month, 1), "month")
        return PartialDate(dt.date(year, month, day), "day")
    except ValueError:
        raise Invalid(_("{value} is not a real date", value=shown(value)), FIX) from None


PartialDateField = Annotated[PartialDate, PlainValidator(parse_partial_date), PlainSerializer(str),
                             Field(description="a date, YYYY-MM-DD (or YYYY-MM, or YYYY, when the source gives no more)")]
