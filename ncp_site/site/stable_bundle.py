"""Make Pagefind's bundle the same bytes for the same site, as every other output of the build.

Pagefind 1.5.2 (the newest on PyPI) writes three things in hash-map order, which changes from run
to run: the values inside each filter file (so its name, a hash of its content, changes too), the
list of filter files and the list of sort keys in each language's metadata (the latter shows once
there is more than one sort key: the register's, the events' and the documents'), and the
languages in ``pagefind-entry.json``.
Pagefind fixed this after 1.5.2 (its pull request #1124); until a release with it reaches PyPI,
this module sorts those lists and renames the files after their new content. Everything else
Pagefind writes is already stable. The files are gzip'ed CBOR after the signature
``pagefind_dcd``; they hold arrays, text and unsigned integers only, which is all this reads.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
META_FILTERS = 3
"""Position of the list of ``[filter, file hash]`` in a language's metadata (Pagefind's MetaIndex)."""
META_SORTS = 4
"""Position of the list of ``[sort key, page numbers in order]`` in a language's metadata."""


def stabilise(bundle: Path) -> None:
    """Sort what Pagefind left in hash-map order in ``bundle`` (``site/pagefind``), renaming files to match."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        filters = []
        for name, old in meta[META_FILTERS]:
            filter_path = bundle / "filter" / f"{old}.pf_filter"
            key, values = read(filter_path)
            new = write(lambda name: bundle / "filter" / f"{name}.pf_filter", lang, [key, sorted(values)], 7)
            if new != old:
                filter_path.unlink()
            filters.append([name, new])
        meta[META_FILTERS] = sorted(filters)
        meta[META_SORTS] = sorted(meta[META_SORTS])
        info["hash"] = write(lambda name: bundle / f"pagefind.{name}.pf_meta", lang, meta, 10)
        if f"pagefind.{info['hash']}.pf_meta" != meta_path.name:
            meta_path.unlink()
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind index file")
    value, end = decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path}: unexpected data after the index")
    return value


def write(path_of, lang: str, value, digits: int) -> str:
    """Write ``value`` where ``path_of(name)`` says; ``name`` (how Pagefind refers to the file) is
    the language and a hash of the content, as Pagefind names its files."""
    data = SIGNATURE + encode(value)
    name = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    path_of(name).write_bytes(gzip.compress(data, mtime=0))
    return name


def decode(data: bytes, at: int):
    """One CBOR item at ``at``: an unsigned integer, a text or an array; returns it and where it ends."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        n = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        n, at = int.from_bytes(data[at:at + size], "big"), at + size
    if major == 0:
        return n, at
    if major == 3:
        return data[at:at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} is not used by Pagefind's index files")


def encode(value) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise TypeError(f"cannot encode {type(value).__name__}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    return _head(4, len(value)) + b"".join(encode(item) for item in value)


def _head(major: int, n: int) -> bytes:
    """The shortest CBOR head for ``n`` (as Pagefind's encoder writes it)."""
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(f"{n} is too large for CBOR")
