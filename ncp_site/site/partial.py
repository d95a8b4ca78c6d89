"""Under the preview (``mkdocs serve --dirty``): which pages and files a rebuild makes and writes again.

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than its output. Generated pages
have no source file, so MkDocs would rebuild all of them at every edit. Here a generated page is
written again only when its Markdown, or what every page shows around it (footer, abbreviations, the
interface's words), differs from the last good build's: an edit of one case rewrites that case's
pages and the pages that list it, not the others. A page made from one record
(``Kind.record_pages``: a case's or an event's page) is not even rendered again while that
record and the data of the kinds it read last time (``Project.reading``; the glossary and the
interface's words always) are unchanged, and a kind's files (calendars, feeds, open data) are not
made again while the data they were made from is unchanged. A hand-written page is read again only
when the data its macros read last time changed (``HandWritten``; a page that shows the translation
report, made from every file, always); MkDocs keeps the title and metadata of one it did not read
for the navigation. A change outside ``data/`` (a page in ``docs/``, the theme, ``mkdocs.yml``)
rebuilds every page: it may change every page's navigation.

After the first build, the search index (Pagefind, a third of a rebuild at 1,000 cases) is made
again in the background: the rebuilt pages are served at once, search and the register's filters
catch up seconds later. The next rebuild, and the server's shutdown, stop it and wait until it has
stopped: two never write at once, and MkDocs never removes the site folder under it. No MkDocs here.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.cache import SourceCache
from ..core.kind import GeneratedPage, OutputFile
from ..project import WORDS, Project
from . import files as site_files
from . import pages as site_pages
from . import theme as site_theme


@dataclass(frozen=True)
class RecordPage:
    """A generated page made from one record (``Kind.record_pages``: a case's page) and other kinds' data."""

    record: object
    listing_reads: frozenset[str]
    """The other kinds its kind read while listing its pages (``Project.reading``): a case's page shows the
    procedure's timeframes, measured when the cases' pages are listed."""


def listed_pages(project: Project) -> tuple[list[GeneratedPage], dict[str, RecordPage]]:
    """Every generated page (as ``site.pages.generated_pages``), and those made from one record by ``src_uri``."""
    pages: list[GeneratedPage] = []
    records: dict[str, RecordPage] = {}
    for kind in project.kinds:
        if kind.pages:
            with project.reading() as read:
                pages += kind.pages(project)
            if kind.record_pages:
                reads = frozenset(read - {kind.name})
                records.update((src_uri, RecordPage(record, reads)) for src_uri, record in kind.record_pages(project).items())
    return [*pages, *site_pages.site_pages(project)], records


@dataclass(frozen=True)
class HandWritten:
    """A hand-written page as the last good build read it: what it was made from, and what the navigation
    of the other pages shows of it."""

    reads: frozenset[str] | None
    """The kinds its macros read (``Project.reading``); None: it shows more than the kinds' data, read every time."""
    inputs: tuple
    title: str | None
    meta: dict


@dataclass
class _Counts:
    """What one language's rebuild did, for the terminal."""

    rebuilt: int = 0  # generated pages written again
    pages: int = 0  # generated pages
    rendered: int = 0  # pages made from one record rendered again
    records: int = 0  # pages made from one record
    kept: int = 0  # other files kept from the last good build
    files: int = 0  # other files
    read: int = 0  # hand-written pages read again
    hand_written: int = 0  # hand-written pages


class PartialRebuilds:
    def __init__(self) -> None:
        self.digests: dict[str, bytes] = {}  # page (``src_uri``) -> digest of what the last good build wrote there
        self.pending: dict[str, bytes] = {}
        self.records: dict[str, tuple] = {}  # page -> (kinds it read, (record, their data, surroundings)) of the last good build
        self.pending_records: dict[str, tuple] = {}
        self.outputs: dict[tuple, tuple] = {}  # (kind, language) -> (kinds read, their data, files) of the last good build
        self.pending_outputs: dict[tuple, tuple] = {}
        self.layout: tuple | None = None
        self.since: float | None = None  # when the current build started: files older were written before
        self.counts: dict[str, _Counts] = {}
        self.indexed = False  # the first build's search index is made before the site is served
        self._indexing: threading.Thread | None = None
        self._stop = threading.Event()
        self._surroundings_of: dict[str, str] = {}
        self._data_of: dict[frozenset, tuple] = {}
        self._unread: dict[str, HandWritten] = {}
        self._cache: tuple[str, SourceCache] | None = None
        self.record_pages: dict[str, RecordPage] = {}  # by ``src_uri``: the pages made from one record
        self.hand_written: dict[str, HandWritten] = {}  # by ``src_uri``, of the last good build
        self.pending_hand_written: dict[str, HandWritten] = {}

    def start(self, layout: tuple) -> None:
        """A build begins; ``layout`` stands for everything outside ``data/`` that every page depends on."""
        self.stop_indexing()  # this build's index replaces it
        if layout != self.layout:
            self.digests, self.records, self.outputs, self.hand_written = {}, {}, {}, {}
        self.layout, self.pending, self.pending_records, self.since = layout, {}, {}, time.time()
        self.pending_outputs, self.pending_hand_written = {}, {}

    def source_cache(self, config) -> SourceCache:
        """What each data file and page gave when last read (``core.cache``, as ``ncp check`` keeps it), kept in this
        process: a rebuild reads and checks again only the files that changed. Nothing is written to ``.cache/``."""
        if self._cache is None or self._cache[0] != repr(config):  # the code cannot change in this process
            self._cache = (repr(config), SourceCache.under(config.root, repr(config)))
        return self._cache[1]

    def start_language(self) -> None:
        """A language's build begins: what the data decides is looked at again."""
        self._surroundings_of, self._data_of, self._unread = {}, {}, {}

    def generated_pages(self, project: Project) -> list[GeneratedPage]:
        """Every generated page (``site.pages.generated_pages``), noting those made from one record."""
        pages, self.record_pages = listed_pages(project)
        return pages

    def page_markdown(self, project: Project, page: GeneratedPage, lang: str, key: str) -> str | None:
        """The Markdown of ``page`` in ``lang`` (``key``: its ``src_uri`` in that language), or None when it is
        made from a record whose inputs are those of the last good build (neither rendered nor written)."""
        record = self.record_pages.get(page.src_uri)
        if record is None:
            return site_pages.page_markdown(page.render(lang))
        last = self.records.get(key)
        if last is not None and key in self.digests and last[1] == self._inputs(project, record, lang, last[0]):
            self.pending_records[key], self.pending[key] = last, self.digests[key]
            self._count(lang, pages=1, records=1)
            return None
        with project.reading() as read:
            markdown = site_pages.page_markdown(page.render(lang))
        reads = frozenset(read) | record.listing_reads
        self.pending_records[key] = (reads, self._inputs(project, record, lang, reads))
        self._count(lang, rendered=1, records=1)
        return markdown

    def unchanged(self, project: Project, src_uri: str, lang: str) -> HandWritten | None:
        """The hand-written page ``src_uri`` as the last good build read it, when what it was made from is unchanged
        (it need not be read again), else None."""
        last = self.hand_written.get(src_uri)
        if last is None or last.reads is None or last.inputs != self._page_inputs(project, last.reads, lang):
            self._count(lang, read=1, hand_written=1)
            return None
        self._count(lang, hand_written=1)
        self.pending_hand_written[src_uri] = self._unread[src_uri] = last
        return last

    def kept(self, src_uri: str) -> HandWritten | None:
        """The hand-written page this language's build does not read (``unchanged``), if it is one."""
        return self._unread.get(src_uri)

    def read(self, project: Project, src_uri: str, lang: str, read: set[str], title: str | None, meta: dict) -> None:
        """A hand-written page was read; ``read``: the kinds its macros read and the macros it called."""
        reads = None if read & site_pages.BEYOND_DATA else frozenset(read)
        inputs = self._page_inputs(project, reads, lang) if reads is not None else ()
        self.pending_hand_written[src_uri] = HandWritten(reads, inputs, title, dict(meta))

    def _page_inputs(self, project: Project, reads: frozenset[str], lang: str) -> tuple:
        return self._data_signature(project, reads), self._surroundings(project, lang)

    def written(self, key: str, lang: str, markdown: str, project) -> bool:
        """Whether the page ``key`` must be written again: its Markdown or its surroundings changed."""
        digest = hashlib.blake2b("\0".join((markdown, self._surroundings(project, lang))).encode("utf-8"),
                                 digest_size=16).digest()
        changed = self.digests.get(key) != digest
        self.pending[key] = digest
        self._count(lang, rebuilt=int(changed), pages=1)
        return changed

    def files(self, project, kind: str, lang: str | None, make: Callable[[], list], building: str) -> tuple[list, bool]:
        """A kind's files (for ``lang``, or the site's own), made in the build of ``building``: the last good
        build's while the data of the kinds they were made from is unchanged, else made again; the files, and
        whether they were kept."""
        key = (kind, lang)
        last = self.outputs.get(key)
        if last is not None and self._made_from(project, last[0]) == last[1]:
            self.pending_outputs[key] = last
            kept = True
            outputs = last[2]
        else:
            with project.reading() as read:
                outputs = make()
            reads = frozenset(read) | {kind}
            self.pending_outputs[key] = (reads, self._made_from(project, reads), outputs)
            kept = False
        self._count(building, kept=len(outputs) if kept else 0, files=len(outputs))
        return outputs, kept

    def _made_from(self, project, reads: frozenset[str]) -> tuple:
        return self._data_signature(project, reads), project.config.site_url

    def _surroundings(self, project, lang: str) -> str:
        """What a generated page shows beyond its Markdown that the data decides."""
        if lang not in self._surroundings_of:
            ui = json.dumps(project.words.ui.strings, ensure_ascii=False, sort_keys=True, default=str)
            self._surroundings_of[lang] = "\0".join((site_theme.footer(project, lang, ""),
                                                      project.data.abbreviations.markdown_key(lang), ui))
        return self._surroundings_of[lang]

    def _inputs(self, project: Project, record: RecordPage, lang: str, reads: frozenset[str]) -> tuple:
        """What a page made from one record is made of, when its render read the kinds ``reads``."""
        return record.record, self._data_signature(project, reads), self._surroundings(project, lang)

    def _data_signature(self, project, reads: frozenset[str]) -> tuple:
        """The build date and the data files of the kinds ``reads`` and of the words every page uses."""
        if reads not in self._data_of:
            names = reads | set(WORDS)
            data = project.config.data_dir
            places = [data / place for kind in project.kinds if kind.name in names for place in kind.data]
            self._data_of[reads] = (project.today, *stats(p for place in places
                                                          for p in ([place] if place.is_file() else place.rglob("*"))))
        return self._data_of[reads]

    def _count(self, lang: str, **counts: int) -> None:
        count = self.counts.setdefault(lang, _Counts())
        for name, value in counts.items():
            setattr(count, name, getattr(count, name) + value)

    def built(self) -> list[str]:
        """The build of every language ended well: what it wrote is now the last good version."""
        self.digests.update(self.pending)
        self.records.update(self.pending_records)
        self.outputs.update(self.pending_outputs)
        self.hand_written.update(self.pending_hand_written)
        said = [f"{lang}: {c.rebuilt} of {c.pages} generated pages rebuilt (the others had not changed); "
                f"{c.rendered} of {c.records} pages made from one record rendered again; {c.kept} of {c.files} other files kept; "
                f"{c.read} of {c.hand_written} hand-written pages read again"
                for lang, c in self.counts.items()]
        self.pending, self.pending_records, self.pending_outputs, self.counts = {}, {}, {}, {}
        self.pending_hand_written = {}
        return said

    def index(self, work: Callable[[threading.Event], None]) -> None:
        """Make the search index: now the first time, afterwards in the background. ``work`` is given an
        event that is set when it must stop (``stop_indexing``)."""
        if not self.indexed:
            work(threading.Event())
            self.indexed = True
            return
        self.stop_indexing()
        self._stop = threading.Event()
        self._indexing = threading.Thread(target=work, args=(self._stop,), name="ncp-search-index")
        self._indexing.start()

    def stop_indexing(self) -> None:
        """Stop the index being made in the background, if any, and wait until it has stopped."""
        if self._indexing is not None:
            self._stop.set()
            self._indexing.join()
            self._indexing = None

    def forget(self) -> None:
        """A build failed part-way: the next one rebuilds every page."""
        self.digests, self.pending, self.layout, self.counts = {}, {}, None, {}
        self.records, self.pending_records, self.outputs, self.pending_outputs = {}, {}, {}, {}
        self.hand_written, self.pending_hand_written = {}, {}


def stats(files: Iterable[Path]) -> tuple:
    """Each file's path, modification time and size, in path order: what tells a rebuild that it changed."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(set(files)) if p.is_file())


def files_in(*folders: Path) -> list[Path]:
    """Every file under ``folders`` (those that exist)."""
    return [p for folder in folders if folder.is_dir() for p in folder.rglob("*")]


def output_files(project: Project, lang: str, partial: PartialRebuilds | None) -> list[tuple[OutputFile, bool]]:
    """The files (not pages) of the build of ``lang`` (the site's own with the default language's), each with whether
    it is the last good build's, kept (``PartialRebuilds.files``; never without one)."""
    kept: set[int] = set()

    def made(kind, for_lang, make):
        if partial is None:
            return make()
        outputs, same = partial.files(project, kind, for_lang, make, lang)
        kept.update(id(output) for output in outputs if same)
        return outputs

    outputs = site_files.language_files(project, lang, made)
    if lang == project.config.languages.default:
        outputs += site_files.site_files(project, made)
    return [(output, id(output) in kept) for output in outputs]
