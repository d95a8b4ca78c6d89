"""The pages the site generates from a Project, as plain data; no MkDocs here.

Generated pages (a case, an action plan) come from the kinds; a hand-written page whose
translation is pending is shown in its source language under a banner, entirely in that
language (its macros included: ``content_language``).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from markupsafe import escape

from ..checks.translation_status import STATES
from ..core.errors import DataErrors
from ..core.feeds import feed_path
from ..core.kind import GeneratedPage, Page, PageContext
from ..core.languages import relative_url
from ..core.rendering import templates_of
from . import theme
from .html_safety import external_links
from .open_data import MACROS as OPEN_DATA_MACROS
from .open_data import dictionary_page, known_feed
from .search_index import keep_words_apart

if TYPE_CHECKING:
    from ..project import Project

render = templates_of(__file__)


SEARCH_PAGE = "search/index.md"
SEARCH_SCRIPT = "assets/javascripts/ncp-search.js"


def generated_pages(project: Project) -> list[GeneratedPage]:
    """Every generated page of every kind, the search page and the data dictionary (each exists in every language)."""
    return [*(page for kind in project.kinds if kind.pages for page in kind.pages(project)), *site_pages(project)]


def site_pages(project: Project) -> list[GeneratedPage]:
    """The pages the site itself generates: the search page and the data dictionary."""
    return [search_page(project), dictionary_page(project)]


def search_page(project: Project) -> GeneratedPage:
    """``search/``: the header's search button leads here, in the page's language; Pagefind searches
    that language's index (``overrides/assets/javascripts/ncp-search.js``). Not itself indexed."""
    def render_page(lang: str) -> Page:
        url = project.config.languages.prefix(lang) + "search/"
        markdown = render("search_page.md", lang=lang, words=project.words,
                          script=relative_url(url, SEARCH_SCRIPT))
        return Page(SEARCH_PAGE, lang, project.words.ui("search.title", lang), markdown,
                    meta={"search": {"exclude": True}})
    return GeneratedPage(SEARCH_PAGE, render_page)


def page_markdown(page: Page) -> str:
    """A generated page as a Markdown file: its title (and any other meta) in front matter; macros
    are not rendered in it. JSON values are YAML too.

    The title is HTML-escaped: MkDocs and the theme treat a page title as HTML (Material prints the
    front matter's title as it is in ``<title>`` and the header).
    """
    meta = {"title": str(escape(page.title)), **page.meta, "render_macros": False}
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\n{lines}---\n\n{page.markdown}"


def pending_source(project: Project, page_key: str):
    """The version a pending page shows: the source language's, else the first that exists."""
    languages = project.config.languages
    versions = {code: version for code, version in project.sources.pages.get(page_key, {}).items()
                if code in languages and "translation_pending" not in version.meta}
    if not versions:
        return None
    return versions[languages.source] if languages.source in versions else next(iter(versions.values()))


def content_language(project: Project, page_key: str, lang: str) -> str:
    """The language a hand-written page's text is really in: its own, or its source while pending."""
    version = project.sources.pages.get(page_key, {}).get(lang)
    if version is None or "translation_pending" not in version.meta:
        return lang
    source = pending_source(project, page_key)
    return source.lang if source is not None else lang


def pending_source_markdown(project: Project, page_key: str) -> str | None:
    """A pending page's text: its source's, marked with its language (a page: its macros are rendered)."""
    source = pending_source(project, page_key)
    if source is None:
        return None
    return f'<div lang="{source.lang}" markdown>\n\n{source.body}\n\n</div>\n'


def pending_banner(project: Project, page_key: str, lang: str, page_url: str, until, alternate_urls: dict[str, str]) -> str:
    """A pending page's banner in the page's language, with links to the versions that exist (HTML made from
    the data: added once the page's macros ran)."""
    available = [code for code, version in project.sources.pages.get(page_key, {}).items()
                 if code in project.config.languages and "translation_pending" not in version.meta]
    others = {code: relative_url(page_url, alternate_urls[code]) for code in available if code in alternate_urls}
    return render("pending_banner.html", lang=lang, words=project.words, until=until,
                  other_langs=list(others), other_urls=others)


