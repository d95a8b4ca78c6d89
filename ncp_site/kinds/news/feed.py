"""The news as an Atom feed per language (``feeds/news.xml``): the items published by the build day."""

from __future__ import annotations

from ...core.feeds import Feed, FeedEntry, atom_feed
from ...core.kind import OutputFile
from .model import PAGE_URL
from .pages import published

NAME = "news"


def files(project, lang: str) -> list[OutputFile]:
    words = project.words
    prefix = words.languages.prefix(lang)
    feed = Feed(NAME, lang, prefix, words.ui("feeds.news", lang), words.ui("feeds.author", lang), prefix + PAGE_URL)
    entries = [FeedEntry(f"news/{item.id}", item.title[lang], item.date.first, f"{prefix}{PAGE_URL}#{item.anchor}",
                         item.summary[lang]) for item in published(project)]
    return [OutputFile(feed.path, atom_feed(feed, entries, project.config.site_url))]
