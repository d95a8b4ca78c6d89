"""Changes in the specific instances as an Atom feed per language (``feeds/cases.xml``).

Derived from the records, never typed in: a case's submission (a new case), each later stage it
reached on a known date (its status changed) and each statement, dated as the record dates them.
"""

from __future__ import annotations

from ...core.feeds import Feed, FeedEntry, atom_feed
from ...core.kind import OutputFile
from .model import STAGES, SpecificInstance
from .pages import case_url

NAME = "cases"
REGISTER_URL = "cases/"


def entries(case: SpecificInstance, words, lang: str) -> list[FeedEntry]:
    prefix = words.languages.prefix(lang)
    link = prefix + case_url(case.id)

    def title(what: str) -> str:
        return words.ui("feeds.case_update", lang).replace("{case}", case.title[lang]).replace("{what}", what)

    found = [FeedEntry(f"cases/{case.id}/{stage}", title(words.glossary.label(f"stage_{stage}", lang)), day, link)
             for stage in STAGES if (day := case.date_of(stage))]
    found += [FeedEntry(f"cases/{case.id}/statements/{i}", title(words.glossary.label(f"statement_{s.kind}", lang)),
                        s.date, link) for i, s in enumerate(case.statements)]
    return found


def files(project, lang: str) -> list[OutputFile]:
    words = project.words
    prefix = words.languages.prefix(lang)
    feed = Feed(NAME, lang, prefix, words.ui("feeds.cases", lang), words.ui("feeds.author", lang),
                prefix + REGISTER_URL)
    found = [entry for case in project.data.cases for entry in entries(case, words, lang)]
    return [OutputFile(feed.path, atom_feed(feed, found, project.config.site_url))]
