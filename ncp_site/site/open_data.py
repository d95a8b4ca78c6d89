"""The open-data page's lists and the data dictionary (``open-data/dictionary/``), in every language.

The files themselves (``data/<name>.json``, ``.csv``, ``.schema.json``) are written by their kinds;
this module lists them and describes every CSV column, from the same schema the files come from.
"""

from __future__ import annotations

from ..core.kind import GeneratedPage, Page, PageContext
from ..core.languages import relative_url
from ..core.opendata import columns
from ..core.rendering import templates_of
from ..kinds.cases.pages import open_dataset as cases_dataset
from ..kinds.events.pages import open_dataset as events_dataset
from .theme import FEEDS, feed_path

render = templates_of(__file__)
PAGE_URL = "open-data/"
DICTIONARY_URL = "open-data/dictionary/"


def datasets(project) -> list:
    return [cases_dataset(project), events_dataset(project)]


def description_key(dataset_name: str, field: str) -> str:
    return f"opendata.{dataset_name}.{field}"


def dictionary_rows(project, dataset, lang: str) -> list[tuple[str, str, str, str]]:
    """(column, field, its label on the pages in ``lang`` or "", description key) for every CSV column."""
    return [(c.name, c.field, dataset.labels.get(c.field, {}).get(lang, ""), description_key(dataset.name, c.field))
            for c in columns(dataset, project.config.languages.codes)]


def render_dictionary(project, lang: str) -> str:
    tables = [(d, dictionary_rows(project, d, lang)) for d in datasets(project)]
    return render("open_data_dictionary.md", lang=lang, words=project.words, tables=tables)


def dictionary_page(project) -> GeneratedPage:
    def page(lang: str) -> Page:
        return Page(f"{DICTIONARY_URL}index.md", lang, project.words.ui("opendata.dictionary", lang),
                    render_dictionary(project, lang))
    return GeneratedPage(f"{DICTIONARY_URL}index.md", page)


def open_data_files_macro(project, page: PageContext) -> str:
    prefix = project.config.languages.prefix(page.lang)
    rows = [(d, len(d.records), {kind: relative_url(page.url, path) for kind, path in
                                 (("json", d.json_path), ("csv", d.csv_path), ("schema", d.schema_path))})
            for d in datasets(project)]
    return render("open_data_files.html", lang=page.lang, words=project.words, rows=rows,
                  dictionary=relative_url(page.url, prefix + DICTIONARY_URL))


def feeds_list_macro(project, page: PageContext) -> str:
    prefix = project.config.languages.prefix(page.lang)
    feeds = [(project.words.ui(f"feeds.{name}", page.lang), relative_url(page.url, feed_path(prefix, name)))
             for name in FEEDS]
    return render("feeds_list.html", lang=page.lang, words=project.words, feeds=feeds)


MACROS = {"open_data_files": open_data_files_macro, "feeds_list": feeds_list_macro}
