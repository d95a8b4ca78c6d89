"""MkDocs glue: hold the Project for the build, insert the pages and files generated from it.

The Project is loaded once per build and kept on this plugin instance: mkdocs-static-i18n runs
the build once per language with the same instances, and ``on_startup`` makes MkDocs keep the
instance across ``mkdocs serve`` rebuilds, where a change under ``data/`` or ``docs/`` reloads it.
Everything generated comes from ``ncp_site.site`` and the kinds, which do not import MkDocs. The
plugin hands the rest to its collaborators: ``bridge`` (every use of another package's internals),
``Preview`` (what only ``mkdocs serve`` does) and ``site.publishing`` (the index and the checks of
the built site, and its folder replaced once they passed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..checks.never_publish import redact_logs
from ..core.config import from_options
from ..core.errors import DataErrors
from ..core.kind import GeneratedPage, PageContext
from ..core.languages import relative_url
from ..project import Project
from ..site import pages as site_pages
from ..site import publishing
from ..site import theme as site_theme
from ..site.held_html import HeldHtml
from ..site.partial import files_in, output_files, stats
from . import bridge
from .config import NcpConfig
from .preview import Preview

log = get_plugin_logger(__name__)
DUMP_MARKDOWN = "NCP_DUMP_MARKDOWN"
"""A folder: the build writes there every page's final Markdown (after macros), in the suffix layout,
for the benchmark's floor (``scripts/benchmark.py``: plain MkDocs building the same Markdown)."""


