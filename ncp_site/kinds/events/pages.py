"""What the events render: upcoming and past lists, statistics, the calendar link."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton, format_time
from babel.numbers import format_decimal

from ...core import documents
from ...core.charts import bar_chart
from ...core.facets import SCRIPT, Facet, Filters, count_facets, render_filters
from ...core.feeds import feed_path
from ...core.formats import format_date
from ...core.kind import GeneratedPage, Macro, OutputFile, Page, PageContext
from ...core.languages import relative_url
from ...core.opendata import Dataset
from ...core.rendering import Words, templates_of
from ...core.vocabulary import GROUPS
from . import calendar, feed
from .model import FEED, FORMATS, PAGE_URL, ROLES, Event, When
from .stats import AudienceTotal, event_statistics, past, upcoming

render = templates_of(__file__)


def _when_text(e: Event, lang: str, words: Words) -> str:
    """The event's date(s) in the page's language, saying when a time is Kazakhstan time (a month alone is shown as such)."""
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


PAST_ROWS_ON_LIST = 15
"""The events page shows the newest years' events while they fit in this many lines; the older
years are one line each, a link to the year's page, so the page stays short at any number of events."""


def event_url(event_id: str) -> str:
    return f"{PAGE_URL}{event_id}/"


def year_url(year: int) -> str:
    return f"{PAGE_URL}years/{year}/"


def _table(events: list[Event], words: Words, lang: str, base: str = "") -> str:
    return render("events_table.html", lang=lang, words=words, events=events, caption=None, base=base,
                  when=lambda e: _when_text(e, lang, words))


def by_year(events: list[Event]) -> list[tuple[int, list[Event]]]:
    """Past events grouped by year, newest year first (each newest first)."""
    return [(year, list(items)) for year, items in groupby(events, key=lambda e: e.start.day.year)]


def split_years(groups: list[tuple[int, list[Event]]]) -> tuple[list, list]:
    """(years listed in full, years linked to their page): newest years in full while they fit."""
    shown, rows = [], 0
    for year, items in groups:
        if rows + len(items) > PAST_ROWS_ON_LIST:
            break
        shown.append((year, items))
        rows += len(items)
    return shown, [(year, len(items)) for year, items in groups[len(shown):]]


def render_upcoming(events: list[Event], words: Words, lang: str, today: dt.date) -> str:
    chosen = upcoming(events, today)
    if not chosen:
        return render("events_none.html", lang=lang, words=words, key="events.none_upcoming")
    return _table(chosen, words, lang)


def render_past(events: list[Event], words: Words, lang: str, today: dt.date) -> str:
    chosen = past(events, today)
    if not chosen:
        return render("events_none.html", lang=lang, words=words, key="events.none_past")
    shown, linked = split_years(by_year(chosen))
    return render("events_past.html", lang=lang, words=words, shown=shown, linked=linked,
                  when=lambda e: _when_text(e, lang, words),
                  year_href=lambda year: year_url(year).removeprefix(PAGE_URL))


FACETS = {"year": "events.year", "format": "events.format", "role": "events.ncp_role",
          "group": "events.stakeholder_groups"}
"""The events' filters (Pagefind filters on every event page) in the order shown, with their headings' ui keys."""
REGISTER = "events"
"""The value of the ``register`` filter on every event page, so the events' filters search event pages only."""
NEWEST_FIRST = "start"
"""The Pagefind sort key of an event page: its start (``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``)."""
EVERY_EVENT_PAGE = "events.date"
"""The interface text of a label on every event page (one word): searched when only filters are chosen."""
_LABELS = {"format": "format_", "role": "event_role_", "group": "group_"}


def event_facets(e: Event) -> dict[str, list[str]]:
    """An event's value(s) of each filter: codes, the same in every language (and in a shared URL)."""
    return {"year": [str(e.start.day.year)], "format": [e.format] if e.format else [], "role": [e.ncp_role],
            "group": list(dict.fromkeys(e.stakeholder_groups))}


def event_sort_value(e: Event) -> str:
    """Newest first, as the static list orders them: the start day, then its time when given."""
    return f"{e.start.day} {e.start.time:%H:%M}" if e.start.time else str(e.start.day)


def facet_label(words: Words, lang: str, facet: str, value: str) -> str:
    """A filter value as a visitor reads it, in the page's language (the glossary's term, as on the event's page)."""
    if facet == "year":
        return value
    return _cap(words.label(_LABELS[facet] + value, lang))


def events_facets(events: list[Event], words: Words, lang: str) -> list[Facet]:
    """Each filter with the values the events have and how many events have each (no filter applied)."""
    order_of = {"format": FORMATS, "role": ROLES, "group": GROUPS}

    def order(key: str, values: list[str]) -> list[str]:
        if key == "year":
            return sorted(values, reverse=True)
        return sorted(values, key=order_of[key].index)  # the order of the model and of the statistics

    return count_facets(events, event_facets, {key: words.ui(heading, lang) for key, heading in FACETS.items()},
                        lambda key, value: facet_label(words, lang, key, value), order)


def render_events_filters(events: list[Event], words: Words, page: PageContext) -> str:
    filters = Filters(REGISTER, NEWEST_FIRST, words.ui(EVERY_EVENT_PAGE, page.lang), "events",
                      events_facets(events, words, page.lang), relative_url(page.url, SCRIPT))
    return render_filters(filters, words, page.lang)


def render_event_page(e: Event, words: Words, lang: str) -> str:
    url = words.languages.prefix(lang) + event_url(e.id)
    return render("event_page.md", lang=lang, words=words, e=e, when=lambda ev: _when_text(ev, lang, words),
                  doc_href=lambda value: documents.href(value, url, words.languages),
                  facets=event_facets(e), register=REGISTER, sort=NEWEST_FIRST, sort_value=event_sort_value(e))


