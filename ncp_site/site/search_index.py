"""The site's search index: Pagefind, run once over the whole built site, one index per language.

Pagefind reads each page's ``<html lang>`` and writes one index per language into ``pagefind/``
at the site root, split in small fragments: a page load fetches none of it, a query fetches only
the fragments its words need. What is indexed is decided in the templates, not here:
``data-pagefind-body`` marks a page's main content (``overrides/main.html``; pages that are
machine lists, such as the translation status, carry none and are left out), and
``data-pagefind-ignore`` marks what is not content (the abbreviation key). The register's
filters and its newest-first order come from ``data-pagefind-filter`` and ``data-pagefind-sort``
on the case pages (``kinds/cases/templates/case_page.md``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .stable_bundle import stabilise

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


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    languages: int

    def summary(self) -> str:
        return f"search index: {self.pages} pages in {self.languages} languages"


def command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
            "--exclude-selectors", NOT_CONTENT]


def build_search_index(site_dir: Path) -> SearchIndex:
    """Index every page of the built site in ``site_dir``; raises ``SearchIndexError`` when Pagefind fails."""
    result = subprocess.run(command(Path(site_dir)), capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode:
        lines = output.splitlines()
        first = next((i for i, line in enumerate(lines) if line.startswith("Error")), 0)
        said = dict.fromkeys(line.strip() for line in lines[first:] if line.strip())  # Pagefind repeats itself
        raise SearchIndexError(f"Pagefind could not index {site_dir}: " + " ".join(said))
    stabilise(Path(site_dir) / BUNDLE)
    for name in UNUSED:
        (Path(site_dir) / BUNDLE / name).unlink(missing_ok=True)
    return SearchIndex(pages=_count(output, "pages"), languages=_count(output, "languages"))


def _count(output: str, what: str) -> int:
    """Pagefind's total, e.g. ``Indexed 76 pages`` (the last such line is the total)."""
    found = re.findall(rf"Indexed (\d+) {what}", output)
    return int(found[-1]) if found else 0
