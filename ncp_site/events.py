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
import os
import re
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

import icalendar
from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton, format_time
from babel.numbers import format_decimal
from pydantic import Field, PlainSerializer, PlainValidator

from . import documents
from .action_plans import StakeholderGroup
from .cases import GUIDELINES_2023_ADOPTED, Chapter
from .documents import LanguageVersions
from .errors import DataError
from .glossary import Glossary
from .i18n import Localized, Name, Strict, format_date, lang_prefix
from .render import Words, render
from .validation import validate
from .yamlsrc import YamlDoc, field_name, load_yaml, yaml_files

TIME_ZONE = "Asia/Almaty"
UID_DOMAIN = "ncp-kazakhstan.github.io"
"""Calendar UIDs are ``<event id>@UID_DOMAIN``: fixed, so a UID never changes with the hosting address."""
PAGE_URL = "events/"
FEED = "events.ics"

Format = Literal["in_person", "online", "hybrid"]
Role = Literal["organised", "co_organised", "participated"]
FORMATS: tuple[str, ...] = Format.__args__
ROLES: tuple[str, ...] = Role.__args__
GROUPS: tuple[str, ...] = StakeholderGroup.__args__


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
_WHEN_FIX = ("write YYYY-MM-DD, or YYYY-MM-DD HH:MM in Kazakhstan time (no offset), "
             "or YYYY-MM when the day is not known")


def _parse_when(value) -> When:
    if isinstance(value, dt.datetime):
        return When(value.date(), value.time().replace(tzinfo=None))
    if isinstance(value, dt.date):
        return When(value)
    match = _WHEN.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"'{value}' is not a date -- {_WHEN_FIX}")
    year, month, day, hour, minute, second = (int(g) if g else None for g in match.groups())
    try:
        if day is None:
            return When(dt.date(year, month, 1), month_only=True)
        time = dt.time(hour, minute, second or 0) if hour is not None else None
        return When(dt.date(year, month, day), time)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date -- {_WHEN_FIX}") from None


WhenField = Annotated[When, PlainValidator(_parse_when), PlainSerializer(str)]


@dataclass(frozen=True)
class Audience:
    """Audience size as reported: ``low`` to ``high`` people; ``high`` None is an open range."""

    text: str
    low: int
    high: int | None

    @property
    def exact(self) -> bool:
        return self.low == self.high


_AUDIENCE_FIX = "write a whole number (15), a range (10-50), fewer than a number (<10) or at least (50+)"


def _parse_audience(value) -> Audience:
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if re.fullmatch(r"\d+", text):
        return Audience(text, int(text), int(text))
    if m := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", text):
        low, high = int(m[1]), int(m[2])
        if low <= high:
            return Audience(text, low, high)
        raise ValueError(f"'{text}' is a range whose first number is larger -- write the smaller number first")
    if m := re.fullmatch(r"<\s*(\d+)", text):
        if int(m[1]) >= 2:
            return Audience(text, 1, int(m[1]) - 1)
    if m := re.fullmatch(r"(\d+)\s*\+", text):
        return Audience(text, int(m[1]), None)
    raise ValueError(f"'{value}' is not an audience size -- {_AUDIENCE_FIX}")


AudienceField = Annotated[Audience, PlainValidator(_parse_audience), PlainSerializer(lambda a: a.text)]


# --- the record -----------------------------------------------------------------------------

class Material(Strict):
    """A document about the event (slides, a news item): a title, and the versions that exist."""

    title: Localized
    documents: LanguageVersions