def render_year_page(year: int, events: list[Event], words: Words, lang: str) -> str:
    items = sorted((e for e in events if e.start.day.year == year), key=lambda e: e.sort_key, reverse=True)
    return render("events_year_page.md", lang=lang, words=words, year=year, items=items,
                  when=lambda e: _when_text(e, lang, words))


def event_pages(project) -> list[GeneratedPage]:
    """A page per event (``events/<id>/``) and per year (``events/years/<year>/``), in every language."""
    words = project.words

    def page(e: Event):
        return lambda lang: Page(f"{event_url(e.id)}index.md", lang, e.title[lang], render_event_page(e, words, lang))

    def year_page(year: int):
        return lambda lang: Page(f"{year_url(year)}index.md", lang,
                                 words.ui("events.year_title", lang).replace("{year}", str(year)),
                                 render_year_page(year, project.data.events, words, lang))
    years = sorted({e.start.day.year for e in project.data.events})
    return ([GeneratedPage(f"{event_url(e.id)}index.md", page(e)) for e in project.data.events]
            + [GeneratedPage(f"{year_url(y)}index.md", year_page(y)) for y in years])


def record_pages(project) -> dict[str, Event]:
    """Each event's page, made from that event."""
    return {f"{event_url(e.id)}index.md": e for e in project.data.events}


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

    def totals(table: dict[str, dict[int, int]], prefix: str) -> list[tuple[str, int]]:
        return [(_cap(words.glossary.label(prefix + code, lang)), sum(table[code].values())) for code in table]

    charts = {"events-by-role": bar_chart("events-by-role-chart", words.ui("events.by_role", lang),
                                          totals(stats.by_role, "event_role_")),
              "events-by-group": bar_chart("events-by-group-chart", words.ui("events.by_group", lang),
                                           totals(stats.by_group, "group_"))}
    return render("events_statistics.html", lang=lang, words=words, stats=stats, roles=ROLES, groups=GROUPS,
                  span=span, charts=charts)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_upcoming_brief(events: list[Event], words: Words, lang: str, today: dt.date, page_url: str,
                          count: int = 3) -> str:
    """The next few events for the home page; while none is announced, where new ones will be and the
    latest ones, with their dates (never "none as of" the build date, which says nothing about the data)."""
    chosen = upcoming(events, today)[:count]
    prefix = words.languages.prefix(lang)
    return render("events_upcoming_brief.html", lang=lang, words=words, events=chosen,
                  latest=[] if chosen else past(events, today)[:count],
                  page=relative_url(page_url, prefix + PAGE_URL), calendar=relative_url(page_url, prefix + FEED),
                  feed=relative_url(page_url, feed_path(prefix, feed.NAME)), when=lambda e: _when_text(e, lang, words))


def render_calendar_link(words: Words, lang: str) -> str:
    return render("events_feed_link.html", lang=lang, words=words, feed=FEED)




def render_event_link(events: list[Event], words: Words, lang: str, page_url: str, event_id: str,
                      text: str | None = None) -> str:
    """A link from a hand-written page to an event's page; ``text`` instead of the event's title."""
    found = {e.id: e for e in events}
    if event_id not in found:
        raise ValueError(f"event_link: there is no event '{event_id}' in data/events/ -- use the id of an event")
    href = relative_url(page_url, words.languages.prefix(lang) + event_url(event_id))
    return render("event_link.html", lang=lang, words=words, e=found[event_id], href=href, text=text)


def output_files(project, lang: str) -> list[OutputFile]:
    """The language's calendars and its Atom feed (each entry's summary: the event's date in words)."""
    words = project.words
    return calendar.files(project, lang) + feed.files(project, lang, lambda e: _when_text(e, lang, words))


FIELD_LABELS = {"start": "events.date", "location": "events.location", "format": "events.format",
                "ncp_role": "events.ncp_role", "organisers": "events.organiser", "organiser": "events.organiser",
                "participants": "events.participants", "audience": "events.audience",
                "target_audience": "events.target_audience", "stakeholder_groups": "events.stakeholder_groups",
                "chapters": "events.chapters", "topics": "events.topics", "materials": "events.materials",
                "sources": "citation.sources"}
"""The label each open-data field has on the event pages (ui keys)."""


def open_dataset(project) -> Dataset:
    """``data/events.json``, ``.csv`` and ``.schema.json``: every event, all languages, in date order."""
    words = project.words
    labels = {name: {lang: words.ui(key, lang) for lang in words.languages} for name, key in FIELD_LABELS.items()}
    return Dataset("events", "events", Event, [e.model_dump(mode="json") for e in project.data.events], extra={},
                   labels=labels)


MACROS: dict[str, Macro] = {
    "event_link": lambda project, page, event_id, text=None: render_event_link(project.data.events, project.words,
                                                                                page.lang, page.url, event_id, text),
    "events_upcoming": lambda project, page: render_upcoming(project.data.events, project.words, page.lang, project.today),
    "events_past": lambda project, page: render_past(project.data.events, project.words, page.lang, project.today),
    "events_statistics": lambda project, page: render_statistics(project.data.events, project.words, page.lang,
                                                                 project.today),
    "events_filters": lambda project, page: render_events_filters(project.data.events, project.words, page),
    "events_calendar_link": lambda project, page: render_calendar_link(project.words, page.lang),
    "upcoming_events": lambda project, page, count=3: render_upcoming_brief(project.data.events, project.words, page.lang,
                                                                            project.today, page.url, count),
}
