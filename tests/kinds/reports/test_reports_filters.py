"""The documents' filters: a page per document names its kind, year and languages online (codes)
for Pagefind; the reports page lists every value the documents have, labelled in the page's
language, with counts."""

from __future__ import annotations

import re
from html import unescape

import pytest
from builders import collect, concept, dedent, make_project, vocabulary_ids

from ncp_site.core.kind import PageContext
from ncp_site.kinds.reports import model as report_model
from ncp_site.kinds.reports.pages import (
    FACETS,
    REGISTER,
    render_report_page,
    render_reports_filters,
    report_facets,
    report_pages,
    reports_facets,
)

REPORTS = dedent("""
    reports:
      - id: annual-report-2030
        kind: annual_report
        year: 2030
        title: {kk: 2030 жылғы есеп, ru: Отчёт за 2030 год, en: Report for 2030}
        documents:
          ru: https://example.org/annual-2030-ru.pdf
          en: https://example.org/annual-2030-en.pdf
        unlinked: [kk]
      - id: annual-report-2029
        kind: annual_report
        year: 2029
        title: {kk: 2029 жылғы есеп, ru: Отчёт за 2029 год, en: Report for 2029}
        documents:
          kk: https://example.org/annual-2029-kk.pdf
      - id: code
        kind: code_of_conduct
        title: {kk: Кодекс, ru: Кодекс, en: Code}
        documents:
          en: https://example.org/code-en.pdf
        printed: [ru]
""")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports-filters") / "p"
    have = set(vocabulary_ids())
    make_project(root, glossary_extra=[concept(f"report_{k}") for k in report_model.KINDS
                                       if f"report_{k}" not in have])
    (root / "data" / "reports.yml").write_text(REPORTS, encoding="utf-8")
    project, errors = collect(root)
    assert errors == []
    return project


def report(project, report_id):
    return next(r for r in project.data.reports if r.id == report_id)


def test_a_document_names_its_values_as_codes(project):
    assert report_facets(report(project, "annual-report-2030")) == {
        "kind": ["annual_report"], "year": ["2030"], "language": ["ru", "en"]}
    assert report_facets(report(project, "code")) == {
        "kind": ["code_of_conduct"], "year": [], "language": ["en"]}, \
        "a printed edition cannot be opened from the site: not a language online; no year, no value"


def test_the_reports_page_counts_each_value_and_labels_it_in_the_page_language(project):
    facets = {f.key: f for f in reports_facets(project.data.reports, project.words, "ru")}
    assert list(facets) == list(FACETS)
    counts = {key: [(o.value, o.count) for o in facet.options] for key, facet in facets.items()}
    assert counts == {"kind": [("annual_report", 2), ("code_of_conduct", 1)],
                      "year": [("2030", 1), ("2029", 1)],
                      "language": [("kk", 1), ("ru", 1), ("en", 2)]}
    labels = {key: {o.value: o.label for o in facet.options} for key, facet in facets.items()}
    assert labels["language"] == {"kk": "Казахский", "ru": "Русский", "en": "Английский"}
    kind = project.words.glossary.label("report_annual_report", "ru")
    assert labels["kind"]["annual_report"] == kind[:1].upper() + kind[1:]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_filter_form_is_hidden_without_javascript_and_in_the_page_language(project, lang):
    page_url = {"kk": "reports/", "ru": "ru/reports/", "en": "en/reports/"}[lang]
    html = render_reports_filters(project.data.reports, project.words, PageContext(lang, page_url))
    assert re.search(r"<form [^>]*\bhidden\b[^>]*data-ncp-register=\"" + REGISTER + '"', html)
    for facet in reports_facets(project.data.reports, project.words, lang):
        assert f'<label for="ncp-filter-{facet.key}">{facet.heading}</label>' in html
        for option in facet.options:
            assert f'<option value="{option.value}" data-label="{option.label}" data-count="{option.count}">' in html
    for key in ("reports.filters", "reports.results", "reports.found", "reports.needs_script"):
        assert project.words.ui(key, lang) in unescape(html), key


def test_every_document_has_a_page_in_every_language(project):
    pages = {p.src_uri: p for p in report_pages(project)}
    assert sorted(pages) == sorted(f"reports/{r.id}/index.md" for r in project.data.reports)
    page = pages["reports/code/index.md"].render("en")
    assert page.title == "Code" and page.lang == "en"
    assert 'href="https://example.org/code-en.pdf"' in page.markdown


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_document_page_gives_pagefind_its_filters_and_year(project, lang):
    for r in project.data.reports:
        page = render_report_page(r, project.words, lang)
        found = re.findall(r'data-pagefind-filter="([^:"]+):([^"]+)"', page)
        expected = [(key, value) for key, values in report_facets(r).items() for value in values]
        assert sorted(found) == sorted([("register", REGISTER), *expected])
        assert f'data-pagefind-sort="year:{r.year or "0000"}"' in page, "newest first; undated ones last"
        assert project.words.ui("reports.kind", lang) in page, "the words the filters search with no query typed"


def test_a_report_id_may_not_take_the_place_of_a_folder_of_the_reports_page(tmp_path):
    root = make_project(tmp_path / "p", glossary_extra=[concept(f"report_{k}") for k in report_model.KINDS
                                                        if f"report_{k}" not in set(vocabulary_ids())])
    (root / "docs" / "reports" / "files").mkdir(parents=True)
    (root / "data" / "reports.yml").write_text(REPORTS.replace("id: code", "id: files"), encoding="utf-8")
    _, errors = collect(root)
    assert [(e.field, str(e.fix)) for e in errors] == [("reports[2].id", "choose another id")]
