"""The parity rule for hand-written pages: every page in ``docs/`` exists in kk, ru and en."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

from .errors import DataError, display_path
from .i18n import LANG_NAMES, LANGS

_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def docs_pages(docs_dir: Path) -> dict[str, dict[str, Path]]:
    """``{'cases/index.md': {'kk': path, 'ru': path, ...}}``; unsuffixed pages map to lang ``''``."""
    pages: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted(Path(docs_dir).rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        folder, name = rel.rpartition("/")[0], path.name
        match = _SUFFIX.match(name)
        lang = match["lang"] if match else ""
        stem = match["stem"] if match else name[:-3]
        pages[f"{folder + '/' if folder else ''}{stem}.md"][lang] = path
    return dict(pages)


def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page (``---`` lines at the top), or ``{}``."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end >= 0:
            return text[text.find("\n", end + 4) + 1:]
    return text


def page_parity_errors(docs_dir: Path, root: Path | None = None) -> list[DataError]:
    errors = []
    for page, versions in docs_pages(docs_dir).items():
        some = next(iter(versions.values()))
        shown = display_path(some, root)
        if "" in versions:
            errors.append(DataError(shown, 1, "page", "has no language suffix",
                                    f"rename it to {page[:-3]}.kk.md and add .ru.md and .en.md versions"))
        for lang in versions:
            if lang and lang not in LANGS:
                errors.append(DataError(display_path(versions[lang], root), 1, "page",
                                        f"'{lang}' is not a language of this site",
                                        "use one of the suffixes .kk.md, .ru.md, .en.md"))
        present = [lang for lang in LANGS if lang in versions]
        if not present:
            continue
        source = display_path(versions[present[0]], root)
        for lang in LANGS:
            if lang not in versions:
                missing = display_path(Path(docs_dir) / f"{page[:-3]}.{lang}.md", root)
                errors.append(DataError(source, 1, "page", f"has no {LANG_NAMES[lang]} version",
                                        f"create {missing} (every page is published in kk, ru and en together)",
                                        lang))
    return errors
