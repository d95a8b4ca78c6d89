"""Atom feeds: text is XML-escaped, ids and dates come from the data, never from the clock."""

from __future__ import annotations

import datetime as dt

import feedparser

from ncp_site.core.feeds import Feed, FeedEntry, atom_feed

FEED = Feed("news", "ru", "ru/", "Новости <b>&amp;</b>", "НКП", "ru/news/")
ENTRIES = [FeedEntry("news/a", 'A </title><script>alert(1)</script> & "q"', dt.date(2022, 1, 1), "ru/news/#a",
                     "<img src=x onerror=alert(1)>"),
           FeedEntry("news/b", "B", dt.date(2023, 5, 1), "ru/news/#b")]


def test_titles_and_summaries_are_text_not_markup():
    xml = atom_feed(FEED, ENTRIES, "https://example.org/site/")
    assert b"<script>" not in xml and b"<img" not in xml and b"<b>" not in xml
    feed = feedparser.parse(xml)
    assert not feed.bozo
    assert feed.feed.title == "Новости <b>&amp;</b>"
    assert feed.entries[1].title == 'A </title><script>alert(1)</script> & "q"'


def test_the_same_data_gives_the_same_feed_whatever_the_day_or_the_order(monkeypatch):
    first = atom_feed(FEED, ENTRIES, "https://example.org/site/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert atom_feed(FEED, list(reversed(ENTRIES)), "https://example.org/site/") == first
    feed = feedparser.parse(first)
    assert [e.id for e in feed.entries] == ["tag:ncp-kazakhstan.github.io,2024:ru/news/b",
                                             "tag:ncp-kazakhstan.github.io,2024:ru/news/a"]
    assert feed.feed.updated == "2023-05-01T00:00:00+00:00"
    assert feed.entries[0].link == "https://example.org/site/ru/news/#b"


def test_a_feed_without_entries_is_still_valid():
    feed = feedparser.parse(atom_feed(FEED, [], None))
    assert not feed.bozo and feed.entries == [] and feed.feed.updated_parsed
