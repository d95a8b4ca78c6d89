"""What a data kind tells the project: how it loads, what it reads of other kinds, what pages may call,
what it generates.

Every kind's package exposes one ``KIND``. The project loads the kinds in order and keeps what
each returned; the site asks each kind for its generated pages, files, feeds and open data; the
macros adapter offers each kind's macros to the hand-written pages. None of this knows about MkDocs.

A kind reads another kind's data only if it says so in ``Kind.needs``: a Protocol whose members are
the kinds it reads, typed as it reads them (the kinds share only the core, so each says which shape
it relies on; mypy checks ``kinds.Data`` against every kind's needs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from .citations import Citable
from .errors import DataError
from .opendata import Dataset
from .skeleton import NewRecord
from .sources import Sources
from .vocabulary import Vocabulary, Wording

N = TypeVar("N", covariant=True)
K = TypeVar("K", contravariant=True)


class NoNeeds(Protocol):
    """A kind that reads no other kind's data."""


class ReadsGlossary(Protocol):
    """A kind whose codes are labelled by glossary concepts (checked at load)."""

    @property
    def glossary(self) -> Vocabulary | None: ...


class ReadsWording(Protocol):
    """A kind whose codes are worded in ``data/ui.yml`` (checked at load)."""

    @property
    def ui(self) -> Wording | None: ...


def needed(needs: type) -> tuple[str, ...]:
    """The kinds a ``Kind.needs`` Protocol names (its members and its bases'), sorted."""
    return tuple(sorted({name for cls in needs.__mro__ if cls not in (Protocol, Generic, object)
                         for name, value in vars(cls).items() if isinstance(value, property)}))


@dataclass(frozen=True)
class LoadContext(Generic[N]):
    sources: Sources
    loaded: N
    """What the kinds this one needs returned (``Kind.needs``), by kind name: ``ctx.loaded.glossary``
    (None when that kind could not be loaded: its own errors are reported). Reading another kind fails."""
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


@dataclass(frozen=True)
class OutputFile:
    path: str  # where it goes on the site: ``ru/events.ics``
    content: str | bytes


Macro = Callable[..., str]  # (project, PageContext, *args, **kwargs) -> HTML or Markdown


@dataclass(frozen=True)
class Kind(Generic[K]):
    name: str
    load: Callable[[LoadContext[K]], tuple[Any, list[DataError]]]
    needs: type = NoNeeds
    """The other kinds it reads, at load or in its pages, macros and files: a Protocol with one property per
    kind (``ReadsGlossary``), typed as it reads it; the project gives it those and nothing else."""
    data: tuple[str, ...] = ()  # where its data is kept under data/: files (``glossary.yml``) or folders (``cases``)
    macros: dict[str, Macro] = field(default_factory=dict)
    pages: Callable[[Any], list[GeneratedPage]] | None = None  # (project) -> pages in every language
    files: Callable[[Any, str], list[OutputFile]] | None = None  # (project, lang) -> files of that language
    feeds: tuple[str, ...] = ()
    """The Atom feeds its ``files`` write, by name: ``<lang>/feeds/<name>.xml`` (``core.feeds``)."""
    open_data: Callable[[Any], Dataset] | None = None
    """(project) -> its records as open data: the site writes ``data/<name>.json``, ``.csv`` and ``.schema.json``
    and lists them, with their columns, on the open-data pages."""
    record_pages: Callable[[Any], dict[str, Any]] | None = None
    """(project) -> the record each of its generated pages shows, by ``src_uri``, for pages made from one record
    (and other kinds' data): a case's page shows that case. What a page is made from, for whoever needs it (the
    preview: its edit line and its rebuilds, ``site.preview``)."""
    new: tuple[NewRecord, ...] = ()  # the records ``ncp new`` can start (``core.skeleton``)
    file_models: dict[str, Any] = field(default_factory=dict)  # data path -> model of a whole file not made of records
    confirmed: Callable[[Any], Iterable[dt.date]] | None = None
    """(loaded data) -> the days its records say something was confirmed or done (a status confirmed, a
    statement issued, an act adopted): the footer's "data as of" is the newest of them. Planned days (an
    event, a deadline) are not confirmations, nor are the glossary's reviews of wording."""
    documents: Citable | None = None  # the documents it holds that records may cite as their sources

    @property
    def needed(self) -> tuple[str, ...]:
        """The names of the kinds it reads (``needs``)."""
        return needed(self.needs)
    offers: Callable[[Any], dict] | None = None
    """(loaded data) -> what the validation of the kinds loading after it may use (``core.organisations``:
    the organisations by id, so that a record naming one by an unknown id is an error in that field)."""
