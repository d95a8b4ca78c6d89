"""The site's search index: Pagefind over the built site, one index per language.

Pagefind reads each page's ``<html lang>`` and writes one index per language into ``pagefind/``
at the site root, split in small fragments: a page load fetches none of it, a query fetches only
the fragments its words need. What is indexed is decided in the templates, not here:
``data-pagefind-body`` marks a page's main content (``overrides/main.html``; pages that are
machine lists, such as the translation status, carry none and are left out), and
``data-pagefind-ignore`` marks what is not content (the abbreviation key). The register's
filters and its newest-first order come from ``data-pagefind-filter`` and ``data-pagefind-sort``
on the case pages (``kinds/cases/templates/case_page.md``).

Pagefind runs once per language, and a language with more than ``PART_PAGES`` pages is indexed in
parts, newest first (Pagefind's memory grows with the pages of one run); ``ncp-pagefind.js``
searches the parts together.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..core.languages import Languages
from .pagefind_service import PagefindService, ServiceError, ServiceStopped
from .stable_bundle import ENTRY, stabilise

BUNDLE = "pagefind"
"""The folder Pagefind writes at the site root; the pages' scripts load ``pagefind/pagefind.js`` from it."""

UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's own interfaces, which the site does not load (its search page and register have their
own scripts): about 420 KB not to publish."""

NOT_CONTENT = ".headerlink"
"""Heading permalinks (a pilcrow each): part of the article, not of its text."""


_GLUED = re.compile(r"</th>(?=<(?!td[\s>]))|</(?:dt|dd|caption)>(?=<)")


def keep_words_apart(html: str) -> str:
    """A space after ``</dt>``, ``</dd>``, ``</caption>`` or ``</th>`` directly followed by a tag
    (but a ``<td>``, whose text Pagefind sets apart itself).

    Pagefind separates the text of ``p``, ``td``, ``li`` and other blocks, but reads these as inline:
    ``<dt>Location</dt><dd>Astana</dd>`` would be indexed as one word, "LocationAstana", that no
    query finds. Browsers ignore the space (between cells or list items it renders nothing).
    """
    return _GLUED.sub(lambda match: match.group(0) + " ", html)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds what it printed."""