class Event(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Localized
    start: WhenField
    end: WhenField | None = None
    location: Name | None = None
    format: Format | None = None
    ncp_role: Role
    organiser: Name | None = None
    audience: AudienceField | None = None
    target_audience: Localized | None = None
    stakeholder_groups: list[StakeholderGroup] = Field(min_length=1)
    chapters: list[Chapter] = []
    topics: list[Localized] = []
    summary: Localized | None = None
    materials: list[Material] = []

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day

    @property
    def edition(self) -> int:
        """The Guidelines edition in force on the event's day (its chapter titles)."""
        return 2023 if self.start.day >= GUIDELINES_2023_ADOPTED else 2011

    @property
    def in_calendar(self) -> bool:
        return not self.start.month_only

    @property
    def sort_key(self):
        return (self.start.day, self.start.time or dt.time(), self.id)


class EventsFile(Strict):
    events: list[dict]  # each event is validated on its own, so one mistake does not hide the rest


# --- loading and validation -------------------------------------------------------------

def load_events(folder: Path, root: Path | None = None) -> tuple[list[Event], list[DataError]]:
    """Every event of every file in ``folder``, with every error found; an id is unique across files."""
    root = Path(root) if root is not None else Path(folder).parents[1]
    events: list[Event] = []
    errors: list[DataError] = []
    first: dict[str, str] = {}
    for path in yaml_files(folder):
        doc, errs = load_yaml(path, root)
        errors += errs
        if doc is None:
            continue
        parsed, errs = validate(EventsFile, doc.data, doc)
        errors += errs
        if parsed is None:
            continue
        for i, data in enumerate(parsed.events):
            loc = ("events", i)
            event, errs = validate(Event, data, doc, loc)
            errors += errs
            if event is None:
                continue
            errors += _event_errors(event, doc, loc, root / "docs")
            if event.id in first:
                errors.append(doc.error(loc + ("id",),
                                        f"'{event.id}' is already the id of an event ({first[event.id]})",
                                        "give each event its own id; an id never changes once published"))
                continue
            first[event.id] = f"{doc.path}:{doc.line(loc + ('id',))}"
            events.append(event)
    return sorted(events, key=lambda e: e.sort_key), errors


def _event_errors(e: Event, doc: YamlDoc, loc: tuple, docs_dir: Path) -> list[DataError]:
    """What one field cannot check alone: dates in order, fields other fields require, material links."""
    errors = []

    def missing(name: str, because: str, problem: str) -> DataError:
        """A field another one requires: named as missing, located at the field that requires it."""
        return DataError(doc.path, doc.line(loc + (because,)), field_name(loc + (name,)), problem,
                         f"add '{name}:' (one name, or kk:, ru:, en: lines)")

    if e.end is not None:
        if e.end.kind != e.start.kind:
            errors.append(doc.error(loc + ("end",),
                                    f"end ({e.end}) is a {e.end.kind} but start ({e.start}) is a {e.start.kind}",
                                    "write both as days (YYYY-MM-DD) or both as times (YYYY-MM-DD HH:MM)"))
        elif (e.end.day, e.end.time or dt.time()) < (e.start.day, e.start.time or dt.time()):
            errors.append(doc.error(loc + ("end",), f"end ({e.end}) is before start ({e.start})",
                                    "check both dates; leave end out for a one-day event"))
    if e.format in ("in_person", "hybrid") and e.location is None:
        errors.append(missing("location", "format", f"an event held {e.format.replace('_', ' ')} needs a location"))
    if e.ncp_role == "participated" and e.organiser is None:
        errors.append(missing("organiser", "ncp_role", "an event the NCP took part in needs its organiser"))
    for j, material in enumerate(e.materials):
        where = loc + ("materials", j, "documents")
        if not material.documents.available():
            errors.append(doc.error(where, "lists no document",
                                    "add the document of at least one language (kk:, ru: or en:)"))
        errors += documents.versions_errors(doc, where, material.documents, docs_dir)
    return errors


def vocabulary_errors(glossary: Glossary) -> list[DataError]:
    """Every format, role and stakeholder group an event may use must have its label in the glossary."""
    needed = ([f"format_{f}" for f in FORMATS] + [f"event_role_{r}" for r in ROLES]
              + [f"group_{g}" for g in GROUPS])
    return [DataError(glossary.path, 1, "concepts", f"no concept '{cid}' (the label of an event code)",
                      f"add a concept with id {cid} to the glossary")
            for cid in needed if not glossary.has(cid)]


# --- upcoming and past; statistics ------------------------------------------------------

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
        open_ended = any(a.high is None for a in sizes)
        return cls(reported=len(sizes), unreported=len(events) - len(sizes), low=sum(a.low for a in sizes),
                   high=None if open_ended else sum(a.high for a in sizes))


@dataclass(frozen=True)
class EventStatistics:
    """Figures about the events held up to ``today`` (an upcoming event has reached no one yet)."""

    today: dt.date
    years: list[int]
    by_role: dict[str, dict[int, int]]
    by_group: dict[str, dict[int, int]]  # an event for several groups counts once for each
    per_year: dict[int, int]
    audience: dict[int, AudienceTotal]
    audience_total: AudienceTotal


def event_statistics(events: list[Event], today: dt.date) -> EventStatistics:
    held = [e for e in events if e.start.day <= today]
    years = sorted({e.start.day.year for e in held})
    role = Counter((e.ncp_role, e.start.day.year) for e in held)
    group = Counter((g, e.start.day.year) for e in held for g in dict.fromkeys(e.stakeholder_groups))
    return EventStatistics(
        today=today,
        years=years,
        by_role={r: {y: role[r, y] for y in years} for r in ROLES},
        by_group={g: {y: group[g, y] for y in years} for g in GROUPS},
        per_year={y: sum(1 for e in held if e.start.day.year == y) for y in years},
        audience={y: AudienceTotal.of([e for e in held if e.start.day.year == y]) for y in years},
        audience_total=AudienceTotal.of(held),
    )


# --- rendering --------------------------------------------------------------------------

def _when_text(e: Event, lang: str, words: Words) -> str:
    """The event's date(s) in the page's language, saying when a time is Kazakhstan time or the day is unknown."""
    start, end = e.start, e.end
    if end is None or (end.day, end.time) == (start.day, start.time):
        text = _one_when(start, lang)
    elif start.kind == "day" and (end.day.year, end.day.month) == (start.day.year, start.day.month):
        text = _days_of_one_month(start.day, end.day, lang)  # 16–17 November 2022
    elif start.kind == "time" and end.day == start.day:
        text = _one_when(start, lang) + "–" + format_time(end.time, "short", locale=lang)  # 10:00–12:00
    else:
        text = _one_when(start, lang) + " – " + _one_when(end, lang)
    if start.time:
        text += f" ({words.ui('events.kazakhstan_time', lang)})"
    if start.month_only:
        text += f" ({words.ui('events.day_not_reported', lang)})"
    return text


def _one_when(w: When, lang: str) -> str:
    if w.month_only:
        return format_skeleton("yMMMM", w.day, locale=lang)
    text = format_date(w.day, lang)
    return f"{text}, {format_time(w.time, 'short', locale=lang)}" if w.time else text


def _days_of_one_month(first: dt.date, last: dt.date, lang: str) -> str:
    """``16–17 November 2022`` from the language's long date pattern (its one ``d`` becomes a span)."""
    pattern = Locale.parse(lang).date_formats["long"].pattern
    if pattern.count("d") != 1:
        return format_date(first, lang) + " – " + format_date(last, lang)
    return _babel_format_date(last, pattern.replace("d", f"'{first.day}–'d"), locale=lang)


def _render_list(events: list[Event], words: Words, lang: str, by_year: bool, level: int) -> str:
    url = lang_prefix(lang) + PAGE_URL
    groups = ([(year, list(items)) for year, items in groupby(events, key=lambda e: e.start.day.year)]
              if by_year else [(None, events)])
    return render("events_list.html", lang=lang, words=words, groups=groups, level=level,
                  when=lambda e: _when_text(e, lang, words),
                  doc_href=lambda value: documents.href(value, url))


def render_upcoming(events: list[Event], words: Words, lang: str, today: dt.date) -> str:
    chosen = upcoming(events, today)
    if not chosen:
        return render("events_none.html", lang=lang, words=words, key="events.none_upcoming", today=today)
    return _render_list(chosen, words, lang, by_year=False, level=3)


def render_past(events: list[Event], words: Words, lang: str, today: dt.date) -> str:
    chosen = past(events, today)
    if not chosen:
        return render("events_none.html", lang=lang, words=words, key="events.none_past", today=today)
    return _render_list(chosen, words, lang, by_year=True, level=4)


def render_statistics(events: list[Event], words: Words, lang: str, today: dt.date) -> str:
    stats = event_statistics(events, today)

    def span(total: AudienceTotal) -> str:
        """Audience as an honest range: exact, from–to, or 'at least' when a range is open."""
        if total.reported == 0:
            return "—"
        low = format_decimal(total.low, locale=lang)
        if total.high is None:
            return words.ui("events.at_least", lang).replace("{n}", low)
        return low if total.low == total.high else f"{low}–{format_decimal(total.high, locale=lang)}"

    return render("events_statistics.html", lang=lang, words=words, stats=stats, roles=ROLES, groups=GROUPS,
                  span=span)


def render_calendar_link(words: Words, lang: str) -> str:
    return render("events_feed_link.html", lang=lang, words=words, feed=FEED)


# --- iCalendar (RFC 5545) ---------------------------------------------------------------

def stamp(events: list[Event]) -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else the last day in the data; never the clock, so builds repeat."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    newest = max((e.last_day for e in events), default=dt.date(2012, 11, 12))
    return dt.datetime.combine(newest, dt.time(), dt.timezone.utc)


def _description(e: Event, words: Words, lang: str, page: str | None) -> str:
    ui, term = (lambda key: words.ui(key, lang)), (lambda cid: words.glossary.label(cid, lang))
    lines = [e.summary[lang]] if e.summary else []
    if e.format:
        lines.append(f"{ui('events.format')}: {term('format_' + e.format)}")
    lines.append(f"{ui('events.ncp_role')}: {term('event_role_' + e.ncp_role)}")
    if e.organiser:
        lines.append(f"{ui('events.organiser')}: {e.organiser[lang]}")
    if e.target_audience:
        lines.append(f"{ui('events.target_audience')}: {e.target_audience[lang]}")
    lines.append(f"{ui('events.stakeholder_groups')}: " + ", ".join(term('group_' + g) for g in e.stakeholder_groups))
    if page:
        lines.append(page)
    return "\n".join(lines)


def _vevent(e: Event, words: Words, lang: str, dtstamp: dt.datetime, site_url: str | None) -> icalendar.Event:
    page = f"{site_url.rstrip('/')}/{lang_prefix(lang)}{PAGE_URL}#{e.id}" if site_url else None
    vevent = icalendar.Event()
    vevent.add("uid", f"{e.id}@{UID_DOMAIN}")
    vevent.add("dtstamp", dtstamp)
    vevent.add("dtstart", e.start.local())
    if e.start.time is None:
        vevent.add("dtend", e.last_day + dt.timedelta(days=1))  # all-day: DTEND is the day after
    elif e.end is not None:
        vevent.add("dtend", e.end.local())
    vevent.add("summary", e.title[lang], parameters={"LANGUAGE": lang})
    vevent.add("description", _description(e, words, lang, page), parameters={"LANGUAGE": lang})
    place = e.location[lang] if e.location else (
        words.glossary.label("format_online", lang) if e.format == "online" else None)
    if place:
        vevent.add("location", place, parameters={"LANGUAGE": lang})
    if page:
        vevent.add("url", page)
    return vevent


def calendar_feed(events: list[Event], words: Words, lang: str, site_url: str | None = None,
                  dtstamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file of ``events`` in ``lang`` (events known only to the month are left out)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Kazakhstan NCP for RBC//ncp-site events//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", words.ui("events.calendar_name", lang))
    dtstamp = dtstamp or stamp(events)
    for e in sorted(events, key=lambda e: e.sort_key):
        if e.in_calendar:
            cal.add_component(_vevent(e, words, lang, dtstamp, site_url))
    cal.add_missing_timezones(first_date=dt.date(2012, 1, 1))  # VTIMEZONE for Asia/Almaty when a time is used
    return cal.to_ical()


def calendar_files(events: list[Event], words: Words, lang: str, site_url: str | None = None) -> dict[str, bytes]:
    """Site path -> content: the language's feed and one file per event (the page's "add to calendar")."""
    prefix, dtstamp = lang_prefix(lang), stamp(events)
    files = {prefix + FEED: calendar_feed(events, words, lang, site_url, dtstamp)}
    for e in events:
        if e.in_calendar:
            files[f"{prefix}{PAGE_URL}{e.id}.ics"] = calendar_feed([e], words, lang, site_url, dtstamp)
    return files
