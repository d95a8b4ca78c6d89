"""What ``ncp`` computed from one source file, kept between runs under ``.cache/ncp/`` (git-ignored).

Most of ``ncp check`` is work on one file at a time: parsing a YAML file with the line of every
value, validating its records, linting its texts, checking a page's HTML and template calls. Each
such result depends only on the file's bytes, on the code and on the site's configuration, so it is
kept in an *entry* named by a hash of all three: the file's path and bytes, the configuration, and
``code_version()`` (every file of the ``ncp_site`` package, Python's version and the name and
version of every installed library). An edited file, a new file, a changed line of code or an
upgraded library gives another name, so nothing stale can be found; a deleted file's entry is simply
not asked for. A result that also depends on another file (the terminology lint reads the glossary)
is kept with a digest of that input and made again when it differs. Results across files (ids unique
across all files, references between kinds, the translation report's totals) are never kept.

Each result is kept as the pickled snapshot taken right after it was made, so that what the run
does with it afterwards cannot change what the next run gets. An entry file is written whole or not
at all (a temporary file, then ``os.replace``), so runs at the same time cannot mix their writes; it
starts with a checksum of its content, and an entry that is truncated, damaged, from another
format or that fails to load is ignored, never trusted. A cache that cannot be read or written is no
cache: the results are made as without it. The cache holds pickles, so it is as trusted as the code
beside it: it is written only by this package, under the project, and never committed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

FOLDER = Path(".cache") / "ncp"
"""Under the project's root."""
_MAGIC = b"ncp-cache 2\n"
_DIGEST = 20
_KEEP_EXTRA = 100
"""Entries kept beyond twice those used by the last run (older contents of files, for a branch switched back)."""
_STALE_TEMPORARY = 3600

T = TypeVar("T")


def _digest(*parts: bytes | str) -> bytes:
    h = hashlib.blake2b(digest_size=_DIGEST)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def _checksum(payload: bytes) -> bytes:
    """Finds a truncated or damaged entry (CRC-32: several times faster than a hash on tens of megabytes)."""
    return zlib.crc32(payload).to_bytes(4, "little")


def code_version() -> str:
    """A hash of what the results depend on besides the files: every file of the ``ncp_site`` package (its
    code and templates), the Python version, and the name and version of every library installed
    beside the package's dependencies (their ``*.dist-info`` folders): a parser or validator upgraded
    gives another version."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=_DIGEST)
    h.update(sys.version.encode())
    for folder, dirs, files in sorted(os.walk(package)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(folder, name)
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            h.update(path.read_bytes())
    for folder in _library_folders():
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        h.update(("\n".join([folder, *names]) + "\0").encode())
    return h.hexdigest()


def _library_folders() -> list[str]:
    """Where the libraries the parsing and validation use are installed (site-packages, as a rule)."""
    import pydantic
    import yaml

    return sorted({str(Path(str(module.__file__)).resolve().parents[1]) for module in (yaml, pydantic)})


class Entry:
    """The results kept for one source file: each under a name, with the digest of any other input it read."""

    def __init__(self, cache: SourceCache | None, name: str, parts: dict[str, tuple[bytes, bytes]] | None = None):
        self.cache, self.name = cache, name
        self.parts = parts if parts is not None else {}
        self.changed = False

    def remember(self, part: str, make: Callable[[], T], *inputs: bytes | str) -> T:
        """``make()``'s result, from the cache when it was made from the same file, code and ``inputs``."""
        if self.cache is None:
            return make()
        digest = _digest(*inputs)
        kept = self.parts.get(part)
        if kept is not None and kept[0] == digest:
            try:
                return pickle.loads(kept[1])
            except Exception:  # noqa: BLE001 - a kept result that cannot be read is made again
                pass
        value = make()
        try:
            snapshot = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a result that cannot be pickled is simply not kept
            self.parts.pop(part, None)
        else:
            self.parts[part] = (digest, snapshot)
            self.changed = True
        return value


class SourceCache:
    """The entries of one project, under ``<root>/.cache/ncp/``; ``SourceCache(None)`` keeps nothing."""

    def __init__(self, folder: Path | None, context: str = ""):
        self.folder = Path(folder) if folder is not None else None
        self.context = context
        self.entries: dict[str, Entry] = {}

    @classmethod
    def off(cls) -> SourceCache:
        return cls(None)

    @classmethod
    def under(cls, root: Path, context: str) -> SourceCache:
        """The project's cache; ``context``: what else every result depends on (the site's configuration)."""
        return cls(Path(root) / FOLDER, code_version() + "\0" + context)

    @property
    def on(self) -> bool:
        return self.folder is not None

    def entry(self, shown: str, content: bytes) -> Entry:
        """The entry of the file shown as ``shown`` with these bytes (empty when nothing is kept for them)."""
        if self.folder is None:
            return Entry(None, "")
        name = _digest(self.context, shown, content).hex()
        entry = self.entries.get(name)
        if entry is None:
            entry = self.entries[name] = Entry(self, name, self._read(name))
        return entry

    def _read(self, name: str) -> dict[str, tuple[bytes, bytes]]:
        if self.folder is None:
            return {}
        try:
            with open(self.folder / name, "rb") as f:
                data = f.read()
        except OSError:
            return {}
        head = len(_MAGIC) + 4
        if len(data) < head or not data.startswith(_MAGIC) or _checksum(data[head:]) != data[len(_MAGIC):head]:
            return {}
        try:
            parts = pickle.loads(data[head:])
        except Exception:  # noqa: BLE001 - checked above; anything else is ignored all the same
            return {}
        if not isinstance(parts, dict) or not all(
                isinstance(v, tuple) and len(v) == 2 and all(isinstance(b, bytes) for b in v) for v in parts.values()):
            return {}
        return parts

    def save(self) -> None:
        """Write the entries that gained results, then forget the oldest that no run asked for lately.
        Nothing here may stop a command: a cache that cannot be written is left as it is."""
        folder = self.folder
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        for entry in self.entries.values():
            if entry.changed:
                self._write(folder, entry)
        self._prune()

    def _write(self, folder: Path, entry: Entry) -> None:
        payload = pickle.dumps(entry.parts, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + _checksum(payload) + payload)
            os.replace(tmp, folder / entry.name)
            tmp = None
            entry.changed = False
        except OSError:
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _prune(self) -> None:
        """Keep the entries this run used and, of the others, the newest: at most as many again plus a hundred."""
        try:
            listing = list(os.scandir(self.folder))
        except OSError:
            return
        now = time.time()
        unused = []
        for item in listing:
            try:
                if item.name.startswith(".tmp-"):
                    if now - item.stat().st_mtime > _STALE_TEMPORARY:  # left by a run that was killed
                        os.unlink(item.path)
                elif item.name not in self.entries:
                    unused.append((item.stat().st_mtime, item.path))
            except OSError:
                continue
        for _, path in sorted(unused, reverse=True)[len(self.entries) + _KEEP_EXTRA:]:
            try:
                os.unlink(path)
            except OSError:
                pass


def cached_with(entry: Entry | None, part: str, make: Callable[[], T], *inputs: bytes | str) -> T:
    """``entry.remember(...)`` for an entry that may not exist (a file not read, a cache off)."""
    return make() if entry is None else entry.remember(part, make, *inputs)


def digest_of(*parts: bytes | str) -> str:
    """A short stable digest of other inputs a result depends on (the glossary file, the macros' names)."""
    return _digest(*parts).hex()

