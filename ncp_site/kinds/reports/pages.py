"""What the reports render: lists by year and by kind, and the language matrix."""

from __future__ import annotations

from itertools import groupby

from ...core import documents
from ...core.rendering import Words, templates_of
from .model import KINDS, PAGE_URL, Report

render = templates_of(__file__)


def _render(template: str, words: Words, lang: str, **context) -> str:
    url = words.languages.prefix(lang) + PAGE_URL
    return render(template, lang=lang, words=words,
                  doc_href=lambda value: documents.href(value, url, words.languages), **context)


def render_by_year(reports: list[Report], words: Words, lang: str) -> str:
    groups = [(year, list(items)) for year, items in groupby(reports, key=lambda r: r.year)]
    return _render("reports_list.html", words, lang, groups=groups, by="year")


def render_by_kind(reports: list[Report], words: Words, lang: str) -> str:
    ordered = sorted(reports, key=lambda r: (KINDS.index(r.kind), -(r.year or 0), r.id))
    groups = [(kind, list(items)) for kind, items in groupby(ordered, key=lambda r: r.kind)]
    return _render("reports_list.html", words, lang, groups=groups, by="kind")


def render_matrix(reports: list[Report], words: Words, lang: str) -> str:
    return _render("reports_matrix.html", words, lang, reports=reports)


MACROS = {
    "reports_by_year": lambda project, page: render_by_year(project.reports, project.words, page.lang),
    "reports_by_kind": lambda project, page: render_by_kind(project.reports, project.words, page.lang),
    "reports_matrix": lambda project, page: render_matrix(project.reports, project.words, page.lang),
}
