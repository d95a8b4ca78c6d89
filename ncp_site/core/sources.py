"""Every source file of a project, read, decoded and parsed once per load.

Data kinds, the terminology lint, the translation status and the pending-translation rule all
work on these parsed documents and pages; nothing reads a source file a second time. With a
``core.cache.SourceCache`` (``ncp`` uses one), a file whose bytes were parsed before by the same code
is not parsed again, and each file's ``Entry`` keeps what the checks computed from it alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import translation_meta
from .cache import Entry, SourceCache, digest_of
from .config import SiteConfig
from .errors import DataError, display_path, shown
from .limits import NOT_TEXT
from .messages import _
from .yamlsrc import KeptDoc, YamlDoc, forbidden_characters, parse_bytes, read_bounded

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
    file_errors: list[DataError] = field(default_factory=list)
    """Links, special files and unreadable folders under ``data/`` and ``docs/``: never read nor published."""
    other_files: list[str] = field(default_factory=list)
    """Shown paths of the files under ``data/`` not named ``*.yml`` (``unread_errors`` reports them)."""
    citable: frozenset[str] | None = None
    """The ids of the documents a record may cite (``core.citations``), set before the kinds load; None: unchecked."""
    offered: dict = field(default_factory=dict)
    """What the kinds loaded so far offer to the validation of the next ones (``Kind.offers``)."""
    entries: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)
    """Each file's cache entry by shown path (data files and pages that could be read)."""

    @classmethod
    def read(cls, config: SiteConfig, cache: SourceCache | None = None) -> Sources:
        sources = cls(config)
        cache = cache or SourceCache.off()
        data, sources.file_errors = _files(config.data_dir, config.root)
        docs, errors = _files(config.docs_dir, config.root)
        sources.file_errors += errors
        for path in data:
            shown = display_path(path, config.root)
            if path.suffix != ".yml":
                sources.other_files.append(shown)
                continue
            raw, errors = read_bounded(path, shown)
            doc = None
            if raw is not None:
                entry = sources.entries[shown] = cache.entry(shown, raw)
                doc, more = _parsed(entry, raw, shown, config, translatable=path.name != STATE_FILE)
                errors += more
            sources.errors[shown] = errors
            if doc is not None:
                sources.docs[shown] = doc
        for path in docs:
            if path.suffix == ".md":
                sources._add_page(path, cache)
        return sources

    def _add_page(self, path: Path, cache: SourceCache) -> None:
        rel = path.relative_to(self.config.docs_dir).as_posix()
        folder, name = rel.rpartition("/")[0], path.name
        match = _SUFFIX.match(name)
        lang = match["lang"] if match else ""
        key = f"{folder + '/' if folder else ''}{match['stem'] if match else name[:-3]}.md"
        page = PageSource(key, lang, path, display_path(path, self.config.root))
        raw, errors = read_bounded(path, page.shown, "page")
        self.page_errors += errors
        if raw is not None:
            self.entries[page.shown] = cache.entry(page.shown, raw)
        try:
            page.text = (raw or b"").decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.page_errors.append(DataError(page.shown, (raw or b"")[:exc.start].count(b"\n") + 1, "page",
                                              _("is not valid UTF-8 ({reason})", reason=exc.reason),
                                              _("save the file with UTF-8 encoding")))
        self.page_errors += forbidden_characters(page.text, page.shown, "page", NOT_TEXT)
        page.meta = front_matter(page.text)
        self.pages.setdefault(key, {})[lang] = page

    def validation_context(self) -> dict:
        """What validating a record needs besides the languages: the ids it may cite, once read."""
        return {**self.offered, **({} if self.citable is None else {CITED_IDS: self.citable})}

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
            return None, [DataError(self.path(relative), 1, "(file)", _("does not exist"),
                                    _("create it (see guide/data.md) or restore it from git"))]
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

    def digest(self, *shown: str) -> str:
        """The digest of the named files' bytes (a missing or unread file counts as such): the key of a result
        that reads them besides its own file, such as the terminology lint (the glossary)."""
        return digest_of(*(self.entries[path].name if path in self.entries else f"missing {path}" for path in shown))


    def unread_errors(self, data: list[str]) -> list[DataError]:
        """A located error for each file under ``data/`` that no kind reads (``data``: the files and folders
        the kinds read, as ``Kind.data`` names them): a case saved as ``kz0004.yaml`` or in ``data/case/``
        would otherwise be left out of the site without a word."""
        files = {path for path in data if path.endswith(".yml")} | {STATE_FILE}
        folders = {path for path in data if not path.endswith(".yml")}
        prefix = self.path("").rstrip("/") + "/"
        errors = []
        for shown in sorted([*self.errors, *self.other_files]):
            relative = shown[len(prefix):]
            folder, _ignored, name = relative.rpartition("/")
            if relative in files or (folder in folders and name.endswith(".yml")):
                continue
            stem, dot, suffix = name.rpartition(".")
            renamed = f"{folder}/{stem}.yml" if folder else f"{stem}.yml"
            if dot and suffix.lower() in ("yml", "yaml") and (renamed in files or folder in folders):
                problem = _("is not read: data files are named *.yml")
                fix = _("rename it to {name}", name=f"{name[:-len(suffix)]}yml")
            elif any(folder.startswith(f"{known}/") for known in folders):
                top = next(known for known in folders if folder.startswith(f"{known}/"))
                problem = _("is not read: the files of {folder} are read from that folder alone", folder=f"data/{top}/")
                fix = _("move it to {folder}", folder=f"data/{top}/")
            else:
                problem = _("is not a file or folder the site reads")
                fix = _("move it where its kind is kept ({folders}...; guide/data.md lists them) or "
                        "remove it", folders=", ".join(f"data/{f}/" for f in sorted(folders)[:4]))
            errors.append(DataError(shown, 1, "(file)", problem, fix))
        return errors


