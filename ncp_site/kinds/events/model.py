"""Events: the NCP's promotional events as data, checked, listed, counted and published as calendars.

The peer review found that the NCP's events reached the English site months after the Kazakh and
Russian ones and that no future event was ever announced. Here an event is one record in
``data/events/<year>.yml`` (``events: [...]``) with its visitor-facing text in kk, ru and en. The
events page lists upcoming events first ("today" is the build date: SOURCE_DATE_EPOCH when set),
then past ones by year; every language gets an iCalendar feed (``events.ics``) and a file per event
(``events/<id>.ics``) with the same UIDs.

Dates and times (``start``, ``end``):
- a day ``2022-09-08``, a local time ``2022-09-08 10:00``, or only a month ``2023-08`` when the
  source does not give the day (the day is never made up; such events are left out of calendars);
- a time is local time in Kazakhstan, read in the IANA zone ``Asia/Almaty`` (TIME_ZONE). Current
  tzdata (2024a and later) gives Asia/Almaty UTC+6 until 1 March 2024 and UTC+5 since, when the
  country moved to one time zone (Asia/Qostanay made the same change), so both old and new times
  convert correctly; before March 2024 a time is read as Astana/Almaty time;
- ``end`` may be left out for a one-day event; an all-day event ends in calendars on the next day
  (DTEND is exclusive, RFC 5545).

Audience: an exact number, or a range kept as written (``10-50``, ``<10``, ``50+``). Statistics add
lower and upper bounds separately: ``<10`` counts as 1 to 9 people, ``50+`` leaves the upper bound
open, and an event without a reported figure is counted as such, never estimated.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass
from typing import Annotated, Literal, get_args
from zoneinfo import ZoneInfo

from pydantic import Field, PlainSerializer, PlainValidator, model_validator

from ...core.citations import Source
from ...core.errors import Invalid, shown
from ...core.limits import date_range_error
from ...core.messages import _
from ...core.localized import (
    LanguageVersions,
    Localized,
    LocalizedLine,
    LocalizedMarkdown,
    Name,
    Strict,
)
from ...core.organisations import OrganisationRef
from ...core.validation import record_id
from ...core.vocabulary import Chapter, StakeholderGroup, edition_on

TIME_ZONE = "Asia/Almaty"
UID_DOMAIN = "ncp-kazakhstan.github.io"
"""Calendar UIDs are ``<event id>@UID_DOMAIN``: fixed, so a UID never changes with the hosting address."""
PAGE_URL = "events/"
FEED = "events.ics"

Format = Literal["in_person", "online", "hybrid"]
Role = Literal["organised", "co_organised", "participated"]
EventKind = Literal["promotional", "peer_review"]
"""``promotional``: the NCP's own work to make the Guidelines and itself known, which the statistics
count; ``peer_review``: a step of the OECD peer review of the NCP (its mission), listed but not counted."""
FORMATS: tuple[str, ...] = get_args(Format)
ROLES: tuple[str, ...] = get_args(Role)
KINDS: tuple[str, ...] = get_args(EventKind)


# --- loose input, normalised once: dates and audience sizes ------------------------------

@dataclass(frozen=True)
class When:
    """A day, a local time in Kazakhstan on a day, or only a month (the day is not known)."""

    day: dt.date  # for a month: its first day
    time: dt.time | None = None
    month_only: bool = False

    @property
    def last_day(self) -> dt.date:
        if self.month_only:
            return self.day.replace(day=monthrange(self.day.year, self.day.month)[1])
        return self.day

    @property
    def kind(self) -> str:
        return "month" if self.month_only else "time" if self.time else "day"

    def local(self) -> dt.datetime | dt.date:
        """What a calendar gets: a day, or a time in Kazakhstan's zone."""
        if self.time is None:
            return self.day
        return dt.datetime.combine(self.day, self.time, ZoneInfo(TIME_ZONE))

    def __str__(self) -> str:
        if self.month_only:
            return self.day.strftime("%Y-%m")
        return f"{self.day} {self.time:%H:%M}" if self.time else str(self.day)


_WHEN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?$")
_WHEN_FIX = _("write YYYY-MM-DD, or YYYY-MM-DD HH:MM in Kazakhstan time (no offset), or YYYY-MM when the day is not "
              "known")


