"""The events as an Atom feed per language (``feeds/events.xml``): an entry per event, linked to its page.

An entry's ``updated`` is the event's first day (the only date an event record has), so an
announced event sorts by when it takes place.
"""

from __future__ import annotations

from ...core.feeds import Feed, FeedEntry, atom_feed
from ...core.kind import OutputFile
from .model import PAGE_URL

NAME = "events"


def feed_of(project, lang: str) -> Feed:
    words = project.words
    prefix = words.languages.prefix(lang)
    return Feed(NAME, lang, prefix, words.ui("feeds.events", lang), words.ui("feeds.author", lang), prefix + PAGE_URL)


def entries(project, lang: str, when) -> list[FeedEntry]:
    prefix = project.words.languages.prefix(lang)
    return [FeedEntry(f"events/{e.id}", e.title[lang], e.start.day, f"{prefix}{PAGE_URL}{e.id}/", when(e))
            for e in project.data.events]


def files(project, lang: str, when) -> list[OutputFile]:
    feed = feed_of(project, lang)
    return [OutputFile(feed.path, atom_feed(feed, entries(project, lang, when), project.config.site_url))]
