"""MkDocs glue: hold the Project for the build, insert the pages and files generated from it.

The Project is loaded once per build and kept on this plugin instance: mkdocs-static-i18n runs
the build once per language with the same instances, and ``on_startup`` makes MkDocs keep the
instance across ``mkdocs serve`` rebuilds, where a change under ``data/`` or ``docs/`` reloads it.
Under ``mkdocs serve`` a rebuild that fails keeps the last good site served, with the errors on
every page (``on_serve``). Everything generated comes from ``ncp_site.site`` and the kinds, which
do not import MkDocs.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path, PurePosixPath

from markupsafe import escape
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..checks import published
from ..core.config import load_config
from ..core.errors import DataErrors, display_path
from ..core.kind import GeneratedPage, PageContext
from ..core.languages import relative_url
from ..project import WORDS, Project
from ..site import files as site_files
from ..site import pages as site_pages
from ..site import preview
from ..site import theme as site_theme
from ..site.held_html import HeldHtml
from ..site.html_safety import external_links
from ..site.search_index import SearchIndexError, build_search_index, keep_words_apart
from .config import NcpConfig
from .parallel import ONLY_LANGUAGE, replace_site
from .partial import PartialRebuilds

log = get_plugin_logger(__name__)
DUMP_MARKDOWN = "NCP_DUMP_MARKDOWN"
"""A folder: the build writes there every page's final Markdown (after macros), in the suffix layout,
for the benchmark's floor (``scripts/benchmark.py``: plain MkDocs building the same Markdown)."""