def _parse_when(value) -> When:
    when = _when(value)
    problem = date_range_error(when.day, str(when))
    if problem:
        raise Invalid(*problem)
    return when


def _when(value) -> When:
    if isinstance(value, dt.datetime):
        return When(value.date(), value.time().replace(tzinfo=None))
    if isinstance(value, dt.date):
        return When(value)
    match = _WHEN.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise Invalid(_("{value} is not a date", value=shown(value)), _WHEN_FIX)
    year, month = int(match.group(1)), int(match.group(2))
    day, hour, minute, second = (int(g) if g else None for g in match.groups()[2:])
    try:
        if day is None:
            return When(dt.date(year, month, 1), month_only=True)
        time = dt.time(hour, minute or 0, second or 0) if hour is not None else None
        return When(dt.date(year, month, day), time)
    except ValueError:
        raise Invalid(_("{value} is not a real date", value=shown(value)), _WHEN_FIX) from None


WhenField = Annotated[When, PlainValidator(_parse_when), PlainSerializer(str, return_type=str),
                      Field(description="a date, YYYY-MM-DD, or YYYY-MM-DD HH:MM in Kazakhstan time, or YYYY-MM")]


@dataclass(frozen=True)
class Audience:
    """Audience size as reported: ``low`` to ``high`` people; ``high`` None is an open range."""

    text: str
    low: int
    high: int | None

    @property
    def exact(self) -> bool:
        return self.low == self.high


_AUDIENCE_FIX = _("write a whole number (15), a range (10-50), fewer than a number (<10) or at least (50+)")


def _parse_audience(value) -> Audience:
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if re.fullmatch(r"\d+", text):
        return Audience(text, int(text), int(text))
    if m := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", text):
        low, high = int(m[1]), int(m[2])
        if low <= high:
            return Audience(text, low, high)
        raise Invalid(_("{value} is a range whose first number is larger", value=shown(text)),
                      _("write the smaller number first"))
    if m := re.fullmatch(r"<\s*(\d+)", text):
        if int(m[1]) >= 2:
            return Audience(text, 1, int(m[1]) - 1)
    if m := re.fullmatch(r"(\d+)\s*\+", text):
        return Audience(text, int(m[1]), None)
    raise Invalid(_("{value} is not an audience size", value=shown(value)), _AUDIENCE_FIX)


AudienceField = Annotated[Audience, PlainValidator(_parse_audience), PlainSerializer(lambda a: a.text, return_type=str),
                          Field(description="how many people, as reported: 15, 10-50, <10 or 50+")]


# --- the record -----------------------------------------------------------------------------

class Material(Strict):
    """A document about the event (slides, a news item): a title, and the versions that exist."""

    title: LocalizedLine
    documents: LanguageVersions


class Event(Strict):
    id: str = record_id()
    title: LocalizedLine
    kind: EventKind = "promotional"
    start: WhenField
    end: WhenField | None = None
    location: Name | None = None
    format: Format | None = None
    ncp_role: Role
    organisers: list[OrganisationRef] = []  # the organisations that organised it, where the NCP did not alone
    organiser: LocalizedLine | None = None  # an organiser described rather than named: "another country's NCP"
    participants: list[OrganisationRef] = []  # organisations whose people took part, where the source names them
    audience: AudienceField | None = None
    target_audience: Localized | None = None
    stakeholder_groups: list[StakeholderGroup] = []  # the groups it was for, where the source says
    chapters: list[Chapter] = []
    topics: list[LocalizedLine] = []
    summary: LocalizedMarkdown | None = None
    materials: list[Material] = []
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under the page)

    @model_validator(mode="after")
    def _one_organiser(self):
        if self.organisers and self.organiser is not None:
            raise ValueError("the organiser is given twice -- list the organisations under organisers: by their ids, "
                             "and keep organiser: only for an organiser that is not one organisation of data/organisations.yml")
        return self

    @property
    def has_organiser(self) -> bool:
        return bool(self.organisers) or self.organiser is not None

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day

    @property
    def edition(self) -> int:
        """The Guidelines edition in force on the event's day (its chapter titles)."""
        return edition_on(self.start.day)

    @property
    def is_promotional(self) -> bool:
        return self.kind == "promotional"

    @property
    def in_calendar(self) -> bool:
        return not self.start.month_only

    @property
    def sort_key(self):
        return (self.start.day, self.start.time or dt.time(), self.id)




