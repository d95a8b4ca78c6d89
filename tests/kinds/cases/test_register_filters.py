"""The register's filters: each case page names its filter values (codes) for Pagefind; the register
page lists every value the cases have, labelled from the glossary in the page's language, with counts."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from builders import case_record, load, make_project

from ncp_site.core.kind import PageContext
from ncp_site.kinds.cases.pages import (
    FACETS,
    REGISTER,
    case_facets,
    register_facets,
    render_case_page,
    render_register_filters,
)

RECORDS = [
    case_record("kz0001", chapters=["IV", "V", "IV"], dates__submission="2021-06-10"),
    case_record("kz0002", chapters=["IV"], enterprise__sector="K", host_country="FR",
                submitter={"type": "trade_union", "organisation": "example-union"}, dates__submission="2022-12-01"),
    case_record("kr0001", ncp_role="supporting", lead_ncp="KR", supporting_ncps=["KZ"], chapters=[],
                status="not_reported",
                dates={stage: "not_reported" for stage in ("submission", "initial_assessment", "conclusion", "follow_up")}),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = load(make_project(tmp_path_factory.mktemp("register") / "p", RECORDS))
    assert project.ok, project.errors
    return project


def case(project, case_id):
    return next(c for c in project.data.cases if c.id == case_id)


def test_a_case_names_its_values_as_codes(project):
    assert case_facets(case(project, "kz0001")) == {
        "chapter": ["IV", "V"], "status": ["under_initial_assessment"], "sector": ["C"],
        "submitter": ["individual"], "year": ["2021"], "role": ["lead"], "host": ["KZ"]}
    assert case_facets(case(project, "kr0001"))["year"] == [], "no submission date, no year"
    unknown = case_facets(case(project, "kr0001"))
    assert unknown["status"] == ["not_reported"], "kept by the lead NCP: a status of its own"
    assert not any("not_reported" in values for key, values in unknown.items() if key != "status"), \
        "nothing unknown is a filter value"


def test_the_register_counts_each_value_and_labels_it_in_the_page_language(project):
    facets = {f.key: f for f in register_facets(project.data.cases, project.words, "ru")}
    assert list(facets) == list(FACETS)
    counts = {key: {o.value: o.count for o in facet.options} for key, facet in facets.items()}
    assert counts["chapter"] == {"IV": 2, "V": 1}
    assert counts["role"] == {"lead": 2, "supporting": 1}
    assert counts["year"] == {"2022": 1, "2021": 1} and [o.value for o in facets["year"].options] == ["2022", "2021"]
    assert counts["host"] == {"KZ": 2, "FR": 1}
    labels = {o.value: o.label for o in facets["host"].options}
    assert labels == {"KZ": "Казахстан", "FR": "Франция"}
    status = {o.value: o.label for o in facets["status"].options}
    assert status["not_reported"] == "Status not reported ru", "the glossary's term, capitalised"
    chapter = {o.value: o.label for o in facets["chapter"].options}
    assert chapter["IV"] == "IV. " + project.words.glossary.chapter_title("IV", 2011, "ru"), "both cases are 2011's"


def test_a_chapter_is_labelled_by_the_editions_of_its_cases(tmp_path):
    """Chapter VII of a 2011-edition case (Telia) is not titled with the 2023 edition's chapter VII."""
    records = [case_record("kz0001", chapters=["VII"], dates__submission="2021-12-06"),
               case_record("kz0002", chapters=["IV"], dates__submission="2021-06-10"),
               case_record("kz0003", chapters=["IV"], dates__submission="2024-01-10")]
    project = load(make_project(tmp_path, records))
    title = project.words.glossary.chapter_title
    for lang in ("kk", "ru", "en"):
        chapter = {o.value: o.label for o in register_facets(project.data.cases, project.words, lang)[0].options}
        assert chapter["VII"] == f"VII. {title('VII', 2011, lang)}"
        assert chapter["IV"] == f"IV. {title('IV', 2011, lang)} (2011); {title('IV', 2023, lang)} (2023)"


def test_the_filter_form_is_hidden_without_javascript_and_complete(project):
    html = render_register_filters(project.data.cases, project.words, PageContext("kk", "cases/"))
    assert re.search(r"<form [^>]*\bhidden\b[^>]*data-ncp-register=\"" + REGISTER, html)
    for facet in register_facets(project.data.cases, project.words, "kk"):
        assert f'<select id="ncp-filter-{facet.key}" name="{facet.key}">' in html
        for option in facet.options:
            assert f'<option value="{option.value}" data-label="{option.label}" data-count="{option.count}">' in html
    assert 'role="status"' in html, "counts are announced"
    assert '<script type="module" src="../assets/javascripts/ncp-register.js"></script>' in html
    assert project.words.ui("register.found", "kk") in unescape(html), "what the script announces"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_case_page_gives_pagefind_its_filters_and_date(project, lang):
    for c in project.data.cases:
        page = render_case_page(c, project.words, lang)
        found = re.findall(r'data-pagefind-filter="([^:"]+):([^"]+)"', page)
        expected = [(key, value) for key, values in case_facets(c).items() for value in values]
        assert sorted(found) == sorted([("register", REGISTER), *expected])
        date = c.dates.submission if isinstance(c.dates.submission, dt.date) else "0000-00-00"
        assert f'data-pagefind-sort="submitted:{date}"' in page, "newest first; undated ones last"
