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
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ..core.languages import Languages
from .stable_bundle import ENTRY, SORT, stabilise

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


def command(site_dir: Path, output: str = BUNDLE, glob: str | None = None, absolute: bool = False) -> list[str]:
    return ([*pagefind(), "--site", str(site_dir),
             "--output-path" if absolute else "--output-subdir", output,
             "--exclude-selectors", NOT_CONTENT] + (["--glob", glob] if glob else []))


STOP_POLL = 0.05
"""Seconds between two looks at the ``stop`` event while Pagefind runs."""

PART_PAGES = 2000
"""Pages per Pagefind run at most. Pagefind holds about 200 KB for each page it indexes until it
writes the bundle (2 GB for the 10,000 case pages of one language), so a language with more pages
is indexed in parts, searched together in the browser (``ncp-pagefind.js``)."""

PARTS = "parts"
"""The folder, inside the bundle, of the parts after each language's first (``parts/en-1/``)."""

MANIFEST = "ncp-parts.json"
"""Inside the bundle: each language's further parts, in order (``{"en": ["parts/en-1/"]}``)."""

BODY_FOUND = "Found a data-pagefind-body element"
"""What Pagefind prints when it indexes only the pages marked as content; without it, it indexes whole pages."""

_DATE = re.compile(rb"\d{4}(-\d{2}(-\d{2})?)?")


def build_search_index(site_dir: Path, languages: Languages | None = None,
                       part_pages: int = PART_PAGES, stop: threading.Event | None = None) -> SearchIndex:
    """Index every page of the built site in ``site_dir``; raises ``SearchIndexError`` when Pagefind fails,
    ``IndexingStopped`` (Pagefind killed, nothing of this run left) as soon as ``stop`` is set.

    With ``languages``, Pagefind runs once per language (the pages under its prefix), in parts of at
    most ``part_pages`` pages: the first parts of all languages are joined into one bundle, the same
    bytes as one run over the whole site, and the others are written as bundles of their own under
    ``parts/``, listed in ``ncp-parts.json``. The pages are split newest first by their
    ``data-pagefind-sort`` value, so that a list sorted by it is the parts' results one after the other."""
    site_dir = Path(site_dir)
    stop = stop or threading.Event()
    if languages is None or len(languages.codes) < 2:
        output = _run(command(site_dir), site_dir, stop)
        pages, counted = _count(output, "pages"), _count(output, "languages")
        parts: dict[str, list[str]] = {}
    else:
        pages, firsts, parts = 0, [], {}
        try:
            found = _html_files(site_dir, languages)
            for lang in languages:
                if len(found[lang]) <= part_pages:  # one part: Pagefind picks the language's pages itself
                    globs = [_folders_glob(found[lang])] if found[lang] else []
                else:
                    globs = [_pages_glob(part) for part in _parts(site_dir, _indexed_pages(site_dir, found[lang]),
                                                                  part_pages)]
                for n, glob in enumerate(globs):
                    bundle = site_dir / (f".{BUNDLE}-{lang}" if n == 0 else f".{BUNDLE}-{lang}-{n}")
                    output = _run_over(site_dir, glob, bundle, stop)
                    if BODY_FOUND not in output:  # it indexed whole pages: none of them is content
                        break
                    pages += _count(output, "pages")
                    if n == 0:
                        firsts.append(bundle)
                    else:
                        parts.setdefault(lang, []).append(f"{PARTS}/{lang}-{n}/")
            if not firsts:
                raise SearchIndexError(f"Pagefind could not index {site_dir}: no page has data-pagefind-body")
            counted = _join(site_dir, firsts, site_dir / BUNDLE)
            for lang, names in parts.items():
                for n, name in enumerate(names, start=1):
                    (site_dir / f".{BUNDLE}-{lang}-{n}").rename(_mkparent(site_dir / BUNDLE / name))
        finally:
            for leftover in site_dir.glob(f".{BUNDLE}-*"):
                shutil.rmtree(leftover)
    for bundle in [site_dir / BUNDLE] + [site_dir / BUNDLE / name for names in parts.values() for name in names]:
        stabilise(bundle, site_dir)
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
    (site_dir / BUNDLE / MANIFEST).write_text(json.dumps(parts, sort_keys=True, separators=(",", ":")) + "\n",
                                              encoding="utf-8")
    return SearchIndex(pages=pages, languages=counted)