class IndexingStopped(SearchIndexError):
    """The caller asked the index to stop (``stop``); the bundle before it is left as it was."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    languages: int

    def summary(self) -> str:
        return f"search index: {self.pages} pages in {self.languages} languages"


def pagefind() -> list[str]:
    """Pagefind's binary from its wheel (``pagefind_bin.get_executable``), started directly: ``python -m pagefind``
    starts a Python only to replace itself with it, once per language and part (0.5 s of CPU in a build of
    the repository's size). ``python -m pagefind`` where the binary comes from elsewhere."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return [sys.executable, "-m", "pagefind"]
    return [str(get_executable().resolve())]


PART_PAGES = 2000
"""Pages per Pagefind index at most. Pagefind holds about 200 KB for each page it indexes until it
writes the bundle (2 GB for the 10,000 case pages of one language), so a language with more pages
is indexed in parts, searched together in the browser (``ncp-pagefind.js``)."""

PARTS = "parts"
"""The folder, inside the bundle, of the parts after each language's first (``parts/en-1/``)."""

MANIFEST = "ncp-parts.json"
"""Inside the bundle: each language's further parts, in order (``{"en": ["parts/en-1/"]}``)."""

BODY = b"data-pagefind-body"

SORT = re.compile(rb'data-pagefind-sort="([^":]*):([^"]*)"')
"""A page's sort key and value as Pagefind reads them."""

_DATE = re.compile(rb"\d{4}(-\d{2}(-\d{2})?)?")


def build_search_index(site_dir: Path, languages: Languages | None = None,
                       part_pages: int = PART_PAGES, stop: threading.Event | None = None) -> SearchIndex:
    """Index every page of the built site in ``site_dir`` that has ``data-pagefind-body``; raises
    ``SearchIndexError`` when Pagefind fails, ``IndexingStopped`` (Pagefind killed, nothing of this run left)
    as soon as ``stop`` is set.

    With ``languages``, Pagefind makes one index per language (the pages under its prefix), in parts of at
    most ``part_pages`` pages: the first parts of all languages are joined into one bundle, the same
    bytes as one index of the whole site, and the others are written as bundles of their own under
    ``parts/``, listed in ``ncp-parts.json``. The pages are split newest first by their
    ``data-pagefind-sort`` value, so that a list sorted by it is the parts' results one after the other."""
    site_dir = Path(site_dir)
    stop = stop or threading.Event()
    found = _html_files(site_dir, languages)
    if not any(found.values()):
        raise SearchIndexError(f"Pagefind could not index {site_dir}: there are no html files")
    pages, firsts = 0, []
    parts: dict[str, list[str]] = {}
    writer, written = ThreadPoolExecutor(max_workers=1), []
    try:
        for lang, paths in found.items():
            indexed = _indexed_pages(site_dir, paths)
            if languages is not None and len(indexed) > part_pages:
                runs = _parts(site_dir, indexed, part_pages)
            else:
                runs = [[path for _, _, path in indexed]] if indexed else []
            for n, run in enumerate(runs):
                bundle = site_dir / (f".{BUNDLE}-{lang}" if n == 0 else f".{BUNDLE}-{lang}-{n}")
                files = _index(site_dir, sorted(run), stop)  # each run in path order: Pagefind numbers pages as given
                pages += len(run)
                written.append(writer.submit(_write, bundle, files))
                if n == 0:
                    firsts.append(bundle)
                else:
                    parts.setdefault(lang, []).append(f"{PARTS}/{lang}-{n}/")
        if not firsts:
            raise SearchIndexError(f"Pagefind could not index {site_dir}: no html files have data-pagefind-body")
        for done in written:
            done.result()
        counted = _join(site_dir, firsts, site_dir / BUNDLE)
        for lang, names in parts.items():
            for n, name in enumerate(names, start=1):
                (site_dir / f".{BUNDLE}-{lang}-{n}").rename(_mkparent(site_dir / BUNDLE / name))
    finally:
        writer.shutdown()
        for leftover in site_dir.glob(f".{BUNDLE}-*"):
            shutil.rmtree(leftover)
    for bundle in [site_dir / BUNDLE] + [site_dir / BUNDLE / name for names in parts.values() for name in names]:
        stabilise(bundle)
    (site_dir / BUNDLE / MANIFEST).write_text(json.dumps(parts, sort_keys=True, separators=(",", ":")) + "\n",
                                              encoding="utf-8")
    return SearchIndex(pages=pages, languages=counted)


def _html_files(site_dir: Path, languages: Languages | None) -> dict[str, list[str]]:
    """Every HTML file of the built site by language (its path under the site, in path order; all under one
    key without ``languages``), Pagefind's bundle and work folders left out; one walk of the site, no file read."""
    default = languages.default if languages else ""
    others = {languages.prefix(code).strip("/"): code for code in languages if code != default} if languages else {}
    found: dict[str, list[str]] = {code: [] for code in (languages or [default])}
    for folder, subfolders, files in os.walk(site_dir):
        relative = Path(folder).relative_to(site_dir)
        if not relative.parts:
            subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != BUNDLE]
        lang = others.get(relative.parts[0], default) if relative.parts else default
        found[lang] += [(relative / name).as_posix() for name in files if name.endswith(".html")]
    return {code: sorted(paths) for code, paths in found.items()}


def _indexed_pages(site_dir: Path, paths: list[str]) -> list[tuple[bytes, bytes, str]]:
    """Of ``paths`` (one language's HTML files), the pages Pagefind indexes (those with ``data-pagefind-body``),
    newest first: ``(sort key, sort value, path)``, the pages without a sort value last, in path order."""
    found = []
    for relative in paths:
        html = (site_dir / relative).read_bytes()
        if BODY not in html:
            continue
        sort = SORT.search(html)
        found.append((sort.group(1), sort.group(2), relative) if sort else (b"", b"", relative))
    found.sort(key=lambda page: page[2])
    found.sort(key=lambda page: page[1], reverse=True)  # stable: equal values stay in path order
    return found


