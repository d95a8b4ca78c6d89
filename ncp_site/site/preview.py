"""What ``mkdocs serve`` shows while the site cannot be rebuilt: the last good pages, the errors on top.

The secretariat previews its edits in a browser, not in a terminal: a data error must show there,
located as ``ncp check`` prints it, in the page's language where the wording exists, and go away
on the next good rebuild. The pages carry a Content-Security-Policy without inline scripts, so the
preview's live reload is a same-origin file (``static/ncp-preview.js``) instead of MkDocs' inline
one. Nothing here needs MkDocs: the plugin passes each served page through ``served_page``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DataError, DataErrors
from ..core.kind import OutputFile
from ..core.messages import speaking
from ..core.rendering import render_template
from ..project import WORDS, Project
from .publishing import NotPublishable, check
from .search_index import IndexingStopped, SearchIndexError, build_search_index

SCRIPT = "assets/javascripts/ncp-preview.js"
STYLESHEET = "assets/stylesheets/ncp-preview.css"
_STATIC = Path(__file__).resolve().parent / "static"

_BODY_START = re.compile(r"<body(?=[\s>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html(?=[\s>])[^>]*?\slang=[\"']?([A-Za-z-]+)", re.IGNORECASE)


class NormalEvent(logging.Filter):
    """A normal event of the preview (a log message matching ``pattern``) is logged as DEBUG: only ``--verbose`` shows it."""

    def __init__(self, pattern: re.Pattern):
        super().__init__()
        self.pattern = pattern

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.pattern.search(record.getMessage()):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name.split(".")[0]).isEnabledFor(logging.DEBUG)


@dataclass(frozen=True)
class BuildFailure:
    """Why the last rebuild failed: the located data errors, or else what the build reported."""

    errors: tuple[DataError, ...] = ()
    messages: tuple[str, ...] = ()
    redact: Callable[[str], str] = field(default=str, compare=False)
    """Applied to each line shown (the never-publish list's redaction)."""

    @classmethod
    def of(cls, exc: BaseException, reported: list[str], redact: Callable[[str], str] = str) -> BuildFailure:
        """The failure a build raised: the located data errors it carries, else what the build logged and raised."""
        seen: set[int] = set()
        cause: BaseException | None = exc
        while cause is not None and id(cause) not in seen:
            if isinstance(cause, DataErrors):
                return cls(errors=tuple(cause.errors), redact=redact)
            seen.add(id(cause))
            cause = cause.__cause__ or cause.__context__
        said = str(exc)
        raised = said if isinstance(exc, SystemExit) and said and not said.isdigit() else f"{type(exc).__name__}: {said}"
        return cls(messages=tuple(dict.fromkeys([*reported, raised])), redact=redact)

    def lines(self, lang: str | None = None) -> list[str]:
        """What the panel lists: the located errors in ``lang`` (the active language by default), else what the build
        reported (a tool's own words), each redacted."""
        if self.errors:
            return [self.redact(error.render(lang)) for error in self.errors]
        return [self.redact(message) for message in self.messages]


def preview_files() -> list[OutputFile]:
    """The live-reload script and the error panel's stylesheet; written under ``mkdocs serve`` only."""
    return [OutputFile(SCRIPT, (_STATIC / "ncp-preview.js").read_text(encoding="utf-8")),
            OutputFile(STYLESHEET, (_STATIC / "ncp-preview.css").read_text(encoding="utf-8"))]


def write_preview_files(site_dir: Path) -> None:
    for output in preview_files():
        path = Path(site_dir) / output.path
        path.parent.mkdir(parents=True, exist_ok=True)
        content = output.content
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def page_language(html: str, languages) -> str:
    """The language of a built page (its ``<html lang>``); the default language when it names none of ours."""
    found = _HTML_LANG.search(html)
    lang = found.group(1).lower() if found else ""
    return lang if lang in languages.codes else languages.default


def error_panel(failure: BuildFailure, lang: str, ui=None, *, root: str = "/") -> str:
    """The errors as an alert at the top of a page; heading and hint from ``ui`` (``data/ui.yml``) when it has them."""
    def say(key: str) -> str | None:
        return (ui.strings.get(key) or {}).get(lang) if ui is not None else None

    with speaking(lang):
        lines = failure.lines(lang)
    return render_template(__file__, "preview_errors.html", lang=lang, lines=lines,
                           data_errors=bool(failure.errors), say=say, stylesheet=root + STYLESHEET)


def edit_line(paths: str | tuple[str, ...] | None, lang: str, ui=None) -> str:
    """The small "Edit: data/cases/kz0002.yml" line the preview puts at the top of a page ("" without a file)."""
    paths = (paths,) if isinstance(paths, str) else tuple(paths or ())
    if not paths:
        return ""
    say = (ui.strings.get("preview.edit") or {}).get(lang) if ui is not None else None
    return render_template(__file__, "preview_edit.html", lang=lang, say=say, paths=paths)


def data_read(project: Project, kinds: set[str]) -> tuple[str, ...]:
    """The data files and folders of the kinds a page's macros read (not those of the words every page uses)."""
    return tuple(project.sources.path(where) + ("" if where.endswith((".yml", ".yaml")) else "/")
                 for kind in project.kinds if kind.name in kinds - set(WORDS) for where in kind.data
                 if (project.config.data_dir / where).exists())


def page_sources(project: Project) -> dict[str, tuple[str, ...]]:
    """What each generated page (by ``src_uri``, without a language) is made from: its record's own file, or the
    line of the record's id in the file listing it (``Kind.record_pages``); else the data of the kind that made it."""
    found: dict[str, tuple[str, ...]] = {}
    ids: dict[str, dict[str, int]] = {}
    for kind in project.kinds:
        if not kind.pages:
            continue
        data = tuple(project.sources.path(where) + ("" if where.endswith((".yml", ".yaml")) else "/")
                     for where in kind.data)
        records = kind.record_pages(project) if kind.record_pages else {}
        for page in kind.pages(project):
            record_id = getattr(records.get(page.src_uri), "id", None)
            where = _record_file(project, data, str(record_id), ids) if record_id else None
            found[page.src_uri] = (where,) if where else data
    return found


_ID = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*['\"]?([^'\"#\s]+)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def _record_file(project: Project, data: tuple[str, ...], record_id: str, ids: dict[str, dict[str, int]]) -> str | None:
    for where in data:
        files = [where] if not where.endswith("/") else sorted(
            path for path in project.sources.errors if path.startswith(where) and "/" not in path[len(where):])
        own = f"{where}{record_id}.yml"
        if own in files:
            return own
        for path in files:
            if path not in ids:
                try:
                    text = (project.config.root / path).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    text = ""
                ids[path] = {}
                for match in _ID.finditer(text):
                    ids[path].setdefault(match.group(1), text.count("\n", 0, match.start()) + 1)
            if record_id in ids[path]:
                return f"{path}:{ids[path][record_id]}"
    return None


def served_page(html: str, *, root: str, epoch: int | None, request_id: int, panel: str | None) -> str:
    """A page as the preview serves it: the live-reload script before ``</body>``, the panel (if any) first in it."""
    if epoch is not None:
        script = render_template(__file__, "preview_reload.html", src=root + SCRIPT, epoch=epoch,
                                 request_id=request_id)
        end = html.lower().rfind("</body>")
        html = html + script if end < 0 else html[:end] + script + html[end:]
    if panel:
        start = _BODY_START.search(html)
        at = start.end() if start else 0
        html = html[:at] + panel + html[at:]
    return html


class Reported(logging.Handler):
    """The warnings and errors the engine logs during one rebuild: what the preview shows when no data error
    explains a failure."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def index_again(site_dir: Path, project: Project, stop, info: Callable[[str], None], error: Callable[[str], None]) -> None:
    """The search index made again under ``mkdocs serve --dirty``, then the never-publish search of it; a problem is
    logged (the preview publishes nothing, and the build it belongs to is already served)."""
    started = time.monotonic()
    try:
        summary = build_search_index(site_dir, project.config.languages, stop=stop).summary()
    except IndexingStopped:
        info("search index: stopped (a rebuild began, or the server stops)")
        return
    except SearchIndexError as exc:
        error(str(exc))
        return
    try:
        check(site_dir / "pagefind", project)
    except NotPublishable as exc:
        error(str(exc))
    info(f"{summary}, made again in {time.monotonic() - started:.1f} s after the pages were served")


def served_bytes(content: bytes | None, root: str, epoch: int | None, failure: BuildFailure | None, wording,
                 languages) -> bytes | None:
    """An HTML page as the preview serves it: with the live reload and, after a failed rebuild, the errors."""
    if content is None:
        return None
    html = content.decode("utf-8", "surrogateescape")
    panel = None
    if failure is not None:
        panel = error_panel(failure, page_language(html, languages), wording, root=root)
    html = served_page(html, root=root, epoch=epoch, request_id=time.monotonic_ns(), panel=panel)
    return html.encode("utf-8", "surrogateescape")