class NcpPlugin(BasePlugin[NcpConfig]):
    project: Project | None = None
    signature: tuple | None = None
    loads = 0
    serving = False
    failure: preview.BuildFailure | None = None  # why the last rebuild under ``mkdocs serve`` failed
    wording = None  # data/ui.yml of the last load that read it: the preview's error panel speaks it
    held = HeldHtml()  # replaced at every build's on_config
    partial: PartialRebuilds | None = None  # under ``mkdocs serve --dirty`` only
    previewing = False  # under ``mkdocs serve``: each page says the file it is made from (``preview.edit_line``)
    _page_sources: tuple = (None, {})  # (the Project, its generated pages' sources): ``preview.page_sources``
    _macro_reads: dict[str, set[str]] = {}  # a hand-written page's src_uri -> the kinds its macros read (preview)
    _surroundings_of: dict[str, str] = {}
    _data_of: dict[frozenset, tuple] = {}
    _kept_files: set[int] = set()
    _checked_names = None  # the never-publish names the last search of the built site looked for
    fragments = site_theme.Fragments()  # replaced at every language build's on_env
    command: str | None = None  # what on_startup was told: build, gh-deploy, serve
    publish_to: Path | None = None  # where ``mkdocs build`` puts the site once every check passed
    work: Path | None = None  # the folder it is written to meanwhile

    def on_startup(self, *, command, dirty) -> None:
        """Defined so that MkDocs keeps this instance (and its Project) across ``mkdocs serve`` rebuilds."""
        self.command = command
        self.partial = PartialRebuilds() if command == "serve" and dirty else None
        self.previewing = command == "serve"
        self._macro_reads = {}
        if self.previewing:
            _quiet_normal_events()

    def current_language(self, config: MkDocsConfig) -> str:
        i18n = config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or self.project.config.languages.default

    def on_config(self, config: MkDocsConfig):
        if os.environ.get(ONLY_LANGUAGE):
            _build_only(config, os.environ[ONLY_LANGUAGE])
        root = Path(config.config_file_path).parent
        try:
            site_config = replace(load_config(root), docs_dir=Path(config.docs_dir), site_url=config.site_url)
        except DataErrors as exc:
            raise PluginError("The configuration has errors:\n" + exc.report()) from None
        signature = _signature(site_config)
        building = getattr(config.plugins.get("i18n"), "current_language", None) or site_config.languages.default
        if self.partial is not None and building == site_config.languages.default:
            self.partial.start(_layout_signature(config, site_config))
        if self.project is None or signature != self.signature or self.project.config != site_config:
            gc.unfreeze()  # the Project before (under mkdocs serve) may be collected now
            self.project, self.signature = Project.load(site_config), signature
            self.project.release_parsed_files()
            gc.collect()
            gc.freeze()  # the Project's objects live as long as the build: the collector need not scan them again
            self.loads += 1
            self.wording = self.project.loaded.get("ui") or self.wording
        _redact_logs(self.project.never_publish)
        self.held = HeldHtml()
        if self.project.errors:
            errors = DataErrors(self.project.errors)
            report = "The data has errors:\n" + errors.report()
            raise PluginError(self.project.never_publish.redact(report)) from errors  # a listed name is never printed
        self._write_elsewhere(config)
        # One 404.html for all languages (GitHub Pages serves a single one), written by the default language.
        if self.current_language(config) == site_config.languages.default:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        return config

    @event_priority(-110)  # after mkdocs-static-i18n (-100) arranged the hand-written pages
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = self.current_language(config)
        languages = self.project.config.languages
        if self.partial is not None:
            self._surroundings_of = {}
            self._data_of = {}
            for file in files.documentation_pages():
                self.partial.rebuild(file)
        generated = [self._generated(config, lang, page) for page in site_pages.generated_pages(self.project)]
        _register_with_i18n(config, lang, files, generated)
        self._kept_files = set()
        made = self._made if self.partial is not None else site_files.made_anew
        outputs = site_files.language_files(self.project, lang, made)
        if lang == languages.default:
            outputs += site_files.site_files(self.project, made)
        for output in outputs:
            file = File.generated(config, output.path, content=output.content)
            if id(output) in self._kept_files:
                self.partial.keep(file)
            files.append(file)
        if self.partial is not None:
            self.partial.count_files(lang, sum(id(output) in self._kept_files for output in outputs), len(outputs))
        return files

    def _made(self, kind: str, lang: str | None, make) -> list:
        """A kind's files under ``mkdocs serve --dirty``: the last good build's, neither made nor written
        again, while the data of the kinds they were made from is unchanged (``PartialRebuilds.files``)."""
        def making():
            with self.project.reading() as read:
                made = make()
            return frozenset(read) | {kind}, made

        outputs, kept = self.partial.files((kind, lang), lambda reads: (self._data_signature(reads),
                                                                      self.project.config.site_url), making)
        if kept:
            self._kept_files.update(id(output) for output in outputs)
        return outputs

    def _surroundings(self, lang: str) -> str:
        """What a generated page shows beyond its Markdown that the data decides (for ``PartialRebuilds``)."""
        if lang not in self._surroundings_of:
            ui = json.dumps(self.project.words.ui.strings, ensure_ascii=False, sort_keys=True, default=str)
            self._surroundings_of[lang] = "\0".join((site_theme.footer(self.project, lang, ""),
                                                      self.project.abbreviations.markdown_key(lang), ui))
        return self._surroundings_of[lang]

    def _inputs(self, page: GeneratedPage, lang: str, reads: frozenset[str]) -> tuple:
        """What a page made from one record is made of, when its render read the kinds ``reads``."""
        return page.record, self._data_signature(reads), self._surroundings(lang)

    def _data_signature(self, reads: frozenset[str]) -> tuple:
        """The build date and the data files of the kinds ``reads`` and of the words every page uses."""
        if reads not in self._data_of:
            names = reads | set(WORDS)
            self._data_of[reads] = _files_signature(self.project, [k for k in self.project.kinds if k.name in names])
        return self._data_of[reads]

    def _generated(self, config: MkDocsConfig, lang: str, page: GeneratedPage) -> dict[str, File]:
        """The page's file in every language; only the language being built is rendered (the others
        exist as link targets for the language switcher and hreflang), and under ``mkdocs serve --dirty``
        only if what it is made of changed (``PartialRebuilds``)."""
        languages = self.project.config.languages
        key = languages.prefix(lang) + page.src_uri
        watched = self.partial is not None and page.record is not None
        reads = self.partial.last_reads(key) if watched else None
        kept = reads is not None and self.partial.unchanged(key, lang, self._inputs(page, lang, reads))
        versions = {}
        for other in languages:
            content = ""
            if other == lang and not kept:
                with self.project.reading() if watched else contextlib.nullcontext(set()) as read:
                    content = site_pages.page_markdown(page.render(other))
                if watched:
                    reads = frozenset(read) | page.reads
                    self.partial.rendered(key, lang, reads, self._inputs(page, lang, reads))
            file = File.generated(config, languages.prefix(other) + page.src_uri, content=content,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            versions[other] = file
        if kept:
            self.partial.keep(versions[lang])
        elif self.partial is not None:
            self.partial.mark(versions[lang], lang, versions[lang].content_string, self._surroundings(lang))
        for other, file in versions.items():
            file.locale = file.localization = file.locale_alternate_of = other
            file.alternates = versions
        return versions

    @event_priority(-110)  # after mkdocs-static-i18n (-100) built the language's navigation
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """Section titles in mkdocs.yml are keys of data/ui.yml (``nav.about``): each language shows its own.

        Escaped here: the theme prints navigation titles as HTML."""
        lang = self.current_language(config)
        strings = self.project.words.ui.strings
        for section in _sections(nav.items):
            if section.title in strings:
                section.title = str(escape(strings[section.title][lang]))
            elif section.title.startswith("nav."):
                raise PluginError(f"mkdocs.yml: nav: the section '{section.title}' has no text in data/ui.yml -- "
                                  f"add '{section.title}:' with its kk, ru and en titles to data/ui.yml")
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Fragments the theme renders once per language build (``site_theme.Fragments``), footers included."""
        self.fragments = site_theme.Fragments()
        env.globals["ncp_cached"] = self.fragments.cached
        return env

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """Every page's footer: the contacts and the footer links, in the page's language."""
        lang = getattr(page.file, "locale", None) or self.current_language(config)
        root = relative_url(page.url, "")
        context["ncp_footer"] = self.fragments.cached(
            ("footer", lang, root), lambda: site_theme.footer(self.project, lang, root))
        self._theme_context(context, lang)
        return context

    def _theme_context(self, context, lang: str) -> None:
        """The NCP's mark and the theme's words in the page's language (partials/logo.html, main.html)."""
        context["ncp_mark"] = self.fragments.cached(("mark", lang), lambda: site_theme.mark(self.project, lang))
        context["ncp_theme"] = self.fragments.cached(("theme", lang), lambda: site_theme.theme_words(self.project, lang))

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The 404 page's footer: it is served at any address, so its links start at the site's root."""
        if template_name == "404.html":
            root = (context.get("base_url") or "").rstrip("/") + "/"
            context["ncp_footer"] = site_theme.footer(self.project, self.current_language(config), root)
            self._theme_context(context, self.current_language(config))
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        return site_theme.without_empty_tabindex(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return site_theme.without_empty_tabindex(output_content)

    def content_language(self, page) -> str:
        """The language a page's text is in: its own, or its source while its translation is pending."""
        lang = getattr(page.file, "locale", None) or self.project.config.languages.default
        if page.file.generated_by is not None or page.file.abs_src_path is None:
            return lang
        return site_pages.content_language(self.project, _page_key(page.file.src_uri), lang)

    @event_priority(50)  # before mkdocs-macros (0) renders the page: the source's macros must run
    def _pending_source(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """A page whose translation is pending shows its source, marked with its language (its banner comes
        after the macros ran: it is data text)."""
        if page.meta.get("translation_pending") and page.file.abs_src_path is not None:
            source = site_pages.pending_source_markdown(self.project, _page_key(page.file.src_uri))
            markdown = source if source is not None else markdown
        return markdown

    @event_priority(-50)  # after mkdocs-macros (0) rendered the page: no data text is ever template input
    def _data_text(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """What the data adds to every page, once its macros ran: a pending page's banner, the held HTML of a
        generated page, and the abbreviation key of the page text's language from the one register
        (Markdown's ``abbr``)."""
        until = page.meta.get("translation_pending")
        if until and page.file.abs_src_path is not None:
            alternates = {code: alt.url for code, alt in getattr(page.file, "alternates", {}).items()}
            banner = site_pages.pending_banner(self.project, _page_key(page.file.src_uri), page.file.locale,
                                               page.url, until, alternates)
            markdown = self.held.hold(banner) + "\n\n" + markdown if banner.strip() else markdown
        if page.file.generated_by is not None:
            markdown = self.held.hold_blocks(markdown)
        return markdown + self.project.abbreviations.markdown_key(self.content_language(page))

    on_page_markdown = CombinedEvent(_pending_source, _data_text)

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """The held HTML back in (``HeldHtml``); heading permalinks' tooltip in the page's language (toc writes
        "Permanent link"); words in adjacent table headings and definition lists kept apart for the search index."""
        lang = getattr(page.file, "locale", None) or self.current_language(config)
        if os.environ.get(DUMP_MARKDOWN):
            _dump_markdown(Path(os.environ[DUMP_MARKDOWN]), page, self.held.shown(page.markdown), lang,
                           self.project.config.languages)
        html, anchors = self.held.restore(html)
        _release_markdown(page)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors
        title = escape(self.project.words.ui("page.permalink", lang))
        html = keep_words_apart(html.replace('title="Permanent link"', f'title="{title}"'))
        html = site_theme.without_links_in_summaries(html)
        html = external_links(html, config.site_url)
        return self._edit_line(page, lang) + html if self.previewing else html

    def _edit_line(self, page, lang: str) -> str:
        """The preview's "edit: data/cases/kz0002.yml" line: the file (and line) a page is made from."""
        if page.file.generated_by is None and page.file.abs_src_path is not None:
            read = self._macro_reads.pop(page.file.src_uri, set()) - set(WORDS)
            data = [self.project.sources.path(where) + ("" if where.endswith((".yml", ".yaml")) else "/")
                    for kind in self.project.kinds if kind.name in read for where in kind.data
                    if (self.project.config.data_dir / where).exists()]
            return preview.edit_line((display_path(Path(page.file.abs_src_path), self.project.config.root), *data),
                                     lang, self.wording)
        if self._page_sources[0] is not self.project:
            self._page_sources = (self.project, preview.page_sources(self.project))
        prefix = self.project.config.languages.prefix(lang)
        uri = page.file.src_uri.removeprefix(prefix)
        return preview.edit_line(self._page_sources[1].get(uri), lang, self.wording)

    @event_priority(-200)  # after mkdocs-static-i18n (-100), whose post-build builds the other languages
    def on_post_build(self, config: MkDocsConfig):
        if self.serving:  # every language's build ends here; the files are tiny
            _write(Path(config.site_dir), preview.preview_files())
        log.info(f"data loaded {self.loads} time(s) in this process ({self.current_language(config)} build done)")
        if _last_build(config) and self.partial is not None:
            for line in self.partial.built():
                log.info(line)
        if _last_build(config) and not os.environ.get(ONLY_LANGUAGE):  # a parallel build indexes the merged site
            if self.partial is not None:
                self._check_published(Path(config.site_dir))
                self.partial.index(lambda: self._index_in_preview(Path(config.site_dir)))
                return
            self._index_site(config)
            self._check_published(Path(config.site_dir))  # after indexing: the search index is scanned too
            self._publish(config)

    def _write_elsewhere(self, config: MkDocsConfig) -> None:
        """``mkdocs build`` writes the site into a folder beside its own and moves it into place once every check
        passed (``_publish``), as ``scripts/build`` does: a failed build (a never-publish name found in the built
        site, say) leaves the site folder as it was. Not under ``mkdocs serve`` (its own temporary folder) nor
        in a language process of ``scripts/build`` (which merges and moves their folders itself)."""
        if self.command not in ("build", "gh-deploy") or os.environ.get(ONLY_LANGUAGE) or self.publish_to is not None:
            return
        self.publish_to = Path(config.site_dir).resolve()
        self.publish_to.parent.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix=".ncp-build-", dir=self.publish_to.parent))
        config.site_dir = str(self.work / "site")
        log.info(f"the site is written to {self.work} and moved to {self.publish_to} once every check passed")

    def _publish(self, config: MkDocsConfig) -> None:
        if self.publish_to is not None:
            replace_site(self.publish_to, Path(config.site_dir), self.work)
            config.site_dir = str(self.publish_to)  # gh-deploy publishes from it next
            self._forget_work()

    def on_build_error(self, *, error) -> None:
        self._forget_work()

    def on_shutdown(self) -> None:
        self._forget_work()

    def _forget_work(self) -> None:
        """What a failed (or finished) ``mkdocs build`` wrote meanwhile is removed: it may hold a never-publish name."""
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
        self.work = self.publish_to = None

    def _index_in_preview(self, site_dir: Path) -> None:
        """``mkdocs serve --dirty``: the search index, then the never-publish search of it; a problem is logged
        (the preview publishes nothing, and the build it belongs to is already served)."""
        started = time.monotonic()
        try:
            summary = build_search_index(site_dir, self.project.config.languages).summary()
        except SearchIndexError as exc:
            log.error(str(exc))
            return
        errors = published.site_errors(site_dir / "pagefind", self.project.never_publish, self.project.config.root)
        for error in errors:
            log.error(str(error))
        log.info(f"{summary}, made again in {time.monotonic() - started:.1f} s after the pages were served")

    def _index_site(self, config: MkDocsConfig) -> None:
        """The search index of every language, once every language's pages are written."""
        try:
            log.info(build_search_index(Path(config.site_dir), self.project.config.languages).summary())
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def _check_published(self, site_dir: Path) -> None:
        """Every file written, searched for the never-publish names once all languages are built."""
        names = getattr(self.project.never_publish, "names", None)
        since = self.partial.since if self.partial is not None and names == self._checked_names else None
        self._checked_names = names
        errors = published.site_errors(site_dir, self.project.never_publish, self.project.config.root, since)
        if self.project.never_publish:
            log.info(f"searched the built site for {len(self.project.never_publish.names)} never-publish name(s): "
                     f"{len(errors)} found")
        if errors:
            raise PluginError("The built site holds names that must never be published:\n"
                              + "\n".join(str(e) for e in errors)
                              + f"\n{len(errors)} problem(s) in the built site ({site_dir}); do not publish it.")

    def on_serve(self, server, config: MkDocsConfig, builder):
        """The preview never hangs on an error: it serves the last good site, the errors on top of every page.

        MkDocs' server (1.6) answers no page request after a failed rebuild until one succeeds, and
        its live reload is an inline script, which the pages' Content-Security-Policy refuses. Here a
        failed rebuild counts as done (the browsers reload and see the errors), and the live reload
        is a same-origin script (``ncp_site.site.preview``). The data folder is watched whatever
        ``mkdocs.yml`` says. Tested by tests/mkdocs/test_serve.py and tests/browser/test_preview.py.
        """
        if not hasattr(server, "_inject_js_into_html"):
            log.warning("this MkDocs server is unknown to the preview: its live reload may be refused by the "
                        "pages' Content-Security-Policy, and pages may not show the errors")
        self.serving = True
        _write(Path(config.site_dir), preview.preview_files())
        server.watch(str(self.project.config.data_dir))
        server.builder = self._keeping_last_good(server.builder)
        server._inject_js_into_html = lambda content, epoch: self._served(content, server.mount_path, epoch)
        error_page = server.error_handler
        server.error_handler = lambda code: self._served(error_page(code), server.mount_path,
                                                         getattr(server, "_visible_epoch", None))
        return server

    def _keeping_last_good(self, builder):
        def build(*args, **kwargs):
            reported = _Reported()
            logging.getLogger("mkdocs").addHandler(reported)
            clean_directory = mkdocs_utils.clean_directory
            try:
                builder(*args, **kwargs)
            except (Exception, SystemExit) as exc:
                if self.partial is not None:
                    self.partial.forget()  # what this build wrote is unknown: the next one rebuilds every page
                failure = preview.BuildFailure.of(exc, reported.messages)
                redact = self.project.never_publish.redact if self.project is not None else str
                self.failure = preview.BuildFailure(failure.errors, failure.messages, redact)
                if not isinstance(exc, (SystemExit, PluginError)) and not self.failure.errors:
                    log.error("the rebuild raised an exception", exc_info=exc)
                log.error("The site was not rebuilt: the preview shows the last good version, "
                          "with the errors on every page, until the next good rebuild.")
            else:
                self.failure = None
            finally:
                logging.getLogger("mkdocs").removeHandler(reported)
                # mkdocs-static-i18n disables cleaning during its language builds and, when one fails, never restores it
                mkdocs_utils.clean_directory = clean_directory
        return build

    def _served(self, content: bytes | None, root: str, epoch: int | None) -> bytes | None:
        """An HTML page as the preview serves it: with the live reload and, after a failed rebuild, the errors."""
        if content is None:
            return None
        html = content.decode("utf-8", "surrogateescape")
        failure, panel = self.failure, None
        if failure is not None:
            lang = preview.page_language(html, self.project.config.languages)
            panel = preview.error_panel(failure, lang, self.wording, root=root)
        html = preview.served_page(html, root=root, epoch=epoch, request_id=time.monotonic_ns(), panel=panel)
        return html.encode("utf-8", "surrogateescape")

    def call_macro(self, name: str, page, *args, **kwargs) -> str:
        """Run a kind's macro for ``page``, in the language the page's text is in."""
        macro = {**self.project.macros(), **site_pages.SITE_MACROS}[name]
        context = PageContext(self.content_language(page), page.url)
        try:
            if self.previewing:  # the data a page's macros show is named on it (``_edit_line``)
                with self.project.reading() as read:
                    shown = macro(self.project, context, *args, **kwargs)
                self._macro_reads.setdefault(page.file.src_uri, set()).update(read)
                return self.held.hold_output(shown)
            return self.held.hold_output(macro(self.project, context, *args, **kwargs))
        except ValueError as exc:
            if not hasattr(exc, "problem"):  # a TermError: a term() argument computed at render time
                raise
            version = self.project.sources.pages.get(_page_key(page.file.src_uri), {}).get(page.file.locale)
            raise DataErrors([_term_error(version, context.lang, args, kwargs, exc)]) from None

    def macro_names(self) -> list[str]:
        return self.project.macro_names()


# MkDocs' messages for what is normal in the preview, quieted here and only here: shown with
# ``mkdocs serve --verbose``, never as a WARNING. Each is (logger under "mkdocs." or "properdocs.",
# a pattern of its message, why it is normal).
NORMAL_IN_PREVIEW = (
    ("commands.build", re.compile(r"A 'dirty' build is being performed"),
     "PartialRebuilds is why --dirty is safe here; as a warning it failed every --strict rebuild"),
    ("commands.build", re.compile(r"The directory contains stale files"),
     "mkdocs-static-i18n builds every language into one folder: the others' files are not stale"),
    ("livereload", re.compile(r'"GET [^"]*" code 30[24]$'),
     "an answer with a redirect or 'not modified': / and a folder without its slash lead to the page, and "
     "browsers revalidate what they hold; MkDocs logs every answer but 200 as a WARNING"),
)


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


def _quiet_normal_events() -> None:
    for engine in ("mkdocs", "properdocs"):  # ProperDocs logs under its own name
        for name, pattern, _ in NORMAL_IN_PREVIEW:
            logger = logging.getLogger(f"{engine}.{name}")
            if not any(isinstance(f, _NormalEvent) and f.pattern is pattern for f in logger.filters):
                logger.addFilter(_NormalEvent(pattern))


def _release_markdown(page) -> None:
    """Forget a page's Markdown once it is HTML: MkDocs converts every page before it renders any
    template, and would keep every page's Markdown meanwhile (its title needs ``markdown`` not None).
    A language's build at 1,000 cases + 5,000 events peaked at 363 MB with it kept, 344 MB without."""
    page.markdown = ""
    if page.file.generated_by is not None:
        page.file.content_string = ""


def _term_error(version, lang, args, kwargs, exc):
    from ..checks.terminology import term_call_error

    return term_call_error(version, lang, args[0] if args else "", kwargs.get("form", args[1] if len(args) > 1 else None), exc)


def _register_with_i18n(config: MkDocsConfig, lang: str, files: Files, generated: list[dict[str, File]]) -> None:
    """Add generated pages to the build of ``lang`` so that mkdocs-static-i18n treats them as its own.

    mkdocs-static-i18n (1.3) arranges only files that exist under ``docs_dir`` and offers no public
    way to add generated ones: its language switcher, ``hreflang`` links and sitemap read each
    file's ``locale`` and ``alternates`` (set in ``_generated``) and the plugin's
    ``i18n_files_per_language``, which is filled here. Tested by tests/mkdocs/test_plugin.py.
    """
    for versions in generated:
        files.append(versions[lang])
    i18n = config.plugins.get("i18n")
    if i18n is not None and hasattr(i18n, "i18n_files_per_language"):
        i18n.i18n_files_per_language.setdefault(lang, []).extend(v[lang] for v in generated)


def _build_only(config: MkDocsConfig, lang: str) -> None:
    """This process builds ``lang`` alone, into its own prefix (``ru/``), for the parallel build (``parallel.py``).

    mkdocs-static-i18n's ``build_only_locale`` would make ``lang`` the default language, built at the
    site's root, and drop the others from the language switcher. Here every language stays configured:
    the build starts in ``lang`` (its ``current_language``, read by its ``on_config``, which runs after
    this) and its ``building`` flag, which it sets while it builds the other languages from its
    ``on_post_build``, is set from the start, so that it builds no other. Tested by tests/mkdocs/test_parallel.py.
    """
    i18n = config.plugins.get("i18n")
    locales = [language.locale for language in i18n.config.languages]
    if lang not in locales:
        raise PluginError(f"{ONLY_LANGUAGE}={lang}: not a language of mkdocs.yml ({', '.join(locales)})")
    if i18n.current_language is None:
        i18n.current_language = lang
    i18n.building = True


def _last_build(config: MkDocsConfig) -> bool:
    """Whether this ``on_post_build`` ends the whole build.

    mkdocs-static-i18n (1.3) builds the other languages from inside the default language's
    ``on_post_build`` (``building`` is true meanwhile); ours runs after it, once they are all written.
    """
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)
def _sections(items):
    """Every section of the navigation, nested ones included."""
    for item in items:
        if getattr(item, "is_section", False):
            yield item
            yield from _sections(item.children)


