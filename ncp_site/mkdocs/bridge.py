"""Every use of another package's private state or behaviour, in this one module.

Each use says the version it was read from. The upstream packages are:

- MkDocs 1.6.1, and ProperDocs 1.6.7, its maintained fork (ARCHITECTURE.md: the way off Material);
- mkdocs-static-i18n 1.3.1;
- mkdocs-macros-plugin 1.5.0.

tests/mkdocs/test_bridge.py holds a contract test for each use. It fails, naming the function here to
update, when an upstream release changes what it relies on. The rest of the glue (``plugin.py``,
``preview.py``) goes through these functions only.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import SandboxedEnvironment
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError

# --- mkdocs-static-i18n 1.3.1 -------------------------------------------------------------------

I18N = "i18n"
I18N_PRIORITY = -100
"""static-i18n 1.3.1 runs its ``on_files``, ``on_nav`` and ``on_post_build`` at this priority."""
AFTER_I18N = I18N_PRIORITY - 10
"""Ours run after its: the hand-written pages arranged per language, its navigation built."""
AFTER_ALL_LANGUAGES = I18N_PRIORITY - 100
"""Our ``on_post_build`` runs after its, which builds the other languages (``last_build``)."""


def language_entries(config) -> list[dict]:
    """The site's languages as the i18n plugin validated them (its documented ``languages`` option)."""
    i18n = config.plugins.get(I18N)
    if i18n is None:
        return []
    return [{"locale": entry.locale, "default": entry.default, "name": entry.name} for entry in i18n.config.languages]


def language_being_built(config, default: str) -> str:
    """static-i18n 1.3.1 keeps the language it builds in ``current_language`` (None before its first
    ``on_config``, which sets the default)."""
    return getattr(config.plugins.get(I18N), "current_language", None) or default


def last_build(config) -> bool:
    """Whether this ``on_post_build`` ends the whole build. static-i18n 1.3.1 builds the other languages from
    inside the default language's ``on_post_build``, its ``building`` flag set meanwhile."""
    return not getattr(config.plugins.get(I18N), "building", False)


def add_language_versions(config, lang: str, files, versions: list[dict]) -> None:
    """Generated pages, each in every language (``{lang: File}``), join the build of ``lang`` as if static-i18n
    had found them under ``docs/``.

    static-i18n 1.3.1 arranges only the files it finds and offers no way to add others. Its language
    switcher, hreflang links and sitemap read each file's ``locale``, ``localization``, ``locale_alternate_of``
    and ``alternates``, and its ``i18n_files_per_language``.
    """
    for by_language in versions:
        for other, file in by_language.items():
            file.locale = file.localization = file.locale_alternate_of = other
            file.alternates = by_language
        files.append(by_language[lang])
    i18n = config.plugins.get(I18N)
    if i18n is not None:
        i18n.i18n_files_per_language.setdefault(lang, []).extend(v[lang] for v in versions)


def page_language(page, default: str) -> str:
    """The language of a page's file, as static-i18n 1.3.1 marks it (``File.locale``)."""
    return getattr(page.file, "locale", None) or default


def alternate_urls(page) -> dict[str, str]:
    """The page's URL in each language, from static-i18n 1.3.1's ``File.alternates``."""
    return {code: alternate.url for code, alternate in getattr(page.file, "alternates", {}).items()}


@contextlib.contextmanager
def cleaning_restored() -> Iterator[None]:
    """static-i18n 1.3.1 replaces ``mkdocs.utils.clean_directory`` by a no-op while it builds the other languages,
    and does not put it back when one of them fails: under ``mkdocs serve`` every rebuild after a failed one
    would keep stale files."""
    clean_directory = mkdocs_utils.clean_directory
    try:
        yield
    finally:
        mkdocs_utils.clean_directory = clean_directory


# --- MkDocs 1.6.1 and ProperDocs 1.6.7 ---------------------------------------------------------------


def engine_logger() -> logging.Logger:
    """The engine's own logger: ``mkdocs``, or ``properdocs`` under ProperDocs (which aliases the ``mkdocs``
    modules but logs under its own name)."""
    return logging.getLogger(mkdocs_build.log.name.partition(".")[0])


def set_modified(file, modified: bool) -> None:
    """Whether ``mkdocs serve --dirty`` writes ``file`` again: MkDocs 1.6.1 asks ``File.is_modified()`` and
    otherwise compares the source's and the output's times, which a generated page has no source for."""
    file.is_modified = lambda: modified


def keep_unread(page, title: str | None, meta: dict) -> None:
    """A page ``mkdocs serve --dirty`` does not read shows in the others' navigation as it was last read. MkDocs
    1.6.1's ``Page.title`` is a ``weak_property``: None for a page not read, overridden by a value set on the page."""
    page.title, page.meta = title, dict(meta)


