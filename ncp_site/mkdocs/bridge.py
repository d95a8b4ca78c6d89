"""Every use of another package's private state or behaviour, in this one module.

Each use says the version it was read from. The upstream packages are:

- MkDocs 1.6.1, and ProperDocs 1.6.7, its maintained fork (ARCHITECTURE.md: the way off Material);
- mkdocs-static-i18n 1.3.1;
- mkdocs-macros-plugin 1.5.0;
- watchdog 7.1.1 (MkDocs' live-reload server's observer);
- requests (imported by mkdocs-macros, used by none of our builds).

tests/mkdocs/test_bridge.py holds a contract test for each use. It fails, naming the function here to
update, when an upstream release changes what it relies on. The rest of the glue (``plugin.py``,
``preview.py``) goes through these functions only.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
import re
import sys
import types
from collections.abc import Callable, Iterator

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import SandboxedEnvironment
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs_macros import context as macros_context

from ..site.preview import NormalEvent

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


def keep_unread(files, kept: Callable) -> None:
    """The pages ``mkdocs serve --dirty`` does not read (``kept(src_uri)``: their title and metadata when last read)
    show in the others' navigation as they were. MkDocs 1.6.1's ``Page.title`` is a ``weak_property``: None for a
    page not read, overridden by a value set on the page."""
    for file in files.documentation_pages():
        if (last := kept(file.src_uri)) is not None:
            file.page.title, file.page.meta = last.title, dict(last.meta)


def theme_listed_once(config, listings: dict, key: object) -> None:
    """The theme's files listed once in this process while ``key`` (what may change them) is the same. MkDocs 1.6.1
    lists them in each build (``Files.add_files_from_theme``: the environment's ``list_templates``, filtered by
    ``theme.static_templates`` and fixed patterns): Material's 15,000 files, a quarter of a preview rebuild."""
    theme, get_env = config.theme, config.theme.get_env

    def environment():
        env = get_env()
        list_templates = env.list_templates

        def listed(extensions=None, filter_func=None):
            at = (key, tuple(sorted(theme.static_templates)), extensions, filter_func is None)
            if at not in listings:
                if len(listings) >= 4:  # the default language's and the others' of a layout or two
                    listings.clear()
                listings[at] = list_templates(extensions, filter_func)
            return list(listings[at])
        env.list_templates = listed
        return env
    environment.listed_once = True  # type: ignore[attr-defined]
    theme.get_env = get_env if getattr(get_env, "listed_once", False) else environment


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


def release_content(page) -> None:
    """Forget a page's HTML once its template is rendered and written. MkDocs 1.6.1 keeps every page's HTML
    (``Page.content``) until the build ends and reads it only to render the page's own template; and
    mkdocs-static-i18n 1.3.1 builds each other language inside the default language's ``on_post_build``, so the
    pages of every language were held at once (20 MB of the 153 MB peak at 100 cases + 500 events)."""
    page.content = None


def release_written_files(files) -> None:
    """Forget what the files made in memory (``File.generated(content=...)``: the open data, calendars, feeds)
    hold once MkDocs 1.6.1 wrote them (``copy_static_files``, before any page is rendered): held until the build
    ended, and so, as the pages, for every language at once (11 MB at 100 cases + 500 events)."""
    for file in files:
        if file.generated_by is not None and file.abs_src_path is None and not file.is_documentation_page():
            file.content_bytes = b""


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


def quiet_normal_events() -> None:
    """The messages of ``NORMAL_IN_PREVIEW`` become DEBUG, whichever engine logs them."""
    engine = engine_logger().name
    for name, pattern, _ in NORMAL_IN_PREVIEW:
        logger = logging.getLogger(f"{engine}.{name}")
        if not any(isinstance(f, NormalEvent) and f.pattern is pattern for f in logger.filters):
            logger.addFilter(NormalEvent(pattern))


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


@functools.cache
def _saves() -> type:
    """Watchdog's native observer, told of writes only: inotify also reports every file a build opens and reads,
    and the server's handler (MkDocs 1.6.1: any event but a folder's) would rebuild again and again. Watchdog is
    imported here, by the preview only: a build does not need it (0.9 MiB)."""
    import watchdog.events
    import watchdog.observers

    class Saves(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            writes = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
                      watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent,
                      watchdog.events.FileClosedEvent, watchdog.events.FileAttribEvent]
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or writes,
                                    follow_symlink=follow_symlink)

    return Saves


def native_observer(server) -> bool:
    """A save seen at once: MkDocs 1.6.1's server polls (``server.observer``, a ``PollingObserver``; no option), a walk
    of the watched folders every 0.5 s. Its watches (``_watched_paths``) move to watchdog's native observer (inotify
    on Linux) before it starts; False, polling kept, where that is not possible."""
    import watchdog.observers
    import watchdog.observers.polling

    if not all(hasattr(server, name) for name in ("observer", "_watched_paths", "_watch_refs", "watch")) \
            or server.observer.is_alive() or watchdog.observers.Observer is watchdog.observers.polling.PollingObserver:
        return False
    kept = server.observer, dict(server._watched_paths), server._watch_refs
    server.observer, server._watched_paths, server._watch_refs = _saves()(), {}, {}
    try:
        for path in [path for path, count in kept[1].items() for _ in range(count)]:
            server.watch(path)
    except OSError:  # no inotify watch left (fs.inotify.max_user_watches)
        server.observer, server._watched_paths, server._watch_refs = kept
        return False
    kept[0].unschedule_all()
    return True


# --- mkdocs-macros-plugin 1.5.0 --------------------------------------------------------------------

_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "undefined", "finalize", "autoescape", "loader", "auto_reload", "bytecode_cache")


class _ImportedOnUse(types.ModuleType):
    """Stands in ``sys.modules`` for a module until one of its names is first used, then imports it."""

    def __getattr__(self, name: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, name)


def requests_imported_on_use() -> None:
    """mkdocs-macros 1.5.0 imports ``requests`` (``util.py``; with urllib3, ssl and charset_normalizer 6.5 MiB of the
    build's memory, 0.1 s) only to ask PyPI whether a pluglet it could not import exists, which our builds never do:
    ``requests`` is imported when first used instead. To be called before mkdocs-macros is imported: MkDocs loads the
    plugins in ``mkdocs.yml``'s order, ours first."""
    if "requests" not in sys.modules:
        sys.modules["requests"] = _ImportedOnUse("requests")


def git_asked_once() -> None:
    """mkdocs-macros 1.5.0 runs 13 ``git`` commands in each language's build (``context.get_git_info``, for the pages'
    ``git`` variable, which ours do not use; no option turns it off): asked once per process."""
    if not hasattr(macros_context.get_git_info, "cache_info"):
        macros_context.get_git_info = functools.cache(macros_context.get_git_info)


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