class NcpPlugin(BasePlugin[NcpConfig]):
    def __init__(self) -> None:
        super().__init__()
        bridge.requests_imported_on_use()  # MkDocs makes this plugin before it imports mkdocs-macros
        self.project: Project = None  # type: ignore[assignment]  # on_config loads it before any other event
        self.signature: tuple | None = None  # of the data and docs the Project was loaded from
        self.loads = 0
        self.preview: Preview | None = None  # under ``mkdocs serve``
        self.work: publishing.WorkFolder | None = None  # where ``mkdocs build`` writes the site meanwhile
        self.held = HeldHtml()  # replaced at every build's on_config
        self.fragments = site_theme.Fragments()  # replaced at every language build's on_env
        self.compiled = site_theme.CompiledTemplates()  # the theme's templates, for every build of this process
        self.listings: dict = {}  # the theme's files (bridge.theme_listed_once)
        self.files: Files | None = None  # the language being built's, until its build ends

    def on_startup(self, *, command, dirty) -> None:
        """Defined so that MkDocs keeps this instance (and its Project) across ``mkdocs serve`` rebuilds."""
        self.preview = Preview(dirty) if command == "serve" else None
        bridge.git_asked_once()
        if command in ("build", "gh-deploy"):
            publishing.stop_on_signals(lambda line: print(line, file=sys.stderr))

    def on_config(self, config: MkDocsConfig):
        try:
            site_config = from_options(Path(config.config_file_path).parent, bridge.language_entries(config),
                                       self.config, Path(config.docs_dir), config.site_url)
        except ValueError as exc:
            raise PluginError(f"mkdocs.yml: plugins: {exc} -- name them among the i18n plugin's languages") from None
        signature = stats(files_in(site_config.data_dir, site_config.docs_dir))
        lang = bridge.language_being_built(config, site_config.languages.default)
        partial = self.preview.partial if self.preview is not None else None
        if partial is not None and lang == site_config.languages.default:
            theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
            partial.start(stats([*files_in(site_config.docs_dir, *theme), Path(config.config_file_path)]))
        bridge.theme_listed_once(config, self.listings, partial.layout if partial is not None else None)
        if self.project is None or signature != self.signature or self.project.config != site_config:
            cache = partial.source_cache(site_config) if partial is not None else None
            self.project, self.signature = Project.load(site_config, cache=cache), signature
            self.project.release_parsed_files()
            self.loads += 1
            if self.preview is not None:
                self.preview.loaded(self.project)
        redact_logs(self.project.never_publish)
        self.held = HeldHtml()
        if self.project.errors:
            errors = DataErrors(self.project.errors)
            report = "The data has errors:\n" + errors.report()
            raise PluginError(self.project.never_publish.redact(report)) from errors  # a listed name is never printed
        if self.preview is None and self.work is None:
            self.work = publishing.WorkFolder(Path(config.site_dir))
            log.info(f"the site is written to {self.work.folder} and moved to {self.work.dest} once every check passed")
        if self.work is not None:
            config.site_dir = str(self.work.site)
        # One 404.html for all languages (GitHub Pages serves a single one), written by the default language.
        templates = config.theme.static_templates
        (templates.add if lang == site_config.languages.default else templates.discard)("404.html")
        return config

    def _lang(self, config: MkDocsConfig) -> str:
        return bridge.language_being_built(config, self.project.config.languages.default)

    @event_priority(bridge.AFTER_I18N)  # the hand-written pages arranged by mkdocs-static-i18n
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = self._lang(config)
        partial = self.preview.partial if self.preview is not None else None
        if partial is not None:
            partial.start_language()
            for file in files.documentation_pages():
                bridge.set_modified(file, partial.unchanged(self.project, file.src_uri, lang) is None)
        pages = partial.generated_pages(self.project) if partial is not None else site_pages.generated_pages(self.project)
        versions = [self._generated(config, lang, page, partial) for page in pages]
        bridge.add_language_versions(config, lang, files, versions)
        self.files = files
        for output, kept in output_files(self.project, lang, partial):
            file = File.generated(config, output.path, content=output.content)
            if kept:
                bridge.set_modified(file, False)
            files.append(file)
        return files

    def _generated(self, config: MkDocsConfig, lang: str, page: GeneratedPage, partial) -> dict[str, File]:
        """The page's file in every language; only the language being built is rendered (the others are link
        targets for the language switcher and hreflang), under ``--dirty`` only if what it is made of changed."""
        languages = self.project.config.languages
        key = languages.prefix(lang) + page.src_uri
        markdown = (partial.page_markdown(self.project, page, lang, key) if partial is not None
                    else site_pages.page_markdown(page.render(lang)))
        versions = {other: File.generated(config, languages.prefix(other) + page.src_uri, inclusion=InclusionLevel.NOT_IN_NAV,
                                          content=(markdown or "") if other == lang else "") for other in languages}
        if partial is not None:
            bridge.set_modified(versions[lang], markdown is not None and partial.written(key, lang, markdown, self.project))
        return versions

    @event_priority(bridge.AFTER_I18N)  # the language's navigation built by mkdocs-static-i18n
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        if self.preview is not None and self.preview.partial is not None:
            bridge.keep_unread(files, self.preview.partial.kept)
        for key in site_theme.section_titles(nav.items, self.project.words.ui.strings, self._lang(config))[:1]:
            raise PluginError(f"mkdocs.yml: nav: the section '{key}' has no text in data/ui.yml -- "
                              f"add '{key}:' with its kk, ru and en titles to data/ui.yml")
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Fragments rendered once per language build (``site_theme.Fragments``), templates compiled once per process."""
        self.fragments = site_theme.Fragments()
        env.bytecode_cache = self.compiled
        env.globals["ncp_cached"] = self.fragments.cached
        return env

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """Every page's footer, the NCP's mark and the theme's words, in the page's language."""
        lang = bridge.page_language(page, self._lang(config))
        root = relative_url(page.url, "")
        context["ncp_footer"] = self.fragments.cached(("footer", lang, root), lambda: site_theme.footer(self.project, lang, root))
        self._theme_context(context, lang)
        return context

    def _theme_context(self, context, lang: str) -> None:
        context["ncp_mark"] = self.fragments.cached(("mark", lang), lambda: site_theme.mark(self.project, lang))
        context["ncp_theme"] = self.fragments.cached(("theme", lang), lambda: site_theme.theme_words(self.project, lang))

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The 404 page's footer: it is served at any address, so its links start at the site's root."""
        if template_name == "404.html":
            root = (context.get("base_url") or "").rstrip("/") + "/"
            context["ncp_footer"] = site_theme.footer(self.project, self._lang(config), root)
            self._theme_context(context, self._lang(config))
        return context

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        if self.preview is None:
            bridge.release_content(page)
        return site_theme.without_empty_tabindex(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return site_theme.without_empty_tabindex(output_content)

    def content_language(self, page) -> str:
        """The language a page's text is in: its own, or its source while its translation is pending."""
        lang = bridge.page_language(page, self.project.config.languages.default)
        if page.file.generated_by is not None or page.file.abs_src_path is None:
            return lang
        return site_pages.content_language(self.project, site_pages.page_key(page.file.src_uri), lang)

    @event_priority(50)  # before mkdocs-macros (0) renders the page: the source's macros must run
    def _pending_source(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """A page whose translation is pending shows its source, marked with its language (its banner comes
        after the macros ran: it is data text)."""
        if page.meta.get("translation_pending") and page.file.abs_src_path is not None:
            source = site_pages.pending_source_markdown(self.project, site_pages.page_key(page.file.src_uri))
            markdown = source if source is not None else markdown
        return markdown

    @event_priority(-50)  # after mkdocs-macros (0) rendered the page: no data text is ever template input
    def _data_text(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """What the data adds to every page, once its macros ran: a pending page's banner, the held HTML of a
        generated page, and the abbreviation key of the page text's language from the one register
        (Markdown's ``abbr``)."""
        until = page.meta.get("translation_pending")
        if until and page.file.abs_src_path is not None:
            banner = site_pages.pending_banner(self.project, site_pages.page_key(page.file.src_uri),
                                               bridge.page_language(page, self.project.config.languages.default),
                                               page.url, until, bridge.alternate_urls(page))
            markdown = self.held.hold(banner) + "\n\n" + markdown if banner.strip() else markdown
        if page.file.generated_by is not None:
            markdown = self.held.hold_blocks(markdown)
        return markdown + self.project.data.abbreviations.markdown_key(self.content_language(page))

    on_page_markdown = CombinedEvent(_pending_source, _data_text)

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """The held HTML back in (``HeldHtml``), then the site's own finish (``site_pages.finished_html``)."""
        lang = bridge.page_language(page, self._lang(config))
        if os.environ.get(DUMP_MARKDOWN):
            site_pages.dump_markdown(Path(os.environ[DUMP_MARKDOWN]), page.file.dest_uri, page.meta,
                                     self.held.shown(page.markdown), lang, self.project.config.languages)
        html, anchors = self.held.restore(html)
        bridge.release_markdown(page)
        bridge.add_anchors(page, anchors)
        html = site_pages.finished_html(self.project, html, lang, config.site_url)
        return self.preview.edit_line(page, lang) + html if self.preview is not None else html

    @event_priority(bridge.I18N_PRIORITY + 10)  # before mkdocs-static-i18n's post-build builds the next language
    def _language_built(self, config: MkDocsConfig):
        """What this language's build wrote is forgotten before the next language's build starts."""
        if self.preview is None and self.files is not None:
            bridge.release_written_files(self.files)
        self.files = None

    @event_priority(bridge.AFTER_ALL_LANGUAGES)  # mkdocs-static-i18n's post-build builds the other languages
    def _all_built(self, config: MkDocsConfig):
        log.info(f"data loaded {self.loads} time(s) in this process ({self._lang(config)} build done)")
        if self.preview is not None:
            Preview.write_files(Path(config.site_dir))  # every language's build ends here; the files are tiny
        if not bridge.last_build(config):
            return
        if self.preview is not None and self.preview.partial is not None:
            self.preview.built(Path(config.site_dir))
            return
        try:
            for line in publishing.finish(Path(config.site_dir), self.project, urlsplit(config.site_url or "/").path or "/",
                                          self.work, os.environ.get(publishing.INDEX_AFTER)):
                log.info(line)
        except publishing.NotPublishable as exc:
            raise PluginError(str(exc)) from None
        if self.work is not None:
            config.site_dir = str(self.work.dest)  # gh-deploy publishes from it next
            self.work = None

    on_post_build = CombinedEvent(_language_built, _all_built)

    def on_build_error(self, *, error) -> None:
        self._forget_work()

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.stop()
        self._forget_work()

    def _forget_work(self) -> None:
        if self.work is not None:
            self.work.discard()
            self.work = None

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.preview is None:  # ``mkdocs serve --clean`` starts the plugins as a build's
            self.preview = Preview(dirty=False)
            self.preview.loaded(self.project)
        self.preview.serve(server, Path(config.site_dir))
        return server

    def call_macro(self, name: str, page, *args, **kwargs) -> str:
        """Run a kind's macro for ``page``, in the language the page's text is in."""
        context = PageContext(self.content_language(page), page.url)
        own = bridge.page_language(page, self.project.config.languages.default)
        call = lambda: site_pages.call_macro(self.project, name, context, page.file.src_uri, own, args, kwargs)  # noqa: E731
        return self.held.hold_output(self.preview.call(page, name, call) if self.preview is not None else call())

    def macro_names(self) -> list[str]:
        return self.project.macro_names()