def translation_status_macro(project: Project, page: PageContext) -> str:
    return render("translation_status.html", lang=page.lang, words=project.words, report=project.translations,
                  states=(*STATES, "reviewed"))


def feed_link_macro(project: Project, page: PageContext, name: str) -> str:
    """A visible link to one of the language's Atom feeds (``Kind.feeds``: ``news``, ``events``, ``cases``)."""
    known_feed(project, name, "feed_link")
    prefix = project.config.languages.prefix(page.lang)
    return render("feed_link.html", lang=page.lang, words=project.words, title=project.words.ui(f"feeds.{name}", page.lang),
                  href=relative_url(page.url, feed_path(prefix, name)))


HOME_TASKS = (("home.find_case", "cases/"), ("home.learn", "guidelines/"), ("home.news", "news/"),
              ("home.events", "events/"))
"""The home page's tasks after raising a concern, each a page of the site (data/ui.yml has their words)."""


def home_tasks_macro(project: Project, page: PageContext) -> str:
    """The home page's other tasks, under the way to raise a concern: find a case, learn about the
    Guidelines, the news and the events; every link relative to the page, in its language."""
    prefix = project.config.languages.prefix(page.lang)
    return render("home_tasks.html", lang=page.lang, words=project.words,
                  tasks=[(label, relative_url(page.url, prefix + path)) for label, path in HOME_TASKS])


BEYOND_DATA = frozenset({"translation_status"})
"""Macros that show more than the kinds' data (the translation report, made from every file): under
``mkdocs serve --dirty`` a page calling one is read again at every rebuild (``site.partial``)."""
SITE_MACROS = {"translation_status": translation_status_macro, "feed_link": feed_link_macro,
               "home_tasks": home_tasks_macro, **OPEN_DATA_MACROS}


def finished_html(project, html: str, lang: str, site_url: str | None) -> str:
    """A page's HTML once Markdown made it: heading permalinks' tooltip in the page's language (toc writes
    "Permanent link"), words in adjacent table headings and definition lists kept apart for the search index,
    no link inside a ``<summary>``, and links to other sites marked."""
    title = escape(project.words.ui("page.permalink", lang))
    html = keep_words_apart(html.replace('title="Permanent link"', f'title="{title}"'))
    return external_links(theme.without_links_in_summaries(html), site_url)


def page_key(src_uri: str) -> str:
    """``procedures/index.en.md`` -> ``procedures/index.md`` (a page without its language suffix)."""
    path = PurePosixPath(src_uri)
    return (path.parent / (path.name.split(".")[0] + ".md")).as_posix().removeprefix("./")


def dump_markdown(folder: Path, dest_uri: str, meta: dict, markdown: str, lang: str, languages) -> None:
    """``ru/cases/kz0003/index.html`` -> ``cases/kz0003/index.ru.md``: the page's Markdown once macros ran,
    its front matter included (``NCP_DUMP_MARKDOWN``, the benchmark's floor)."""
    dest = dest_uri.removeprefix(languages.prefix(lang))
    if not dest.endswith("index.html"):
        return
    path = folder / dest.removesuffix("index.html") / f"index.{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n\n{markdown}", encoding="utf-8")


def call_macro(project, name: str, context: PageContext, src_uri: str, locale: str | None, args, kwargs) -> str:
    """A macro's output for a page; a ``term()`` argument that fails at render time is located in the page."""
    macro = {**project.macros(), **SITE_MACROS}[name]
    try:
        return macro(project, context, *args, **kwargs)
    except ValueError as exc:
        if not hasattr(exc, "problem"):  # not a TermError
            raise
        from ..checks.terminology import term_call_error

        version = project.sources.pages.get(page_key(src_uri), {}).get(locale)
        form = kwargs.get("form", args[1] if len(args) > 1 else None)
        raise DataErrors([term_call_error(version, context.lang, args[0] if args else "", form, exc)]) from None