def _parts(site_dir: Path, pages: list[tuple[bytes, bytes, str]], size: int) -> list[list[str]]:
    """``pages`` in parts of ``size``. Their order is each list's order, whatever its key (a case's
    submission, an event's start, a document's year) only if every sort value is an ISO date or a
    year: Pagefind sorts such values as text, which is also their order in time."""
    odd = sorted({value.decode() for _, value, _ in pages if value and not _DATE.fullmatch(value)})
    if odd:
        raise SearchIndexError(f"{site_dir}: a language indexed in parts needs sort values that are dates or years "
                               f"(data-pagefind-sort), not {', '.join(odd[:3])}")
    paths = [path for _, _, path in pages]
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def url_of(path: str) -> str:
    """The address Pagefind gives a page it reads from disk (``ru/cases/x/index.html`` -> ``/ru/cases/x/``)."""
    return "/" + (path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path)


def indexed_part(html: str) -> str:
    """What Pagefind needs to read of a page: all of it but what lies between ``</head>`` and the start of the
    element marked ``data-pagefind-body`` (Material's header, navigation and sidebars: two thirds of a page,
    and of Pagefind's reading). That stretch is kept where it holds anything Pagefind would take from it: a
    ``data-pagefind-`` attribute, or an ``<h1>`` (the first one titles the page)."""
    head_end = html.find("</head>")
    body = html.find("data-pagefind-body")
    start = html.rfind("<", 0, body)
    if head_end < 0 or start <= head_end:
        return html
    skipped = html[head_end:start]
    if "data-pagefind" in skipped or "<h1" in skipped:
        return html
    return html[:head_end] + "</head><body>" + html[start:]


def _index(site_dir: Path, paths: list[str], stop: threading.Event) -> list[tuple[str, bytes]]:
    """The bundle (each file's path in it and its bytes) of one Pagefind index of the pages at ``paths``, in
    this order, which is the order Pagefind numbers them in."""
    try:
        with PagefindService(pagefind(), stop, f"the search index of {site_dir}") as service:
            index = service.new_index({"exclude_selectors": [NOT_CONTENT]})
            for path in paths:
                service.add_file(index, url_of(path), indexed_part((site_dir / path).read_text(encoding="utf-8")))
            return [(name, content) for name, content in service.files(index) if name not in UNUSED]
    except ServiceStopped as exc:
        raise IndexingStopped(str(exc)) from None
    except ServiceError as exc:
        raise SearchIndexError(str(exc)) from None


def _write(bundle: Path, files: list[tuple[str, bytes]]) -> None:
    """Written while Pagefind indexes the next language or part: a file per page (its fragment) is made, and
    making a file costs the kernel 0.02-0.7 ms of CPU on this machine's disk, which would otherwise wait for
    Pagefind or it for us."""
    while files:
        name, content = files.pop()
        _mkparent(bundle / name).write_bytes(content)


def _mkparent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _join(site_dir: Path, parts: list[Path], bundle: Path) -> int:
    """One bundle from the languages' bundles: their files together, the entry file's languages joined;
    returns how many languages it indexes."""
    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir()
    entry: dict | None = None
    for part in parts:
        this = json.loads((part / ENTRY).read_text(encoding="utf-8"))
        if entry is None:
            entry = this
        elif {k: v for k, v in this.items() if k != "languages"} != {k: v for k, v in entry.items() if k != "languages"}:
            raise SearchIndexError(f"Pagefind's bundles of {site_dir} differ in more than their languages")
        else:
            entry["languages"].update(this["languages"])
        for path in sorted(p for p in part.rglob("*") if p.is_file() and p.name != ENTRY):
            target = bundle / path.relative_to(part)
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise SearchIndexError(f"Pagefind wrote two different {target.relative_to(site_dir)}")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
        shutil.rmtree(part)
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(entry["languages"]) if entry is not None else 0
