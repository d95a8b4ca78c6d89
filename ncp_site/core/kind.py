"""What a data kind tells the project: how it loads, what pages may call, what it generates.

Every kind's package exposes one ``KIND``. The project loads the kinds in order and keeps what
each returned; the site asks each kind for its generated pages and files; the macros adapter
offers each kind's macros to the hand-written pages. None of this knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .citations import Citable
from .errors import DataError
from .skeleton import NewRecord
from .sources import Sources


@dataclass(frozen=True)
class LoadContext:
    sources: Sources
    loaded: dict[str, Any]  # what the kinds before this one returned, by kind name
    today: dt.date
    warnings: list[DataError] = field(default_factory=list)
    """Where a kind adds what is publishable but should be looked at (``DataWarning``); shared by all kinds."""
    release: bool = False
    """``ncp check --release``: the data is about to be published, so what a visitor needs must be there too
    (the NCP's e-mail and address), not only what makes the data valid."""

    @property
    def languages(self):
        return self.sources.config.languages

    @property
    def docs_dir(self):
        return self.sources.config.docs_dir


@dataclass(frozen=True)
class PageContext:
    """The page a macro is called from: its language (the language its text is in) and URL."""

    lang: str
    url: str  # site-root-relative directory URL, e.g. ``ru/cases/``


@dataclass(frozen=True)
class Page:
    """A page generated from the data, in one language."""

    src_uri: str  # where it goes, without a language: ``cases/kz0003/index.md``
    lang: str
    title: str
    markdown: str
    meta: dict = field(default_factory=dict)  # more front matter, e.g. ``{"search": {"exclude": True}}``


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists in every language; ``render(lang)`` makes one version (only when needed)."""

    src_uri: str
    render: Callable[[str], Page]
    record: Any = None
    """The one record the page shows, when it is made from that record and other kinds' data (a case's
    page: the case, the glossary, the procedure): ``mkdocs serve --dirty`` renders it again only when
    the record or the data it read last time changed."""
    reads: frozenset[str] = frozenset()
    """The other kinds read while the kind listed its pages (``Project.reading``); set by ``site.pages.generated_pages``."""


@dataclass(frozen=True)
class OutputFile:
    path: str  # where it goes on the site: ``ru/events.ics``
    content: str | bytes


Macro = Callable[..., str]  # (project, PageContext, *args, **kwargs) -> HTML or Markdown


@dataclass(frozen=True)
class Kind:
    name: str
    load: Callable[[LoadContext], tuple[Any, list[DataError]]]
    data: tuple[str, ...] = ()  # where its data is kept under data/: files (``glossary.yml``) or folders (``cases``)
    macros: dict[str, Macro] = field(default_factory=dict)
    pages: Callable[[Any], list[GeneratedPage]] | None = None  # (project) -> pages in every language
    files: Callable[[Any, str], list[OutputFile]] | None = None  # (project, lang) -> files of that language
    site_files: Callable[[Any], list[OutputFile]] | None = None  # (project) -> language-independent files
    new: tuple[NewRecord, ...] = ()  # the records ``ncp new`` can start (``core.skeleton``)
    file_models: dict[str, Any] = field(default_factory=dict)  # data path -> model of a whole file not made of records
    confirmed: Callable[[Any], Iterable[dt.date]] | None = None
    """(loaded data) -> the days its records say something was confirmed or done (a status confirmed, a
    statement issued, an act adopted): the footer's "data as of" is the newest of them. Planned days (an
    event, a deadline) are not confirmations, nor are the glossary's reviews of wording."""
    documents: Citable | None = None  # the documents it holds that records may cite as their sources
    offers: Callable[[Any], dict] | None = None
    """(loaded data) -> what the validation of the kinds loading after it may use (``core.organisations``:
    the organisations by id, so that a record naming one by an unknown id is an error in that field)."""