def _parsed(entry: Entry, raw: bytes, shown: str, config: SiteConfig,
            translatable: bool) -> tuple[YamlDoc | None, list[DataError]]:
    """The file parsed, its translation keys extracted; from the cache when these bytes were parsed before,
    as a ``KeptDoc`` that is unpickled only if something reads its values or lines (a run whose checks of the
    file all come from the cache does not)."""
    def parse() -> tuple[YamlDoc | None, list[DataError]]:
        doc, errors = parse_bytes(raw, shown, tuple(config.languages))
        if doc is not None and translatable:
            errors += translation_meta.extract(doc, config.languages)
        return doc, errors

    if entry.cache is None:
        return parse()
    made: list[YamlDoc | None] = []

    def kept() -> tuple[list[DataError], object, bytes | None, list[DataError]]:
        doc, errors = parse()
        made.append(doc)
        if doc is None:
            return errors, None, None, []
        return errors, doc.meta, KeptDoc.snapshot(doc), doc.warnings

    errors, meta, snapshot, warnings = entry.remember("parsed", kept)
    if made:
        return made[0], errors
    return (KeptDoc(shown, snapshot, raw, meta, warnings) if snapshot is not None else None), errors


def _files(folder: Path, root: Path) -> tuple[list[Path], list[DataError]]:
    """Every regular file under ``folder`` but hidden ones (an editor's, never published), and a located error
    for each link, special file and folder that cannot be read there.

    A link is refused wherever it points. One to a file outside the repository publishes that file
    (``/proc/self/environ`` published the build's environment); one inside it may reach what is never
    published (``.git/``, a local ``.env``, ``.venv/``). Nothing here needs one: a copy of the file does.
    """
    def error(path: Path, what: str, problem, fix) -> DataError:
        return DataError(display_path(path, root), 1, what, problem, fix)

    if folder.is_symlink():
        return [], [error(folder, "(folder)", _link(folder), _("make it a folder of its own: copy what it holds"))]
    if not folder.is_dir():
        return [], []
    files, errors, waiting = [], [], [folder]
    while waiting:
        current = waiting.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            errors.append(error(current, "(folder)", _("cannot be read ({reason}), so its files would be left out",
                                                       reason=exc.strerror or str(exc)),
                                _("make it readable (chmod u+rx), or move it out of the repository")))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink() and entry.is_dir():
                    errors.append(error(path, "(folder)", _link(path), _("make it a folder of its own: copy what it holds")))
                elif entry.is_symlink():
                    errors.append(error(path, "(file)", _link(path), _("replace the link by a copy of the file")))
                elif entry.is_dir(follow_symlinks=False):
                    waiting.append(path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(path)
                else:
                    errors.append(error(path, "(file)", _("is not a regular file (a device, a pipe or a socket)"),
                                        _("remove it: only files and folders are read and published")))
            except OSError as exc:
                errors.append(error(path, "(file)", _("cannot be read ({reason})", reason=exc.strerror or str(exc)),
                                    _("check that the file is readable (its permissions, the disk)")))
    return sorted(files), errors


def _link(path: Path):
    """Why a link is refused, naming where it points (outside the repository or not)."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return _("is a link (to {target}), which is never read or published", target=shown(target))


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
