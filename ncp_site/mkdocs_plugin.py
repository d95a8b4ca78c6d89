"""MkDocs glue: validate the data before any page is built, and add the pages generated from it.

Case pages (``cases/<id>/``) have no Markdown file per case per language: they are added here,
for the language being built, after mkdocs-static-i18n has arranged the hand-written pages.
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import action_plans as action_plans_mod
from . import cases as cases_mod
from . import events as events_mod
from .errors import DataErrors
from .html_safety import external_links
from .i18n import DEFAULT_LANG, LANGS, SOURCE_LANG, lang_prefix, relative_url
from .parity import docs_pages, front_matter, strip_front_matter
from .render import render
from .search import write_language_indexes
from .site import SiteData, load_count, load_site

log = get_plugin_logger(__name__)


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANG


class NcpPlugin(BasePlugin):
    site: SiteData

    def on_config(self, config: MkDocsConfig):
        try:
            self.site = load_site(Path(config.config_file_path).parent)
        except DataErrors as exc:
            raise PluginError("The data has errors:\n" + exc.report()) from None
        # One trilingual 404.html (GitHub Pages serves a single one), written by the default language.
        if current_language(config) == DEFAULT_LANG:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        return config

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = current_language(config)
        generated = []
        for case in self.site.cases:
            page = self._generated(config, lang, f"cases/{case.id}/index.md",
                                   lambda other, case=case: _case_markdown(self.site, case, other))
            files.append(page)
            generated.append(page)
        for plan in self.site.action_plans:
            page = self._generated(config, lang, f"{action_plans_mod.plan_url(plan.id)}index.md",
                                   lambda other, plan=plan: _plan_markdown(self.site, plan, other))
            files.append(page)
            generated.append(page)
        i18n = config.plugins.get("i18n")
        if i18n is not None and hasattr(i18n, "i18n_files_per_language"):
            i18n.i18n_files_per_language.setdefault(lang, []).extend(generated)
        if lang == DEFAULT_LANG:
            files.append(File.generated(config, "data/cases.json", content=open_data_json(self.site)))
        # this language's calendar feed (events.ics) and one file per event (events/<id>.ics)
        for path, content in events_mod.calendar_files(self.site.events, self.site.words, lang,
                                                       config.site_url).items():
            files.append(File.generated(config, path, content=content))
        return files

    def _generated(self, config: MkDocsConfig, lang: str, src_uri: str, markdown_for) -> File:
        """A page generated in every language, each version knowing the others; returns ``lang``'s version."""
        # Only the version being built is rendered; the others exist as link targets (switcher, hreflang).
        versions = {other: self._page(config, other, src_uri, markdown_for(other) if other == lang else "")
                    for other in LANGS}
        for version in versions.values():
            version.alternates = versions
        return versions[lang]

    @staticmethod
    def _page(config: MkDocsConfig, lang: str, src_uri: str, content: str) -> File:
        file = File.generated(config, lang_prefix(lang) + src_uri, content=content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
        file.locale = file.localization = file.locale_alternate_of = lang
        return file

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """A page whose translation is pending shows its source, marked with its language, under a banner.

        Every page gets its language's abbreviation key from the one register (Markdown's ``abbr``).
        """
        until = page.meta.get("translation_pending")
        if until and page.file.abs_src_path is not None:
            markdown = pending_page_markdown(self.site, Path(config.docs_dir), page, until)
        lang = getattr(page.file, "locale", None) or current_language(config)
        return markdown + self.site.abbreviations.markdown_key(lang)

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """Heading permalinks' tooltip in the page's language: Markdown's toc writes "Permanent link"."""
        lang = getattr(page.file, "locale", None) or current_language(config)
        title = escape(self.site.words.ui("page.permalink", lang))
        return external_links(html.replace('title="Permanent link"', f'title="{title}"'), config.site_url)

    @event_priority(-200)  # after the search plugin (0) and mkdocs-static-i18n (-100) wrote the index
    def on_post_build(self, config: MkDocsConfig):
        write_language_indexes(Path(config.site_dir))  # one search index per language (ncp_site/search.py)
        log.info(f"data loaded {load_count()} time(s) in this process "
                 f"({current_language(config)} build done)")


def _case_markdown(site: SiteData, case, lang: str) -> str:
    title = json.dumps(case.title[lang], ensure_ascii=False)
    body = cases_mod.render_case_page(case, site.words, lang)
    return f"---\ntitle: {title}\nrender_macros: false\n---\n\n{body}"


def _plan_markdown(site: SiteData, plan, lang: str) -> str:
    title = json.dumps(plan.title[lang], ensure_ascii=False)
    body = action_plans_mod.render_plan_page(plan, site.action_plans, site.words, lang, site.abbreviations)
    return f"---\ntitle: {title}\nrender_macros: false\n---\n\n{body}"


def open_data_json(site: SiteData) -> str:
    """``data/cases.json``: every public field of every case, all languages, stable order."""
    records = [c.public_dict() for c in sorted(site.cases, key=lambda c: c.id)]
    return json.dumps({"specific_instances": records}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def pending_page_markdown(site: SiteData, docs_dir: Path, page, until) -> str:
    lang = page.file.locale
    norm = Path(page.file.src_uri)
    key = (norm.parent / (norm.name.split(".")[0] + ".md")).as_posix()
    versions = {code: path for code, path in docs_pages(docs_dir)[key].items()
                if code in LANGS and "translation_pending" not in front_matter(path)}
    source = SOURCE_LANG if SOURCE_LANG in versions else next(iter(versions))
    others = {code: relative_url(page.url, page.file.alternates[code].url)
              for code in versions if code in getattr(page.file, "alternates", {})}
    banner = render("pending_banner.html", lang=lang, words=site.words, until=until,
                    other_langs=list(others), other_urls=others)
    body = strip_front_matter(versions[source].read_text(encoding="utf-8"))
    return f'{banner}\n<div lang="{source}" markdown>\n\n{body}\n\n</div>\n'