def _page_key(src_uri: str) -> str:
    """``procedures/index.en.md`` -> ``procedures/index.md`` (a page without its language suffix)."""
    path = PurePosixPath(src_uri)
    return (path.parent / (path.name.split(".")[0] + ".md")).as_posix().removeprefix("./")


class _Reported(logging.Handler):
    """The warnings and errors MkDocs logs during one rebuild: what the preview shows when no data error explains a failure."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _dump_markdown(folder: Path, page, markdown: str, lang: str, languages) -> None:
    """``ru/cases/kz0003/index.html`` -> ``cases/kz0003/index.ru.md``: the page's Markdown once macros ran,
    its front matter included."""
    dest = page.file.dest_uri.removeprefix(languages.prefix(lang))
    if not dest.endswith("index.html"):
        return
    path = folder / dest.removesuffix("index.html") / f"index.{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = json.dumps(page.meta, ensure_ascii=False, default=str)
    path.write_text(f"---\n{meta}\n---\n\n{markdown}", encoding="utf-8")


def _write(site_dir: Path, outputs) -> None:
    for output in outputs:
        path = site_dir / output.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output.content, encoding="utf-8")


def _files_signature(project, kinds) -> tuple:
    """The build date and the signature of the data files of ``kinds`` (``Kind.data``)."""
    data = project.config.data_dir
    places = [data / place for kind in kinds for place in kind.data]
    files = sorted({p for place in places for p in ([place] if place.is_file() else place.rglob("*")) if p.is_file()})
    return (project.today, *_stats(files))


def _layout_signature(config: MkDocsConfig, site_config) -> tuple:
    """Everything outside ``data/`` that the pages depend on: the pages in ``docs/``, the theme's
    overrides and mkdocs.yml (``PartialRebuilds``: a change there rebuilds every page)."""
    folders = [site_config.docs_dir] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    files = sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file())
    files.append(Path(config.config_file_path))
    return _stats(p for p in files if p.exists())


def _signature(config) -> tuple:
    files = sorted(p for folder in (config.data_dir, config.docs_dir) if folder.is_dir()
                   for p in folder.rglob("*") if p.is_file())
    return _stats(files)


def _stats(files) -> tuple:
    """Each file's path, modification time and size: what tells a rebuild that it changed."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


class _RedactingRecords:
    """A log record factory: every record, whichever logger makes it (``mkdocs.*``, ``properdocs.*``, a
    plugin's own), is made with the names on the never-publish list replaced by their entry numbers,
    before any filter, handler or formatter sees it."""

    def __init__(self, make, names):
        self.make = make
        self.names = names

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self.make(*args, **kwargs)
        if self.names:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):  # arguments that do not fit the message: logging reports it when emitting
                return record
            redacted = self.names.redact(message)
            if redacted != message:
                record.msg, record.args = redacted, None
            if record.exc_info:
                record.exc_text = self.names.redact(logging.Formatter().formatException(record.exc_info))
        return record


def _redact_logs(names) -> None:
    """Other plugins log data too (mkdocs-static-i18n prints each language's ``site_name``): no listed name
    may reach the terminal or a CI log, whoever logs it and whatever the engine calls its loggers
    (ProperDocs logs under ``properdocs``): so the records are redacted as they are made, not by name."""
    make = logging.getLogRecordFactory()
    if isinstance(make, _RedactingRecords):
        make.names = names
    else:
        logging.setLogRecordFactory(_RedactingRecords(make, names))
