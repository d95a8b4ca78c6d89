"""Under ``mkdocs serve --dirty``: which pages a rebuild writes again.

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than its output. Generated pages
have no source file, so MkDocs would rebuild all of them at every edit. Here a generated page is
rebuilt only when its Markdown, or what every page shows around it (footer, abbreviations, the
interface's words), differs from the last good build's: an edit of one case rewrites that case's
pages and the pages that list it, not the thousands of others. A page made from one record and
from data outside its kind's files (``GeneratedPage.record``: a case's or an event's page) is not
even rendered again when that record and that data are unchanged. A hand-written page is rebuilt every
time (its macros read the data). A change outside ``data/`` (a page in ``docs/``, the theme,
``mkdocs.yml``) rebuilds every page: it may change every page's navigation.

After the first build, the search index (Pagefind, a third of a rebuild at 1,000 cases) is made
again in the background: the rebuilt pages are served at once, search and the register's filters
catch up seconds later. The next rebuild waits for it, so two never write at once.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable


class PartialRebuilds:
    def __init__(self) -> None:
        self.digests: dict[str, bytes] = {}  # page (``src_uri``) -> digest of what the last good build wrote there
        self.pending: dict[str, bytes] = {}
        self.records: dict[str, tuple] = {}  # page -> (record, other data) of the last good build
        self.pending_records: dict[str, tuple] = {}
        self.layout: tuple | None = None
        self.since: float | None = None  # when the current build started: files older were written before
        self.counts: dict[str, list[int]] = {}  # per language: generated pages to rebuild, generated pages
        self.indexed = False  # the first build's search index is made before the site is served
        self._indexing: threading.Thread | None = None

    def start(self, layout: tuple) -> None:
        """A build begins; ``layout`` stands for everything outside ``data/`` that every page depends on."""
        self.wait()
        if layout != self.layout:
            self.digests, self.records = {}, {}
        self.layout, self.pending, self.pending_records, self.since = layout, {}, {}, time.time()

    def unchanged(self, src_uri: str, lang: str, inputs: tuple) -> bool:
        """Whether the page ``src_uri`` (``ru/cases/x/index.md``) is made from the same ``inputs`` as in the last good build
        (then it is neither rendered nor written again)."""
        same = src_uri in self.digests and self.records.get(src_uri) == inputs
        self.pending_records[src_uri] = inputs
        if same:
            self.pending[src_uri] = self.digests[src_uri]
            self.counts.setdefault(lang, [0, 0])[1] += 1
        return same

    @staticmethod
    def keep(file) -> None:
        file.is_modified = lambda: False

    def mark(self, file, lang: str, *parts: str) -> bool:
        """Make MkDocs rebuild ``file`` (a page in ``lang``) only if ``parts`` (its Markdown, its surroundings) changed."""
        digest = hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=16).digest()
        changed = self.digests.get(file.src_uri) != digest
        self.pending[file.src_uri] = digest
        file.is_modified = lambda: changed
        count = self.counts.setdefault(lang, [0, 0])
        count[0] += changed
        count[1] += 1
        return changed

    @staticmethod
    def rebuild(file) -> None:
        file.is_modified = lambda: True

    def built(self) -> list[str]:
        """The build of every language ended well: what it wrote is now the last good version."""
        self.digests.update(self.pending)
        self.records.update(self.pending_records)
        said = [f"{lang}: {changed} of {total} generated pages rebuilt (the others had not changed)"
                for lang, (changed, total) in self.counts.items()]
        self.pending, self.pending_records, self.counts = {}, {}, {}
        return said

    def index(self, work: Callable[[], None]) -> None:
        """Make the search index: now the first time, afterwards in the background."""
        if not self.indexed:
            work()
            self.indexed = True
            return
        self.wait()
        self._indexing = threading.Thread(target=work, name="ncp-search-index", daemon=True)
        self._indexing.start()

    def wait(self) -> None:
        if self._indexing is not None:
            self._indexing.join()
            self._indexing = None

    def forget(self) -> None:
        """A build failed part-way: the next one rebuilds every page."""
        self.digests, self.pending, self.layout, self.counts = {}, {}, None, {}
        self.records, self.pending_records = {}, {}
