"""What the reports render: lists by year and by kind, the language matrix, a page per document and
the documents' filters (kind, year, language of a version online) over Pagefind's index of those pages."""

from __future__ import annotations

from itertools import groupby

from ...core import documents
from ...core.facets import SCRIPT, Facet, Filters, count_facets, render_filters
from ...core.formats import language_name
from ...core.kind import GeneratedPage, Page, PageContext
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from .model import KINDS, PAGE_URL, Report

render = templates_of(__file__)

FACETS = {"kind": "reports.kind", "year": "reports.year", "language": "reports.online_language"}
"""The documents' filters (Pagefind filters on every document's page) in the order shown, with their headings' ui keys."""
REGISTER = "reports"
"""The value of the ``register`` filter on every document's page, so the filters search those pages only."""
NEWEST_FIRST = "year"
"""The Pagefind sort key of a document's page: its year, ``0000`` when not stated."""
EVERY_REPORT_PAGE = "reports.kind"
"""The interface text of a label on every document's page: searched when only filters are chosen."""


def report_url(report_id: str) -> str:
    return f"{PAGE_URL}{report_id}/"


def _render(template: str, words: Words, lang: str, url: str = PAGE_URL, **context) -> str:
    url = words.languages.prefix(lang) + url
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


def report_facets(report: Report) -> dict[str, list[str]]:
    """A document's value(s) of each filter: codes; ``language``: the languages of the versions online
    (a version in print only, or available from the Secretariat, cannot be opened from the site)."""
    return {"kind": [report.kind], "year": [str(report.year)] if report.year else [],
            "language": list(report.documents.available())}


def facet_label(words: Words, lang: str, facet: str, value: str) -> str:
    """A filter value as a visitor reads it, in the page's language."""
    if facet == "year":
        return value
    label = words.label("report_" + value, lang) if facet == "kind" else language_name(value, lang)
    return label[:1].upper() + label[1:]


def reports_facets(reports: list[Report], words: Words, lang: str) -> list[Facet]:
    """Each filter with the values the documents have and how many have each (no filter applied)."""
    def order(key: str, values: list[str]) -> list[str]:
        if key == "kind":
            return sorted(values, key=KINDS.index)
        if key == "year":
            return sorted(values, reverse=True)
        return sorted(values, key=words.languages.codes.index)  # the site's order of languages

    return count_facets(reports, report_facets, {key: words.ui(heading, lang) for key, heading in FACETS.items()},
                        lambda key, value: facet_label(words, lang, key, value), order)


def render_reports_filters(reports: list[Report], words: Words, page: PageContext) -> str:
    filters = Filters(REGISTER, NEWEST_FIRST, words.ui(EVERY_REPORT_PAGE, page.lang), "reports",
                      reports_facets(reports, words, page.lang), relative_url(page.url, SCRIPT))
    return render_filters(filters, words, page.lang)


def render_report_page(report: Report, words: Words, lang: str) -> str:
    return _render("report_page.md", words, lang, url=report_url(report.id), r=report,
                   facets=report_facets(report), register=REGISTER, sort=NEWEST_FIRST,
                   sort_value=str(report.year) if report.year else "0000")


def report_pages(project) -> list[GeneratedPage]:
    """A page per document (``reports/<id>/``) in every language: what the documents' filters find."""
    def page(report: Report):
        return lambda lang: Page(f"{report_url(report.id)}index.md", lang, report.title[lang],
                                 render_report_page(report, project.words, lang))
    return [GeneratedPage(f"{report_url(r.id)}index.md", page(r)) for r in project.data.reports]


MACROS = {
    "reports_by_year": lambda project, page: render_by_year(project.data.reports, project.words, page.lang),
    "reports_by_kind": lambda project, page: render_by_kind(project.data.reports, project.words, page.lang),
    "reports_matrix": lambda project, page: render_matrix(project.data.reports, project.words, page.lang),
    "reports_filters": lambda project, page: render_reports_filters(project.data.reports, project.words, page),
}
