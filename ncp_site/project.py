"""The loaded, validated project: every data kind, every check's result, no globals.

``Project.load(config)`` reads every source file once (``core.sources``), loads the kinds in the
order of ``kinds.ALL`` and runs the checks. Whoever needs the data holds the Project: the MkDocs
plugin for one build (and across mkdocs-static-i18n's language builds), ``ncp check`` for one run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import kinds
from .checks import never_publish, page_html, page_templates, parity, quotes, terminology, translation_status
from .core import citations
from .core.cache import SourceCache
from .core.config import SiteConfig, load_config
from .core.errors import DataError, DataErrors, DataWarning, sort_key
from .core.formats import build_today
from .core.kind import Kind, LoadContext
from .core.rendering import Words
from .core.sources import Sources

WORDS = ("glossary", "ui", "abbreviations")
"""The kinds ``Project.words`` is made of: what every page reads, whether or not it says so."""
SITE_MACROS = ("translation_status", "feed_link", "open_data_files", "feeds_list", "home_tasks")
"""The macros pages may call beyond the kinds' (``site.pages.SITE_MACROS``, which the project may not import):
named here so that the page check knows every macro."""


@dataclass
class Project:
    config: SiteConfig
    sources: Sources
    today: dt.date
    loaded: dict[str, Any] = field(default_factory=dict)
    kinds: list[Kind] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)
    """Publishable, but the secretariat should look (``ncp check`` prints them after the errors, exit 0)."""
    quotations: list[terminology.Quotation] = field(default_factory=list)
    translations: translation_status.Report | None = None
    words: Words | None = None
    never_publish: never_publish.NeverPublish = field(default_factory=lambda: never_publish.NeverPublish({}))
    """Names that must not appear in the data, the pages or the built site (``NCP_NEVER_PUBLISH``)."""

    @classmethod
    def load(cls, config: SiteConfig, today: dt.date | None = None, environ=None, release: bool = False,
             cache: SourceCache | None = None) -> Project:
        """Load and check everything; ``errors`` lists every problem found (empty: publishable).

        ``environ``: where ``NCP_NEVER_PUBLISH`` is read (the process environment by default); ``release``:
        also what publishing needs (``ncp check --release``, ``LoadContext.release``); ``cache``: where the
        results of each file alone are kept between runs (``core.cache``; the result is the same without it).
        """
        project = cls(config, Sources.read(config, cache), today or build_today(), kinds=kinds.all_kinds())
        sources = project.sources
        sources.citable = citations.citable_ids(sources, [k.documents for k in project.kinds if k.documents])
        project.never_publish, errors = never_publish.from_environment(os.environ if environ is None else environ)
        errors += [e for errs in sources.errors.values() for e in errs]  # every data file must read and parse
        errors += sources.page_errors
        errors += sources.file_errors
        errors += sources.unread_errors([path for kind in project.kinds for path in kind.data])
        errors += config.emblem_errors()
        if release:
            project.warnings += [DataWarning.of(e) for e in config.missing_emblem()]
        for kind in project.kinds:
            value, errs = kind.load(LoadContext(sources, project.loaded, project.today, project.warnings, release))
            project.loaded[kind.name] = value
            errors += errs
            if kind.offers is not None and value is not None:
                sources.offered.update(kind.offers(value))
        errors += never_publish.source_errors(sources, project.never_publish)
        errors += parity.page_parity_errors(sources)
        errors += page_templates.page_template_errors(sources, project.macro_names())
        errors += page_html.page_html_errors(sources)
        quoted = quotes.warnings(sources)
        project.warnings += quoted
        errors += translation_status.pending_errors(sources, project.today)
        errors += translation_status.load_state(sources)[1]
        project.translations = translation_status.translation_report(sources, project.today)
        glossary, ui = project.loaded.get("glossary"), project.loaded.get("ui")
        if glossary is not None:
            terms = terminology.check(sources, glossary)
            errors += terms.errors
            project.quotations = terms.quotations
        if glossary is not None and ui is not None:
            project.words = Words(glossary, ui, config.languages, _abbreviation_key(project), _documents(project))
        said = {(warning.path, warning.line) for warning in quoted}  # a title cut in a quotation: said once, as that
        project.warnings += [warning for doc in sources.docs.values() for warning in doc.warnings
                             if (warning.path, warning.line) not in said]
        project.errors = sorted(set(errors), key=sort_key)
        project.warnings.sort(key=sort_key)
        return project

    def __getattr__(self, name: str) -> Any:
        """A kind's loaded data by its name: ``project.cases``."""
        loaded = self.__dict__.get("loaded", {})
        if name in loaded:
            return loaded[name]
        raise AttributeError(name)

    @cached_property
    def data_as_of(self) -> dt.date | None:
        """The newest day the data says something was confirmed or done (``Kind.confirmed``: a case's
        status confirmed, a statement, an activity's status, a news item), not after the build date:
        what every footer gives as the data's date. Planned days (an event, a deadline) and the
        glossary's reviews of wording do not count, so a build years later says the same. It is read
        from the records, not from git, so the same files always say the same (a shallow CI checkout
        or an archive has no history) and a change to code or wording does not move it."""
        days = [day for kind in self.kinds if kind.confirmed and self.loaded.get(kind.name) is not None
                for day in kind.confirmed(self.loaded[kind.name])]
        return max((day for day in days if day <= self.today), default=None)

    @contextmanager
    def reading(self) -> Iterator[set[str]]:
        """The names of the kinds whose data is read inside the block (``project.cases``,
        ``project.loaded["procedure"]``): what a page made there depends on, for ``mkdocs serve --dirty``."""
        loaded = self.loaded
        self.loaded = _Reads(loaded)
        try:
            yield self.loaded.read
        finally:
            self.loaded = loaded

    def release_parsed_files(self) -> None:
        """Forget the parsed data files once every check has read them: a build needs the records, not
        the files' located values (half of a loaded Project's memory at 1,000 cases and 5,000 events).
        Pages (``sources.pages``) are kept: pending pages are shown from them."""
        self.sources.docs.clear()

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_errors(self) -> None:
        if self.errors:
            raise DataErrors(self.errors)

    def macros(self) -> dict:
        return {name: macro for kind in self.kinds for name, macro in kind.macros.items()}

    def macro_names(self) -> list[str]:
        """Every macro a page may call: the kinds' and the site's."""
        return [*self.macros(), *SITE_MACROS]


