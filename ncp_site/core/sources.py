"""Every source file of a project, read, decoded and parsed once per load.

Data kinds, the terminology lint, the translation status and the pending-translation rule all
work on these parsed documents and pages; nothing reads a source file a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import translation_meta
from .config import SiteConfig
from .errors import DataError, display_path
from .yamlsrc import YamlDoc, parse_bytes, read_bounded

CITED_IDS = "documents"
"""The key of the validation context holding the ids a record may cite (``core.citations``)."""
STATE_FILE = "translation-state.yml"
"""Written by ``ncp translations reviewed``: a data file, but not data a visitor reads."""
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


@dataclass
class PageSource:
    """A hand-written page in ``docs/``: one language version of it."""

    key: str  # the page without its language suffix: ``cases/index.md``
    lang: str  # the suffix (``''`` when it has none)
    path: Path
    shown: str
    text: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        return strip_front_matter(self.text)


@dataclass
class Sources:
    config: SiteConfig
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    """Parsed data files by shown path (``data/cases/kz0003.yml``), translation keys extracted."""
    errors: dict[str, list[DataError]] = field(default_factory=dict)
    """Problems found while reading or parsing each data file (the file's kind reports them)."""
    pages: dict[str, dict[str, PageSource]] = field(default_factory=dict)
    page_errors: list[DataError] = field(default_factory=list)
    citable: frozenset[str] | None = None
    """The ids of the documents a record may cite (``core.citations``), set before the kinds load; None: unchecked."""

    @classmethod
    def read(cls, config: SiteConfig) -> Sources:
        sources = cls(config)
        for path in _files(config.data_dir, ("*.yml", "*.yaml")):
            shown = display_path(path, config.root)
            raw, errors = read_bounded(path, shown)
            doc, more = parse_bytes(raw, shown) if raw is not None else (None, [])
            errors += more
            if doc is not None and path.name != STATE_FILE:
                errors += translation_meta.extract(doc, config.languages)
            sources.errors[shown] = errors
            if doc is not None:
                sources.docs[shown] = doc
        for path in _files(config.docs_dir, ("*.md",)):
            sources._add_page(path)
        return sources

    def _add_page(self, path: Path) -> None:
        rel = path.relative_to(self.config.docs_dir).as_posix()
        folder, name = rel.rpartition("/")[0], path.name
        match = _SUFFIX.match(name)
        lang = match["lang"] if match else ""
        key = f"{folder + '/' if folder else ''}{match['stem'] if match else name[:-3]}.md"
        page = PageSource(key, lang, path, display_path(path, self.config.root))
        raw, errors = read_bounded(path, page.shown, "page")
        self.page_errors += errors
        try:
            page.text = (raw or b"").decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.page_errors.append(DataError(page.shown, raw[:exc.start].count(b"\n") + 1, "page",
                                              f"is not valid UTF-8 ({exc.reason})", "save the file with UTF-8 encoding"))
        page.meta = front_matter(page.text)
        self.pages.setdefault(key, {})[lang] = page

    def validation_context(self) -> dict:
        """What validating a record needs besides the languages: the ids it may cite, once read."""
        return {} if self.citable is None else {CITED_IDS: self.citable}

    def path(self, relative: str) -> str:
        """The shown path of a file under the data folder (``cases`` -> ``data/cases``)."""
        return display_path(self.config.data_dir / relative, self.config.root)

    def data_file(self, relative: str) -> tuple[YamlDoc | None, list[DataError], bool]:
        """One data file: its document, its reading errors, and whether it exists."""
        shown = self.path(relative)
        return self.docs.get(shown), list(self.errors.get(shown, [])), shown in self.errors

    def required_file(self, relative: str) -> tuple[YamlDoc | None, list[DataError]]:
        """A data file the site cannot do without: its document, or None and why."""
        doc, errors, exists = self.data_file(relative)
        if not exists:
            return None, [DataError(self.path(relative), 1, "(file)", "does not exist",
                                    "create it (see the README's data section) or restore it from git")]
        return doc, errors

    def data_folder(self, relative: str) -> list[str]:
        """Shown paths of the data files directly in a folder, in a stable order."""
        prefix = self.path(relative).rstrip("/") + "/"
        return sorted(p for p in self.errors if p.startswith(prefix) and "/" not in p[len(prefix):])

    def translatable(self) -> list[YamlDoc]:
        """Data files holding text a visitor reads (all but the translation state)."""
        return [doc for shown, doc in sorted(self.docs.items()) if not shown.endswith("/" + STATE_FILE)]

    def page_versions(self) -> list[PageSource]:
        return [page for versions in self.pages.values() for page in versions.values()]

    def file_name(self, shown: str) -> str:
        return shown.rsplit("/", 1)[-1]


def _files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted({p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()})


def front_matter(text: str) -> dict:
    """The YAML front matter of a Markdown page (``---`` lines at the top), or ``{}``."""
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
