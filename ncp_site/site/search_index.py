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

from ..core.languages import Languages
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


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    languages: int

    def summary(self) -> str:
        return f"search index: {self.pages} pages in {self.languages} languages"


def command(site_dir: Path, output: str = BUNDLE, glob: str | None = None) -> list[str]:
    return ([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", output,
             "--exclude-selectors", NOT_CONTENT] + (["--glob", glob] if glob else []))


def build_search_index(site_dir: Path, languages: Languages | None = None) -> SearchIndex:
    """Index every page of the built site in ``site_dir``; raises ``SearchIndexError`` when Pagefind fails.

    With ``languages``, Pagefind runs once per language (the pages under its prefix) and the bundles
    are joined: the same bundle as one run over the whole site, byte for byte, with a third of the
    memory (Pagefind holds the index it builds: 1.5 GB for 18,000 pages in one run)."""
    site_dir = Path(site_dir)
    if languages is None or len(languages.codes) < 2:
        output = _run(command(site_dir), site_dir)
        pages, counted = _count(output, "pages"), _count(output, "languages")
    else:
        pages, counted = 0, 0
        for lang in languages:
            part = f".{BUNDLE}-{lang}"
            output = _run(command(site_dir, part, _glob(site_dir, lang, languages)), site_dir)
            pages += _count(output, "pages")
        counted = _join(site_dir, [site_dir / f".{BUNDLE}-{lang}" for lang in languages], site_dir / BUNDLE)
    stabilise(site_dir / BUNDLE)
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return SearchIndex(pages=pages, languages=counted)


def _run(cmd: list[str], site_dir: Path) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode and ("KeyboardInterrupt" in output or result.returncode < 0):
        raise SearchIndexError(f"Pagefind was stopped before it indexed {site_dir}")
    if result.returncode:
        lines = output.splitlines()
        first = next((i for i, line in enumerate(lines) if line.startswith("Error")), 0)
        said = dict.fromkeys(line.strip() for line in lines[first:] if line.strip())  # Pagefind repeats itself
        raise SearchIndexError(f"Pagefind could not index {site_dir}: " + " ".join(said))
    return output


def _glob(site_dir: Path, lang: str, languages: Languages) -> str:
    """The pages of ``lang``: under its prefix, or (the default language, at the root) everywhere but
    under the other languages' prefixes and the bundles."""
    prefix = languages.prefix(lang)
    if prefix:
        return f"{prefix}**/*.html"
    others = {languages.prefix(code).strip("/") for code in languages if code != lang}
    names = sorted(entry.name for entry in site_dir.iterdir()
                   if entry.name not in others and not entry.name.startswith(".") and entry.name != BUNDLE)
    return "{" + ",".join(f"{name}/**/*.html" if (site_dir / name).is_dir() else name for name in names) + "}"


def _join(site_dir: Path, parts: list[Path], bundle: Path) -> int:
    """One bundle from the languages' bundles: their files together, the entry file's languages joined;
    returns how many languages it indexes."""
    import json
    import shutil

    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir()
    entry = None
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
    return len(entry["languages"])


def _count(output: str, what: str) -> int:
    """Pagefind's total, e.g. ``Indexed 76 pages`` (the last such line is the total)."""
    found = re.findall(rf"Indexed (\d+) {what}", output)
    return int(found[-1]) if found else 0
