"""Atom feeds (RFC 4287) with feedgen: one per language for news, events and case updates.

Nothing in a feed comes from the clock: every entry's ``updated`` is a date in the data, the feed's
is its newest entry's, and ids are tag URIs (RFC 4151) made from the record ids, so two builds of
the same data write the same feed. feedgen writes the XML, so every title and summary is escaped
as XML text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

TAG_AUTHORITY = "tag:ncp-kazakhstan.github.io,2024:"
"""Entry and feed ids start with this: fixed, so an id never changes with the hosting address."""
FEEDS_DIR = "feeds/"
NO_ENTRY_DATE = dt.date(2012, 1, 1)
"""A feed with no entry still needs an ``updated``: a fixed day before any record."""


@dataclass(frozen=True)
class FeedEntry:
    key: str  # unique within the feed and stable across builds: ``news/<id>``, ``cases/<id>/statement/0``
    title: str
    updated: dt.date
    link: str  # site-root-relative: ``ru/events/<id>/``
    summary: str | None = None


@dataclass(frozen=True)
class Feed:
    name: str  # ``news``, ``events``, ``cases``: the file is ``<lang prefix>feeds/<name>.xml``
    lang: str
    prefix: str  # the language's URL prefix: ``ru/``
    title: str
    author: str
    page: str  # site-root-relative page the feed follows: ``ru/news/``

    @property
    def path(self) -> str:
        return feed_path(self.prefix, self.name)


def feed_path(prefix: str, name: str) -> str:
    """Where a language's feed is, from the site's root: ``ru/feeds/events.xml``."""
    return f"{prefix}{FEEDS_DIR}{name}.xml"


def _absolute(site_url: str | None, path: str) -> str:
    return (site_url.rstrip("/") if site_url else "") + "/" + path


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def atom_feed(feed: Feed, entries: list[FeedEntry], site_url: str | None) -> bytes:
    """The feed's XML, newest entry first (ties in key order, so the order never depends on input order)."""
    from feedgen.feed import FeedGenerator  # lxml with it: only when a feed is written, not for `ncp check`

    ordered = sorted(entries, key=lambda e: e.key)
    ordered.sort(key=lambda e: e.updated, reverse=True)
    fg = FeedGenerator()
    fg.id(f"{TAG_AUTHORITY}{feed.lang}/{FEEDS_DIR}{feed.name}")
    fg.title(feed.title)
    fg.author({"name": feed.author})
    fg.language(feed.lang)
    fg.link(href=_absolute(site_url, feed.path), rel="self", type="application/atom+xml")
    fg.link(href=_absolute(site_url, feed.page), rel="alternate", type="text/html", hreflang=feed.lang)
    fg.updated(_moment(ordered[0].updated if ordered else NO_ENTRY_DATE))
    for entry in reversed(ordered):  # feedgen prepends each new entry
        fe = fg.add_entry()
        fe.id(f"{TAG_AUTHORITY}{feed.lang}/{entry.key}")
        fe.title(entry.title)
        fe.updated(_moment(entry.updated))
        fe.link(href=_absolute(site_url, entry.link), rel="alternate", type="text/html", hreflang=feed.lang)
        if entry.summary:
            fe.summary(entry.summary)
    return fg.atom_str(pretty=True)
