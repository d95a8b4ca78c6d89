"""MkDocs glue: hold the Project for the build, insert the pages and files generated from it.

The Project is loaded once per build and kept on this plugin instance: mkdocs-static-i18n runs
the build once per language with the same instances, and ``on_startup`` makes MkDocs keep the
instance across ``mkdocs serve`` rebuilds, where a change under ``data/`` or ``docs/`` reloads it.
Everything generated comes from ``ncp_site.site`` and the kinds, which do not import MkDocs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.config import load_config
from ..core.errors import DataErrors
from ..core.kind import GeneratedPage, PageContext
from ..project import Project
from ..site import files as site_files
from ..site import pages as site_pages
from ..site.html_safety import external_links
from ..site.search_index import SearchIndexError, build_search_index, keep_words_apart
from .config import NcpConfig

log = get_plugin_logger(__name__)


class NcpPlugin(BasePlugin[NcpConfig]):
    project: Project | None = None
    signature: tuple | None = None
    loads = 0

    def on_startup(self, *, command, dirty) -> None:
        """Defined so that MkDocs keeps this instance (and its Project) across ``mkdocs serve`` rebuilds."""

    def current_language(self, config: MkDocsConfig) -> str:
        i18n = config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or self.project.config.languages.default

    def on_config(self, config: MkDocsConfig):
        root = Path(config.config_file_path).parent
        try:
            site_config = replace(load_config(root), docs_dir=Path(config.docs_dir), site_url=config.site_url)
        except DataErrors as exc:
            raise PluginError("The configuration has errors:\n" + exc.report()) from None
        signature = _signature(site_config)
        if self.project is None or signature != self.signature or self.project.config != site_config:
            self.project, self.signature = Project.load(site_config), signature
            self.loads += 1
        if self.project.errors:
            raise PluginError("The data has errors:\n" + DataErrors(self.project.errors).report())
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
        generated = [self._generated(config, lang, page) for page in site_pages.generated_pages(self.project)]
        _register_with_i18n(config, lang, files, generated)
        outputs = site_files.language_files(self.project, lang)
        if lang == languages.default:
            outputs += site_files.site_files(self.project)
        for output in outputs:
            files.append(File.generated(config, output.path, content=output.content))
        return files

    def _generated(self, config: MkDocsConfig, lang: str, page: GeneratedPage) -> dict[str, File]:
        """The page's file in every language; only the language being built is rendered (the others
        exist as link targets for the language switcher and hreflang)."""
        languages = self.project.config.languages
        versions = {}
        for other in languages:
            content = site_pages.page_markdown(page.render(other)) if other == lang else ""
            file = File.generated(config, languages.prefix(other) + page.src_uri, content=content,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            versions[other] = file
        for other, file in versions.items():
            file.locale = file.localization = file.locale_alternate_of = other
            file.alternates = versions
        return versions

    def content_language(self, page) -> str:
        """The language a page's text is in: its own, or its source while its translation is pending."""
        lang = getattr(page.file, "locale", None) or self.project.config.languages.default
        if page.file.generated_by is not None or page.file.abs_src_path is None:
            return lang
        return site_pages.content_language(self.project, _page_key(page.file.src_uri), lang)

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """A page whose translation is pending shows its source, marked with its language, under a banner.

        Every page gets the abbreviation key of its text's language from the one register (Markdown's ``abbr``).
        """
        until = page.meta.get("translation_pending")
        if until and page.file.abs_src_path is not None:
            alternates = {code: alt.url for code, alt in getattr(page.file, "alternates", {}).items()}
            markdown = site_pages.pending_page_markdown(self.project, _page_key(page.file.src_uri),
                                                        page.file.locale, page.url, until, alternates)
        return markdown + self.project.abbreviations.markdown_key(self.content_language(page))

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """Heading permalinks' tooltip in the page's language: Markdown's toc writes "Permanent link".
        Words in adjacent table headings and definition lists are kept apart for the search index."""
        lang = getattr(page.file, "locale", None) or self.current_language(config)
        title = escape(self.project.words.ui("page.permalink", lang))
        html = keep_words_apart(html.replace('title="Permanent link"', f'title="{title}"'))
        return external_links(html, config.site_url)

    @event_priority(-200)  # after mkdocs-static-i18n (-100), whose post-build builds the other languages
    def on_post_build(self, config: MkDocsConfig):
        log.info(f"data loaded {self.loads} time(s) in this process ({self.current_language(config)} build done)")
        if _site_complete(config):
            self._index_site(config)

    def _index_site(self, config: MkDocsConfig) -> None:
        """The search index of every language, once every language's pages are written."""
        try:
            log.info(build_search_index(Path(config.site_dir)).summary())
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def call_macro(self, name: str, page, *args, **kwargs) -> str:
        """Run a kind's macro for ``page``, in the language the page's text is in."""
        macro = {**self.project.macros(), **site_pages.SITE_MACROS}[name]
        context = PageContext(self.content_language(page), page.url)
        try:
            return macro(self.project, context, *args, **kwargs)
        except ValueError as exc:
            if not hasattr(exc, "problem"):  # a TermError: a term() argument computed at render time
                raise
            version = self.project.sources.pages.get(_page_key(page.file.src_uri), {}).get(page.file.locale)
            raise DataErrors([_term_error(version, context.lang, args, kwargs, exc)]) from None

    def macro_names(self) -> list[str]:
        return [*self.project.macros(), *site_pages.SITE_MACROS]


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


def _site_complete(config: MkDocsConfig) -> bool:
    """True in the last post-build of a build: mkdocs-static-i18n builds the other languages from
    inside the default language's post-build (flag ``building``), so ours runs once more after them."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


def _page_key(src_uri: str) -> str:
    """``procedures/index.en.md`` -> ``procedures/index.md`` (a page without its language suffix)."""
    path = PurePosixPath(src_uri)
    return (path.parent / (path.name.split(".")[0] + ".md")).as_posix().removeprefix("./")


def _signature(config) -> tuple:
    files = sorted(p for folder in (config.data_dir, config.docs_dir) if folder.is_dir()
                   for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