def _html_files(site_dir: Path, languages: Languages) -> dict[str, list[str]]:
    """Every HTML file of the built site by language (its path under the site, in path order), Pagefind's
    bundle and work folders left out; one walk of the site, no file read."""
    others = {languages.prefix(code).strip("/"): code for code in languages if code != languages.default}
    found: dict[str, list[str]] = {code: [] for code in languages}
    for folder, subfolders, files in os.walk(site_dir):
        relative = Path(folder).relative_to(site_dir)
        if not relative.parts:
            subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != BUNDLE]
        lang = others.get(relative.parts[0], languages.default) if relative.parts else languages.default
        found[lang] += [(relative / name).as_posix() for name in files if name.endswith(".html")]
    return {code: sorted(paths) for code, paths in found.items()}


def _folders_glob(paths: list[str]) -> str:
    """Pagefind's glob for one language's pages (``paths``): its top-level files and folders."""
    tops = sorted({path.split("/")[0] + ("/" if "/" in path else "") for path in paths})
    return "{" + ",".join(_escaped(top) + "**/*.html" if top.endswith("/") else _escaped(top) for top in tops) + "}"


def _pages_glob(paths: list[str]) -> str:
    """Pagefind's glob for these pages, each named."""
    return "{" + ",".join(map(_escaped, paths)) + "}"


_GLOB_META = re.compile(r"([\\?*$:<>()\[\]{},])")


def _escaped(path: str) -> str:
    """``path`` as a literal in Pagefind's globs (the ``wax`` crate's meta-characters escaped)."""
    return _GLOB_META.sub(r"\\\1", path)


def _indexed_pages(site_dir: Path, paths: list[str]) -> list[tuple[bytes, bytes, str]]:
    """Of ``paths`` (one language's HTML files), the pages Pagefind indexes (those with ``data-pagefind-body``),
    newest first: ``(sort key, sort value, path)``, the pages without a sort value last, in path order."""
    found = []
    for relative in paths:
        html = (site_dir / relative).read_bytes()
        if b"data-pagefind-body" not in html:
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
    if len(pages) > size and odd:
        raise SearchIndexError(f"{site_dir}: a language indexed in parts needs sort values that are dates or years "
                               f"(data-pagefind-sort), not {', '.join(odd[:3])}")
    paths = [path for _, _, path in pages]
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def _run_over(site_dir: Path, glob: str, output: Path, stop: threading.Event) -> str:
    """Pagefind over the pages of the site that ``glob`` matches, read in place (the same paths, so the same URLs).

    The glob goes in the configuration file Pagefind reads in the folder it runs in (``pagefind.json``): a part's
    names every page, longer than one argument may be (128 KiB). Reading in place, not a tree of links to the pages,
    spares a folder per page made and removed (0.8 s of waiting on the disk at the repository's size, 2.4 s at
    100 cases + 500 events)."""
    folder = site_dir / f".{BUNDLE}-glob"
    folder.mkdir(exist_ok=True)
    (folder / "pagefind.json").write_text(json.dumps({"glob": glob}), encoding="utf-8")
    return _run(command(site_dir.resolve(), output=str(output.resolve()), absolute=True), site_dir, stop, cwd=folder)


def _mkparent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _run(cmd: list[str], site_dir: Path, stop: threading.Event, cwd: Path | None = None) -> str:
    """Pagefind's output; killed as soon as ``stop`` is set."""
    if stop.is_set():
        raise IndexingStopped(f"the search index of {site_dir} was stopped")
    with subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            while True:
                try:
                    stdout, stderr = process.communicate(timeout=STOP_POLL)
                    break
                except subprocess.TimeoutExpired:
                    if stop.is_set():
                        raise IndexingStopped(f"the search index of {site_dir} was stopped") from None
        except BaseException:  # stopped, or the build was (SIGTERM, Ctrl-C): Pagefind with it
            process.kill()
            process.communicate()
            raise
    output, returncode = stdout + stderr, process.returncode
    if returncode and ("KeyboardInterrupt" in output or returncode < 0):
        raise SearchIndexError(f"Pagefind was stopped before it indexed {site_dir}")
    if returncode:
        lines = output.splitlines()
        first = next((i for i, line in enumerate(lines) if line.startswith("Error")), 0)
        said = dict.fromkeys(line.strip() for line in lines[first:] if line.strip())  # Pagefind repeats itself
        raise SearchIndexError(f"Pagefind could not index {site_dir}: " + " ".join(said))
    return output


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


def _count(output: str, what: str) -> int:
    """Pagefind's total, e.g. ``Indexed 76 pages`` (the last such line is the total)."""
    found = re.findall(rf"Indexed (\d+) {what.removesuffix('s')}s?\b", output)  # "1 page", "2 pages"
    return int(found[-1]) if found else 0
