"""The loaded, validated project: every data kind, every check's result, no globals.

``Project.load(config)`` reads every source file once (``core.sources``), loads the kinds in the
order of ``kinds.Data``'s fields (each given what it declared it reads: ``Kind.needs``) and runs the checks. Whoever needs the data holds the Project: the MkDocs
plugin for one build (and across mkdocs-static-i18n's language builds), ``ncp check`` for one run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from . import kinds
from .checks import never_publish, page_html, page_templates, parity, quotes, terminology, translation_status
from .core import citations
from .core.cache import SourceCache
from .core.config import SiteConfig, load_config
from .core.errors import DataError, DataErrors, DataWarning, sort_key
from .core.formats import build_today
from .core.kind import Kind
from .core.rendering import Words
from .core.sources import Sources
from .kinds import Data

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
    data: Data
    """What every kind loaded, one typed field per kind: ``project.data.cases``."""
    kinds: list[Kind[Data]] = field(default_factory=kinds.all_kinds)
    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)
    """Publishable, but the secretariat should look (``ncp check`` prints them after the errors, exit 0)."""
    quotations: list[terminology.Quotation] = field(default_factory=list)
    translations: translation_status.Report | None = None
    loaded_words: Words | None = None
    """``words``: None when the glossary or the interface's wording could not be loaded (then ``errors`` says why)."""
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
        sources, today = Sources.read(config, cache), today or build_today()
        sources.citable = citations.citable_ids(sources, [k.documents for k in kinds.KINDS if k.documents])
        names, errors = never_publish.from_environment(os.environ if environ is None else environ)
        errors += [e for errs in sources.errors.values() for e in errs]  # every data file must read and parse
        errors += sources.page_errors
        errors += sources.file_errors
        errors += sources.unread_errors([path for kind in kinds.KINDS for path in kind.data])
        errors += config.emblem_errors()
        warnings: list[DataError] = [DataWarning.of(e) for e in config.missing_emblem()] if release else []
        loaded: dict[str, Any] = {}
        for kind, value, errs in kinds.load_each(sources, today, warnings, release):
            loaded[kind.name] = value
            errors += errs
        project = cls(config, sources, today, Data(**loaded), warnings=warnings, never_publish=names)
        errors += never_publish.source_errors(sources, project.never_publish)
        errors += parity.page_parity_errors(sources)
        errors += page_templates.page_template_errors(sources, project.macro_names())
        errors += page_html.page_html_errors(sources)
        quoted = quotes.warnings(sources)
        project.warnings += quoted
        errors += translation_status.pending_errors(sources, project.today)
        errors += translation_status.load_state(sources)[1]
        project.translations = translation_status.translation_report(sources, project.today)
        glossary, ui = project.data.glossary, project.data.ui
        if glossary is not None:
            terms = terminology.check(sources, glossary)
            errors += terms.errors
            project.quotations = terms.quotations
        if glossary is not None and ui is not None:
            project.loaded_words = Words(glossary, ui, config.languages, project.data.abbreviations.markdown_key,
                                         _documents(project))
        said = {(warning.path, warning.line) for warning in quoted}  # a title cut in a quotation: said once, as that
        project.warnings += [warning for doc in sources.docs.values() for warning in doc.warnings
                             if (warning.path, warning.line) not in said]
        project.errors = sorted(set(errors), key=sort_key)
        project.warnings.sort(key=sort_key)
        return project

    @cached_property
    def data_as_of(self) -> dt.date | None:
        """The newest day the data says something was confirmed or done (``Kind.confirmed``: a case's
        status confirmed, a statement, an activity's status, a news item), not after the build date:
        what every footer gives as the data's date. Planned days (an event, a deadline) and the
        glossary's reviews of wording do not count, so a build years later says the same. It is read
        from the records, not from git, so the same files always say the same (a shallow CI checkout
        or an archive has no history) and a change to code or wording does not move it."""
        days = [day for kind in self.kinds if kind.confirmed and (data := getattr(self.data, kind.name)) is not None
                for day in kind.confirmed(data)]
        return max((day for day in days if day <= self.today), default=None)

    @contextmanager
    def reading(self) -> Iterator[set[str]]:
        """The names of the kinds whose data is read inside the block (``project.data.cases``): what a page
        made there depends on, for ``mkdocs serve --dirty``."""
        data, read = self.data, set[str]()
        self.data = _Reading(read, data)
        try:
            yield read
        finally:
            self.data = data

    def release_parsed_files(self) -> None:
        """Forget the parsed data files once every check has read them: a build needs the records, not
        the files' located values (half of a loaded Project's memory at 1,000 cases and 5,000 events).
        Pages (``sources.pages``) are kept: pending pages are shown from them."""
        self.sources.docs.clear()

    @property
    def words(self) -> Words:
        """Everything a page may say in words (``core.rendering.Words``): there once the glossary and ``data/ui.yml``
        loaded, as they have in a project without errors (pages are made only from such a project)."""
        if self.loaded_words is None:
            raise DataErrors(self.errors)
        return self.loaded_words

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


class _Reading(Data):
    """The loaded data, noting which kinds are read (``Project.reading``)."""

    def __init__(self, read: set[str], data: Data) -> None:
        super().__init__(**{f.name: getattr(data, f.name) for f in fields(Data)})
        object.__setattr__(self, "_read", read)

    def __getattribute__(self, name: str) -> Any:
        if name in kinds.ALL:
            object.__getattribute__(self, "_read").add(name)
        return object.__getattribute__(self, name)


def load_project(root, today: dt.date | None = None, release: bool = False, cached: bool = False) -> Project:
    """The project at ``root``; ``cached``: keep each file's results under ``.cache/`` between runs (``ncp``)."""
    config = load_config(root)
    cache = SourceCache.under(config.root, repr(config)) if cached else None
    project = Project.load(config, today, release=release, cache=cache)
    if cache is not None:
        cache.save()
    return project


def _documents(project: Project) -> dict[str, citations.CitedDocument]:
    """The documents the kinds hold that records cite as sources, by id (a kind that did not load has none)."""
    found: dict[str, citations.CitedDocument] = {}
    for kind in project.kinds:
        value = getattr(project.data, kind.name)
        if kind.documents is not None and value is not None:
            found.update((d.id, d) for d in kind.documents.documents(value))
    return found
