"""Make Pagefind's bundle the same bytes for the same site, as every other output of the build.

Pagefind 1.5.2 (the newest on PyPI) writes three things in hash-map order, which changes from run
to run: the values inside each filter file (so its name, a hash of its content, changes too), the
list of filter files and the list of sort keys in each language's metadata (the latter shows once
there is more than one sort key: the register's, the events' and the documents'), and the
languages in ``pagefind-entry.json``.
Pagefind fixed this after 1.5.2 (its pull request #1124); until a release with it reaches PyPI,
this module sorts those lists and renames the files after their new content.

The pages are numbered in the order they are given (``search_index.py`` gives them in path order), so
the index's chunks are left as Pagefind wrote them. The files are gzip'ed CBOR after the signature
``pagefind_dcd`` (read and written with cbor2).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
META_FILTERS = 3
"""Position of the list of ``[filter, file hash]`` in a language's metadata (Pagefind's MetaIndex)."""
META_SORTS = 4
"""Position of the list of ``[sort key, page numbers in order]``."""


def stabilise(bundle: Path) -> None:
    """Sort what Pagefind left in hash-map order in ``bundle`` (``site/pagefind``, or a part of it), renaming
    files to match."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        filters = []
        for name, old in meta[META_FILTERS]:
            filter_path = bundle / "filter" / f"{old}.pf_filter"
            key, values = read(filter_path)
            values = [[value, sorted(pages)] for value, pages in values]
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
    return cbor2.loads(data[len(SIGNATURE):])


def write(path_of, lang: str, value, digits: int) -> str:
    """Write ``value`` where ``path_of(name)`` says; ``name`` (how Pagefind refers to the file) is
    the language and a hash of the content, as Pagefind names its files. cbor2 writes each item in its
    shortest form, as Pagefind's encoder does, so a file nothing changed is written as it was."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    path_of(name).write_bytes(gzip.compress(data, mtime=0))
    return name
