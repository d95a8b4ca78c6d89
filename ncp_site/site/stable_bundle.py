"""Make Pagefind's bundle the same bytes for the same site, as every other output of the build.

Pagefind 1.5.2 (the newest on PyPI) writes three things in hash-map order, which changes from run
to run: the values inside each filter file (so its name, a hash of its content, changes too), the
list of filter files and the list of sort keys in each language's metadata (the latter shows once
there is more than one sort key: the register's, the events' and the documents'), and the
languages in ``pagefind-entry.json``.
Pagefind fixed this after 1.5.2 (its pull request #1124); until a release with it reaches PyPI,
this module sorts those lists and renames the files after their new content.

Pagefind also numbers the pages in the order it finds them on disk, which is the file system's
order of each folder's entries: the same on one disk, not on another (ext4 orders them by a hash
seeded per file system, tmpfs newest first). So the pages are numbered again in the order of their
addresses, everywhere a number stands: the metadata's list of pages, each word's pages in the index
(in number order, each written as the difference from the one before; a stem's forms, found in page
order, in the order of their spelling), each filter value's pages, and each sort key's pages, whose pages with the
same value (read from the page's ``data-pagefind-sort``) keep number order, as Pagefind leaves them.
The files are gzip'ed CBOR after the signature ``pagefind_dcd`` (read and written with cbor2's C
extension: the index is most of the bundle).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
META_PAGES = 1
"""Position of the list of ``[fragment hash, word count]`` in a language's metadata (Pagefind's MetaIndex):
a page's number is its place in it."""
META_CHUNKS = 2
"""Position of the list of ``[first word, last word, file hash]`` of the index's chunks."""
META_FILTERS = 3
"""Position of the list of ``[filter, file hash]``."""
META_SORTS = 4
"""Position of the list of ``[sort key, page numbers in order]``."""
SORT = re.compile(rb'data-pagefind-sort="([^":]*):([^"]*)"')
"""A page's sort key and value as Pagefind reads them (the search index splits a language into parts by them too)."""


def stabilise(bundle: Path, site_dir: Path) -> None:
    """Sort what Pagefind left in hash-map or disk order in ``bundle`` (``site/pagefind``, or a part of it;
    its pages under ``site_dir``), renaming files to match."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        number = _renumber(bundle, site_dir, lang, meta)
        filters = []
        for name, old in meta[META_FILTERS]:
            filter_path = bundle / "filter" / f"{old}.pf_filter"
            key, values = read(filter_path)
            values = [[value, sorted(number[page] for page in pages)] for value, pages in values]
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


def _renumber(bundle: Path, site_dir: Path, lang: str, meta: list) -> list[int]:
    """Number the pages of ``meta`` in the order of their addresses: ``meta``'s pages, sorts and index chunks
    (rewritten and renamed) get the new numbers; returns the new number of each old one, for the filters."""
    urls = [_fragment(bundle, page_hash)["url"] for page_hash, _ in meta[META_PAGES]]
    order = sorted(range(len(urls)), key=lambda old: (urls[old], meta[META_PAGES][old]))
    number = [0] * len(order)
    for new, old in enumerate(order):
        number[old] = new
    meta[META_PAGES] = [meta[META_PAGES][old] for old in order]
    values: dict[int, dict[bytes, bytes]] = {}

    def value(old: int, key: str) -> bytes | None:
        if old not in values:
            page = site_dir / urls[old].lstrip("/")
            page = page / "index.html" if urls[old].endswith("/") else page
            values[old] = dict(SORT.findall(page.read_bytes())) if page.is_file() else {}
        return values[old].get(key.encode())

    sorts = []
    for key, pages in meta[META_SORTS]:
        runs: list[list[int]] = []
        for old in pages:
            if runs and value(runs[-1][0], key) == value(old, key):
                runs[-1].append(old)
            else:
                runs.append([old])
        sorts.append([key, [number[old] for run in runs for old in sorted(run, key=number.__getitem__)]])
    meta[META_SORTS] = sorts

    def renumbered(pages: list) -> list:
        """A word's (or a form's) ``[page number, places, meta places]``, in the order of the new numbers. The
        numbers are written as differences from the one before (the first as it is), as Pagefind writes them."""
        absolute, at = [], 0
        for page in pages:
            at += page[0]
            absolute.append([number[at], *page[1:]])
        absolute.sort()
        return [[page[0] - (absolute[i - 1][0] if i else 0), *page[1:]] for i, page in enumerate(absolute)]

    chunks = []
    for first, last, old_name in meta[META_CHUNKS]:
        path = bundle / "index" / f"{old_name}.pf_index"
        words, *rest = read(path)
        words = [[word, renumbered(pages), sorted([form, renumbered(of_form), *more] for form, of_form, *more in forms),
                  *more] for word, pages, forms, *more in words]
        new_name = write(lambda name: bundle / "index" / f"{name}.pf_index", lang, [words, *rest], 7)
        if new_name != old_name:
            path.unlink()
        chunks.append([first, last, new_name])
    meta[META_CHUNKS] = chunks
    return number


def _fragment(bundle: Path, page_hash: str) -> dict:
    data = gzip.decompress((bundle / "fragment" / f"{page_hash}.pf_fragment").read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{page_hash}: not a Pagefind fragment")
    return json.loads(data[len(SIGNATURE):])


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