class _Reads(dict):
    """The loaded kinds, noting which are read (``Project.reading``)."""

    def __init__(self, loaded: dict) -> None:
        super().__init__(loaded)
        self.read: set[str] = set()

    def __getitem__(self, name):
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self.read.add(name)
        return super().get(name, default)

    def __contains__(self, name) -> bool:
        self.read.add(name)
        return super().__contains__(name)

    def values(self):
        self.read.update(self)
        return super().values()

    def items(self):
        self.read.update(self)
        return super().items()


def load_project(root, today: dt.date | None = None, release: bool = False, cached: bool = False) -> Project:
    """The project at ``root``; ``cached``: keep each file's results under ``.cache/`` between runs (``ncp``)."""
    config = load_config(root)
    cache = SourceCache.under(config.root, repr(config)) if cached else None
    project = Project.load(config, today, release=release, cache=cache)
    if cache is not None:
        cache.save()
    return project


def _abbreviation_key(project: Project):
    """The register's Markdown definitions per language, for the Markdown fields of the data."""
    register = project.loaded.get("abbreviations")
    return register.markdown_key if register is not None else None


def _documents(project: Project) -> dict[str, citations.CitedDocument]:
    """The documents the kinds hold that records cite as sources, by id (a kind that did not load has none)."""
    found: dict[str, citations.CitedDocument] = {}
    for kind in project.kinds:
        value = project.loaded.get(kind.name)
        if kind.documents is not None and value is not None:
            found.update((d.id, d) for d in kind.documents.documents(value))
    return found
