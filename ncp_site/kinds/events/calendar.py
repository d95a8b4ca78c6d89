"""The events as iCalendar (RFC 5545): a feed per language (``events.ics``) and a file per event
(``events/<id>.ics``), with the same UIDs in every language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ...core.formats import source_date_epoch
from ...core.kind import OutputFile
from ...core.rendering import Words, names
from .model import FEED, PAGE_URL, UID_DOMAIN, Event

if TYPE_CHECKING:
    import icalendar  # imported where calendars are made: `ncp check` makes none


def stamp(events: list[Event]) -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, else the last day in the data; never the clock, so builds repeat."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    newest = max((e.last_day for e in events), default=dt.date(2012, 11, 12))
    return dt.datetime.combine(newest, dt.time(), dt.UTC)


def _description(e: Event, words: Words, lang: str, page: str | None) -> str:
    ui, term = (lambda key: words.ui(key, lang)), (lambda cid: words.glossary.label(cid, lang))
    lines = [e.summary[lang]] if e.summary else []
    if e.format:
        lines.append(f"{ui('events.format')}: {term('format_' + e.format)}")
    lines.append(f"{ui('events.ncp_role')}: {term('event_role_' + e.ncp_role)}")
    if e.has_organiser:
        lines.append(f"{ui('events.organiser')}: " + (names(e.organisers, lang) if e.organisers or e.organiser is None
                                                       else e.organiser[lang]))
    if e.target_audience:
        lines.append(f"{ui('events.target_audience')}: {e.target_audience[lang]}")
    if e.stakeholder_groups:
        lines.append(f"{ui('events.stakeholder_groups')}: " + ", ".join(term('group_' + g) for g in e.stakeholder_groups))
    if page:
        lines.append(page)
    return "\n".join(lines)


def _vevent(e: Event, words: Words, lang: str, dtstamp: dt.datetime, site_url: str | None) -> icalendar.Event:
    import icalendar

    page = f"{site_url.rstrip('/')}/{words.languages.prefix(lang)}{PAGE_URL}{e.id}/" if site_url else None
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


def _calendar(words: Words, lang: str, vevents: list[icalendar.Event]) -> icalendar.Calendar:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Kazakhstan NCP for RBC//ncp-site events//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", words.ui("events.calendar_name", lang))
    for vevent in vevents:
        cal.add_component(vevent)
    cal.add_missing_timezones(first_date=dt.date(2012, 1, 1))  # VTIMEZONE for Asia/Almaty when a time is used
    return cal


_END = b"END:VCALENDAR\r\n"


def to_ical(cal: icalendar.Calendar, serialized: dict[int, bytes]) -> bytes:
    """``cal.to_ical()``, taking each component's text from ``serialized`` (by ``id``) when it is there.

    Every event is in its language's feed and in a file of its own: written once, its text serves both
    (icalendar's line folding was a tenth of a language's build at 5,000 events). Tested against
    ``cal.to_ical()`` in tests/kinds/events/test_events.py."""
    components, cal.subcomponents = cal.subcomponents, []
    try:
        shell = cal.to_ical()
    finally:
        cal.subcomponents = components
    if not shell.endswith(_END):
        return cal.to_ical()
    parts = [serialized.get(id(c)) or c.to_ical() for c in components]
    return shell[:-len(_END)] + b"".join(parts) + _END


def calendar_feed(events: list[Event], words: Words, lang: str, site_url: str | None = None,
                  dtstamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file of ``events`` in ``lang`` (events known only to the month are left out)."""
    dtstamp = dtstamp or stamp(events)
    vevents = [_vevent(e, words, lang, dtstamp, site_url) for e in sorted(events, key=lambda e: e.sort_key)
               if e.in_calendar]
    return _calendar(words, lang, vevents).to_ical()


def calendar_files(events: list[Event], words: Words, lang: str, site_url: str | None = None) -> dict[str, bytes]:
    """Site path -> content: the language's feed and one file per event (the page's "add to calendar")."""
    prefix, dtstamp = words.languages.prefix(lang), stamp(events)
    vevents = {e.id: _vevent(e, words, lang, dtstamp, site_url) for e in sorted(events, key=lambda e: e.sort_key)
               if e.in_calendar}
    serialized = {id(v): v.to_ical() for v in vevents.values()}
    files = {prefix + FEED: to_ical(_calendar(words, lang, list(vevents.values())), serialized)}
    for e in events:
        if e.in_calendar:
            files[f"{prefix}{PAGE_URL}{e.id}.ics"] = to_ical(_calendar(words, lang, [vevents[e.id]]), serialized)
    return files


def files(project, lang: str) -> list[OutputFile]:
    return [OutputFile(path, content)
            for path, content in calendar_files(project.data.events, project.words, lang, project.config.site_url).items()]
