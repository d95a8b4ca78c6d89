"""The open-data page's lists and the data dictionary (``open-data/dictionary/``), in every language.

The files themselves (``data/<name>.json``, ``.csv``, ``.schema.json``) are written by their kinds;
this module lists them and describes every CSV column, from the same schema the files come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.feeds import feed_path
from ..core.kind import GeneratedPage, Page, PageContext
from ..core.languages import relative_url
from ..core.opendata import Dataset, columns
from ..core.rendering import templates_of

if TYPE_CHECKING:
    from ..project import Project

render = templates_of(__file__)
PAGE_URL = "open-data/"
DICTIONARY_URL = "open-data/dictionary/"


def datasets(project: Project) -> list[Dataset]:
    """Every kind's open data (``Kind.open_data``), in the kinds' order."""
    return [kind.open_data(project) for kind in project.kinds if kind.open_data]


def feeds(project: Project) -> list[str]:
    """Every Atom feed the kinds write (``Kind.feeds``), in the kinds' order."""
    return [name for kind in project.kinds for name in kind.feeds]


def description_key(dataset_name: str, field: str) -> str:
    return f"opendata.{dataset_name}.{field}"


def dictionary_rows(project: Project, dataset, lang: str) -> list[tuple[str, str, str, str]]:
    """(column, field, its label on the pages in ``lang`` or "", description key) for every CSV column."""
    return [(c.name, c.field, dataset.labels.get(c.field, {}).get(lang, ""), description_key(dataset.name, c.field))
            for c in columns(dataset, project.config.languages.codes)]


def render_dictionary(project: Project, lang: str) -> str:
    tables = [(d, dictionary_rows(project, d, lang)) for d in datasets(project)]
    return render("open_data_dictionary.md", lang=lang, words=project.words, tables=tables)


def dictionary_page(project: Project) -> GeneratedPage:
    def page(lang: str) -> Page:
        return Page(f"{DICTIONARY_URL}index.md", lang, project.words.ui("opendata.dictionary", lang),
                    render_dictionary(project, lang))
    return GeneratedPage(f"{DICTIONARY_URL}index.md", page)


def open_data_files_macro(project: Project, page: PageContext) -> str:
    prefix = project.config.languages.prefix(page.lang)
    rows = [(d, len(d.records), {kind: relative_url(page.url, path) for kind, path in
                                 (("json", d.json_path), ("csv", d.csv_path), ("schema", d.schema_path))})
            for d in datasets(project)]
    return render("open_data_files.html", lang=page.lang, words=project.words, rows=rows,
                  dictionary=relative_url(page.url, prefix + DICTIONARY_URL))


def feeds_list_macro(project: Project, page: PageContext, *names: str) -> str:
    """The language's Atom feeds, in the order ``names`` gives (the order the page's text names them), else all."""
    for name in names:
        known_feed(project, name, "feeds_list")
    prefix = project.config.languages.prefix(page.lang)
    links = [(project.words.ui(f"feeds.{name}", page.lang), relative_url(page.url, feed_path(prefix, name)))
             for name in names or feeds(project)]
    return render("feeds_list.html", lang=page.lang, words=project.words, feeds=links)


def known_feed(project: Project, name: str, macro: str) -> str:
    if name not in feeds(project):
        raise ValueError(f"{macro}: there is no feed '{name}' -- use {', '.join(feeds(project))}")
    return name


MACROS = {"open_data_files": open_data_files_macro, "feeds_list": feeds_list_macro}