def add_anchors(page, anchors: set[str]) -> None:
    """Anchors written into the page's HTML after Markdown (``HeldHtml``): MkDocs 1.6.1 checks links against
    ``Page.present_anchor_ids``, set when the Markdown is converted."""
    page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors


def release_markdown(page) -> None:
    """Forget a page's Markdown once it is HTML. MkDocs 1.6.1 converts every page before it renders any
    template, and keeps every page's Markdown meanwhile; a page's title needs ``markdown`` not None.
    A language's build at 1,000 cases + 5,000 events peaked at 363 MB with it kept, 344 MB without."""
    page.markdown = ""
    if page.file.generated_by is not None:
        page.file.content_string = ""


NORMAL_IN_PREVIEW = (
    ("commands.build", re.compile(r"A 'dirty' build is being performed"),
     "PartialRebuilds is why --dirty is safe here; as a warning it failed every --strict rebuild"),
    ("commands.build", re.compile(r"The directory contains stale files"),
     "mkdocs-static-i18n builds every language into one folder: the others' files are not stale"),
    ("livereload", re.compile(r'"GET [^"]*" code 30[24]$'),
     "an answer with a redirect or 'not modified': / and a folder without its slash lead to the page, and "
     "browsers revalidate what they hold; MkDocs logs every answer but 200 as a WARNING"),
)
"""MkDocs 1.6.1's messages for what is normal in the preview: (logger under the engine's, pattern, why)."""


class _NormalEvent(logging.Filter):
    """A normal event is logged as DEBUG: only ``--verbose`` shows it."""

    def __init__(self, pattern: re.Pattern):
        super().__init__()
        self.pattern = pattern

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.pattern.search(record.getMessage()):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name.split(".")[0]).isEnabledFor(logging.DEBUG)


def quiet_normal_events() -> None:
    """The messages of ``NORMAL_IN_PREVIEW`` become DEBUG, whichever engine logs them."""
    engine = engine_logger().name
    for name, pattern, _ in NORMAL_IN_PREVIEW:
        logger = logging.getLogger(f"{engine}.{name}")
        if not any(isinstance(f, _NormalEvent) and f.pattern is pattern for f in logger.filters):
            logger.addFilter(_NormalEvent(pattern))


def adapt_server(server, builder: Callable[[Callable], Callable], page: Callable[[bytes | None, str, int | None], bytes | None]) -> bool:
    """The live-reload server of MkDocs 1.6.1 made the preview's: ``builder(build)`` wraps its rebuild and
    ``page(content, mount path, epoch)`` makes each HTML answer, error pages too. Its private
    ``_inject_js_into_html(content, epoch)`` writes the inline live-reload script into pages (refused by
    their Content-Security-Policy), ``_visible_epoch`` is the site's version the browsers show, and a rebuild
    that raises leaves it unanswered until the next good one. False when the server is not one of those."""
    if not all(hasattr(server, name) for name in ("_inject_js_into_html", "_visible_epoch", "builder",
                                                   "error_handler", "mount_path")):
        return False
    server.builder = builder(server.builder)
    server._inject_js_into_html = lambda content, epoch: page(content, server.mount_path, epoch)
    error_page = server.error_handler
    server.error_handler = lambda code: page(error_page(code), server.mount_path, server._visible_epoch)
    return True


# --- mkdocs-macros-plugin 1.5.0 --------------------------------------------------------------------

_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "undefined", "finalize", "autoescape", "loader", "auto_reload", "bytecode_cache")


def sandboxed(plugin) -> None:
    """The macros plugin's Jinja environment made a sandbox with the same settings, macros and filters.

    mkdocs-macros 1.5.0 keeps a plain ``jinja2.Environment`` in ``MacrosPlugin._env`` (made in its
    ``on_config``, again for every language build) and has no option for a sandbox. In the sandbox an
    expression that walks attributes (``cycler.__init__.__globals__``) raises ``SecurityError`` instead of
    reaching Python. The pages' check (``checks/page_templates.py``) refuses such expressions before the
    build starts; this is defence in depth."""
    environment = getattr(plugin, "_env", None)
    if isinstance(environment, SandboxedEnvironment):
        return
    if type(environment) is not jinja2.Environment:
        raise PluginError("mkdocs-macros keeps no plain Jinja environment in '_env' any more "
                          f"(found {type(environment).__name__}): pages would not be rendered in a sandbox -- "
                          "update ncp_site/mkdocs/bridge.py (sandboxed) for this mkdocs-macros version")
    sandbox = SandboxedEnvironment(**{name: getattr(environment, name) for name in _SETTINGS},
                                   extensions=[type(extension) for extension in environment.extensions.values()],
                                   enable_async=environment.is_async)
    sandbox.globals.update({name: value for name, value in environment.globals.items()
                            if name not in DEFAULT_NAMESPACE})  # the sandbox's own range() stays
    sandbox.filters.update(environment.filters)
    sandbox.tests.update(environment.tests)
    plugin._env = sandbox
