"""The "Source:" line: a record cites a document of the site by its id, or another document by its title;
the line names it in the page's language with the part cited; an id that names no document is a located
mistake, found before any page is made."""

from __future__ import annotations

import re

import pytest
from builders import LANGS, case_record, collect, concept, dedent, make_project, problem_at, write_yaml

from ncp_site.core.formats import in_language
from ncp_site.kinds.cases.pages import render_case_page

REVIEW_URL = "https://example.org/peer-review"
CITATION = {"kk": "ЭЫДҰ (2030), бағалау", "ru": "ОЭСР (2030), оценка", "en": "OECD (2030), the review"}
WHERE = {"kk": "D қосымшасы", "ru": "приложение D", "en": "Annex D"}
UNDP = {"kk": "БҰҰДБ баяндамасы", "ru": "Доклад ПРООН", "en": "UNDP report"}


def peer_review() -> dict:
    text = {lang: f"text {lang}" for lang in LANGS}
    return {"id": "review-2030", "title": {lang: f"Review ({lang})" for lang in LANGS}, "citation": CITATION,
            "reviewers": text, "mission": {"start": "2030-03-01", "end": "2030-03-03"},
            "declassified": "2030-06-01", "url": REVIEW_URL,
            "findings": [{"id": "1.1", "area": "promotion", "topic": text, "finding": text, "recommendation": text,
                          "status": "not_reported", "status_date": "2030-06-01", "status_source": text}]}


def project_with(tmp_path, sources: list[dict], reports: list[dict] = ()):
    root = make_project(tmp_path, [case_record("kz0101", sources=sources)],
                        glossary_extra=[concept("review_status_not_reported"), concept("report_annual_report")])
    write_yaml(root / "data" / "peer-reviews" / "review-2030.yml", peer_review())
    if reports:
        write_yaml(root / "data" / "reports.yml", {"reports": list(reports)})
    return root


def source_line(project, lang: str) -> str:
    html = render_case_page(project.data.cases[0], project.words, lang)
    lines = re.findall(r'<p class="ncp-sources">(.*?)</p>', html)
    assert len(lines) == 1, html
    return lines[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_record_cites_a_document_of_the_site_in_the_page_language(tmp_path, lang):
    project, errors = collect(project_with(tmp_path, [{"document": "review-2030", "where": WHERE}]))
    assert errors == []
    label = project.words.ui("citation.source", lang)
    assert source_line(project, lang) == f'{label}: <a href="{REVIEW_URL}">{CITATION[lang]}</a>, {WHERE[lang]}.'


@pytest.mark.parametrize("lang", LANGS)
def test_two_sources_and_a_document_without_an_address(tmp_path, lang):
    project, errors = collect(project_with(tmp_path, [{"document": "review-2030"}, {"title": UNDP}]))
    assert errors == []
    line = source_line(project, lang)
    assert line.startswith(project.words.ui("citation.sources", lang) + ": "), "two sources: the plural label"
    assert line.endswith(f"; {UNDP[lang]}."), "a document with no address is named, not linked"
    assert line.count("<a ") == 1


def test_a_report_is_linked_in_the_page_language_or_else_in_the_language_it_exists_in(tmp_path):
    report = {"id": "report-2030", "kind": "annual_report", "year": 2030,
              "title": {lang: f"Report ({lang})" for lang in LANGS},
              "documents": {"ru": "https://example.org/report-ru.pdf", "en": "https://example.org/report-en.pdf"}}
    project, errors = collect(project_with(tmp_path, [{"document": "report-2030"}], [report]))
    assert errors == []
    assert 'href="https://example.org/report-ru.pdf">Report (ru)</a>' in source_line(project, "ru")
    assert 'href="https://example.org/report-en.pdf">Report (en)</a>' in source_line(project, "en")
    assert 'href="https://example.org/report-ru.pdf">Report (kk)</a>' in source_line(project, "kk"), \
        "no Kazakh version: the first version there is"


CASE = dedent("""
    id: kz0101
    title: {kk: Іс, ru: Случай, en: Case}
    enterprise: {organisation: example-llp, sector: C, home_country: KZ}
    submitter: {type: individual, withheld: true}
    host_country: KZ
    ncp_role: lead
    lead_ncp: KZ
    chapters: [IV]
    keywords: {kk: [a], ru: [a], en: [a]}
    dates: {submission: 2022-01-10, initial_assessment: null, conclusion: null, follow_up: null}
    status: under_initial_assessment
    status_as_of: 2022-01-10
    summary: {kk: Мәтін., ru: Текст., en: Text.}
    sources:
      - document: review-2030
        where: {kk: D қосымшасы, ru: приложение D, en: Annex D}
""")

BROKEN = [
    ("unknown document", "document: review-2030", "document: review-2031", "document: review-2031",
     "sources[0].document", "there is no document 'review-2031' on this site"),
    ("two documents at once", "  - document: review-2030\n",
     "  - document: review-2030\n    title: {kk: Басқа, ru: Другой, en: Other}\n", "- document: review-2030",
     "sources[0]", "name the document once"),
    ("no document", "  - document: review-2030\n", "  - url: https://example.org/x\n", "- url:",
     "sources[0]", "name the document once"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_mistake_in_a_source_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    root = project_with(tmp_path, [])
    text = CASE.replace(old, new)
    assert text != CASE
    (root / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    assert words in problem_at(root, capsys, "cases/kz0101.yml", text, fragment, field)


def test_the_repository_cites_only_documents_it_holds():
    """Every record of the real data that has a Source line names a document the site resolves."""
    from builders import REPO, load
    project = load(REPO)
    assert project.ok, project.errors
    cited = [s for case in project.data.cases for s in case.sources]
    assert cited, "premise: the specific instances cite their sources"
    assert all(s.document in project.words.documents for s in cited if s.document)


def test_a_language_is_named_in_the_page_language():
    assert [in_language("en", lang) for lang in LANGS] == ["ағылшын тілінде", "на английском языке", "in English"]
    assert [in_language("kk", lang) for lang in LANGS] == ["қазақ тілінде", "на казахском языке", "in Kazakh"]
    assert in_language("hi", "ru") == "на языке хинди", "a name that is not an adjective follows 'на языке'"


def test_a_document_file_that_does_not_parse_is_its_own_error_not_every_citation(tmp_path):
    root = project_with(tmp_path, [{"document": "review-2030", "where": WHERE}])
    broken = root / "data" / "peer-reviews" / "review-2030.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "findings: [\n", encoding="utf-8")
    _, errors = collect(root)
    assert errors and all(e.path == "data/peer-reviews/review-2030.yml" for e in errors), errors
