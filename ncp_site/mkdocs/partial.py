"""Under ``mkdocs serve --dirty``: which pages a rebuild writes again.

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than its output. Generated pages
have no source file, so MkDocs would rebuild all of them at every edit. Here a generated page is
rebuilt only when its Markdown, or what every page shows around it (footer, abbreviations, the
interface's words), differs from the last good build's: an edit of one case rewrites that case's
pages and the pages that list it, not the thousands of others. A hand-written page is rebuilt every
time (its macros read the data). A change outside ``data/`` (a page in ``docs/``, the theme,
``mkdocs.yml``) rebuilds every page: it may change every page's navigation.
"""

from __future__ import annotations

import hashlib
import time


class PartialRebuilds:
    def __init__(self) -> None:
        self.digests: dict[str, bytes] = {}  # output path -> digest of what the last good build wrote there
        self.pending: dict[str, bytes] = {}
        self.layout: tuple | None = None
        self.since: float | None = None  # when the current build started: files older were written before
        self.counts: dict[str, list[int]] = {}  # per language: generated pages to rebuild, generated pages

    def start(self, layout: tuple) -> None:
        """A build begins; ``layout`` stands for everything outside ``data/`` that every page depends on."""
        if layout != self.layout:
            self.digests = {}
        self.layout, self.pending, self.since = layout, {}, time.time()

    def mark(self, file, lang: str, *parts: str) -> bool:
        """Make MkDocs rebuild ``file`` (a page in ``lang``) only if ``parts`` (its Markdown, its surroundings) changed."""
        digest = hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=16).digest()
        changed = self.digests.get(file.dest_uri) != digest
        self.pending[file.dest_uri] = digest
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
        said = [f"{lang}: {changed} of {total} generated pages rebuilt (the others had not changed)"
                for lang, (changed, total) in self.counts.items()]
        self.pending, self.counts = {}, {}
        return said

    def forget(self) -> None:
        """A build failed part-way: the next one rebuilds every page."""
        self.digests, self.pending, self.layout, self.counts = {}, {}, None, {}
