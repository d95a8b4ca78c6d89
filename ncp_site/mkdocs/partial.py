"""Under ``mkdocs serve --dirty``: which pages a rebuild writes again.

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than its output. Generated pages
have no source file, so MkDocs would rebuild all of them at every edit. Here a generated page is
rebuilt only when its Markdown, or what every page shows around it (footer, abbreviations, the
interface's words), differs from the last good build's: an edit of one case rewrites that case's
pages and the pages that list it, not the thousands of others. A page made from one record
(``GeneratedPage.record``: a case's or an event's page) is not even rendered again while that
record and the data of the kinds it read last time (``Project.reading``; the glossary and the
interface's words always) are unchanged: an edited case does not render the events' pages again. A hand-written page is rebuilt every
time (its macros read the data). A change outside ``data/`` (a page in ``docs/``, the theme,
``mkdocs.yml``) rebuilds every page: it may change every page's navigation.

After the first build, the search index (Pagefind, a third of a rebuild at 1,000 cases) is made
again in the background: the rebuilt pages are served at once, search and the register's filters
catch up seconds later. The next rebuild, and the server's shutdown, stop it and wait until it has
stopped: two never write at once, and MkDocs never removes the site folder under it.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Counts:
    """What one language's rebuild did, for the terminal."""

    rebuilt: int = 0  # generated pages written again
    pages: int = 0  # generated pages
    rendered: int = 0  # pages made from one record rendered again
    records: int = 0  # pages made from one record
    kept: int = 0  # other files kept from the last good build
    files: int = 0  # other files


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

    def start(self, layout: tuple) -> None:
        """A build begins; ``layout`` stands for everything outside ``data/`` that every page depends on."""
        self.stop_indexing()  # this build's index replaces it
        if layout != self.layout:
            self.digests, self.records, self.outputs = {}, {}, {}
        self.layout, self.pending, self.pending_records, self.since = layout, {}, {}, time.time()
        self.pending_outputs = {}

    def last_reads(self, src_uri: str) -> frozenset[str] | None:
        """The kinds the page ``src_uri`` read when the last good build rendered it (``Project.reading``)."""
        last = self.records.get(src_uri)
        return last[0] if last is not None and src_uri in self.digests else None

    def unchanged(self, src_uri: str, lang: str, inputs: tuple) -> bool:
        """Whether the page ``src_uri`` (``ru/cases/x/index.md``) is made from the same ``inputs`` (its record,
        the data of the kinds it read, its surroundings) as in the last good build (then it is neither
        rendered nor written again)."""
        last = self.records.get(src_uri)
        same = src_uri in self.digests and last is not None and last[1] == inputs
        if same:
            self.pending_records[src_uri] = last
            self.pending[src_uri] = self.digests[src_uri]
            count = self.counts.setdefault(lang, _Counts())
            count.pages += 1
            count.records += 1
        return same

    def rendered(self, src_uri: str, lang: str, reads: frozenset[str], inputs: tuple) -> None:
        """The page was rendered from ``inputs``, reading the kinds ``reads``."""
        self.pending_records[src_uri] = (reads, inputs)
        count = self.counts.setdefault(lang, _Counts())
        count.rendered += 1
        count.records += 1

    def files(self, key: tuple, inputs: Callable[[frozenset[str]], tuple],
              make: Callable[[], tuple[frozenset[str], list]]) -> tuple[list, bool]:
        """A kind's files (``key``: kind and language): the last good build's while ``inputs(kinds it read)``
        is the same, else ``make()`` (the kinds it read, the files); the files, and whether they were kept."""
        last = self.outputs.get(key)
        if last is not None and inputs(last[0]) == last[1]:
            self.pending_outputs[key] = last
            return last[2], True
        reads, made = make()
        self.pending_outputs[key] = (reads, inputs(reads), made)
        return made, False

    @staticmethod
    def keep(file) -> None:
        file.is_modified = lambda: False

    def count_files(self, lang: str, kept: int, total: int) -> None:
        count = self.counts.setdefault(lang, _Counts())
        count.kept += kept
        count.files += total

    def mark(self, file, lang: str, *parts: str) -> bool:
        """Make MkDocs rebuild ``file`` (a page in ``lang``) only if ``parts`` (its Markdown, its surroundings) changed."""
        digest = hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=16).digest()
        changed = self.digests.get(file.src_uri) != digest
        self.pending[file.src_uri] = digest
        file.is_modified = lambda: changed
        count = self.counts.setdefault(lang, _Counts())
        count.rebuilt += changed
        count.pages += 1
        return changed

    @staticmethod
    def rebuild(file) -> None:
        file.is_modified = lambda: True

    def built(self) -> list[str]:
        """The build of every language ended well: what it wrote is now the last good version."""
        self.digests.update(self.pending)
        self.records.update(self.pending_records)
        self.outputs.update(self.pending_outputs)
        said = [f"{lang}: {c.rebuilt} of {c.pages} generated pages rebuilt (the others had not changed); "
                f"{c.rendered} of {c.records} pages made from one record rendered again; {c.kept} of {c.files} other files kept"
                for lang, c in self.counts.items()]
        self.pending, self.pending_records, self.pending_outputs, self.counts = {}, {}, {}, {}
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
