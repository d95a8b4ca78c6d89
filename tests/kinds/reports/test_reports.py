"""Reports: each kind of mistake is reported at its place; every version that exists is listed, in the
page's language: linked when it is online, said to be in print or at the Secretariat otherwise."""

from __future__ import annotations

import pytest
from builders import (
    KAZAKHSTAN,
    collect,
    concept,
    dedent,
    load_kind,
    make_project,
    problem_at,
    vocabulary_ids,
    without_labels,
)

from ncp_site.core import documents
from ncp_site.core.formats import in_language
from ncp_site.kinds.reports import model as report_model
from ncp_site.kinds.reports import pages as reports
from ncp_site.site.html_safety import is_external

VALID = dedent("""
    reports:
      - id: annual-report-2030
        kind: annual_report
        year: 2030
        title:
          kk: 2030 жылғы есеп
          ru: Отчёт за 2030 год
          en: Report for 2030
        documents:
          ru: reports/files/annual-2030.ru.pdf
          en: https://example.org/annual-2030.pdf
        unlinked: [kk]
      - id: leaflet
        kind: code_of_conduct
        title:
          kk: Кодекс
          ru: Кодекс
          en: Code
        documents:
          ru: https://example.org/code-ru.pdf
        printed: [kk]
""")


def project(tmp_path, text: str):
    have = set(vocabulary_ids())
    make_project(tmp_path, glossary_extra=[concept(f"report_{k}") for k in report_model.KINDS
                                           if f"report_{k}" not in have])
    pdf = tmp_path / "docs" / "reports" / "files" / "annual-2030.ru.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.4 test\n")
    path = tmp_path / "data" / "reports.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads_newest_first(tmp_path):
    project(tmp_path, VALID)
    loaded, errors = load_kind(tmp_path, "reports")
    assert errors == []
    assert [r.id for r in loaded] == ["annual-report-2030", "leaflet"]
    assert loaded[0].documents.available() == {"ru": "reports/files/annual-2030.ru.pdf",
                                               "en": "https://example.org/annual-2030.pdf"}


BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, lang, words in the message)
    ("broken document path", "ru: reports/files/annual-2030.ru.pdf", "ru: reports/files/annual-2031.ru.pdf",
     "annual-2031.ru.pdf", "reports[0].documents", "ru", "'reports/files/annual-2031.ru.pdf' does not exist under docs/"),
    ("document of another language", "ru: reports/files/annual-2030.ru.pdf", "kk: reports/files/annual-2030.ru.pdf",
     "kk: reports/files", "reports[0].documents", "kk", "is the ru file but is listed under kk"),
    ("unknown kind", "kind: code_of_conduct", "kind: brochure", "kind: brochure", "reports[1].kind", None,
     "'brochure' is not allowed"),
    ("missing language", "      en: Code\n", "", "title:\n      kk: Кодекс", "reports[1].title", "en", "text is missing"),
    ("bad year", "year: 2030", "year: 20300", "year:", "reports[0].year", None, "less than or equal to 2100"),
    ("duplicate id", "id: leaflet", "id: annual-report-2030", "id: annual-report-2030\n    kind: code",
     "reports[1].id", None, "'annual-report-2030' is already the id of a report (data/reports.yml:2)"),
    ("printed and linked", "printed: [kk]", "printed: [ru]", "printed:", "reports[1].printed[0]", "ru",
     "also has a document"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "reports.yml", text, fragment, field, lang)


def test_document_paths_link_to_where_the_file_is_published():
    assert documents.site_path("reports/files/a.ru.pdf", KAZAKHSTAN) == "ru/reports/files/a.pdf"
    assert documents.site_path("reports/files/a.kk.pdf", KAZAKHSTAN) == "reports/files/a.pdf"
    assert documents.site_path("reports/files/a.pdf", KAZAKHSTAN) == "reports/files/a.pdf"
    assert documents.href("reports/files/a.ru.pdf", "en/reports/", KAZAKHSTAN) == "../../ru/reports/files/a.pdf"
    assert documents.href("reports/files/a.pdf", "reports/", KAZAKHSTAN) == "../reports/files/a.pdf"
    assert documents.href("https://example.org/a.pdf", "ru/reports/", KAZAKHSTAN) == "https://example.org/a.pdf"


IN_RUSSIAN = {"kk": "орыс тілінде", "ru": "на русском языке", "en": "in Russian"}
IN_KAZAKH = {"kk": "қазақ тілінде", "ru": "на казахском языке", "en": "in Kazakh"}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_version_is_listed_in_the_page_language(tmp_path, lang):
    project(tmp_path, VALID)
    site, errors = collect(tmp_path)
    assert errors == []
    html = reports.render_by_year(site.data.reports, site.words, lang)
    code = next(r for r in site.data.reports if r.id == "leaflet")
    assert f'<a href="https://example.org/code-ru.pdf" hreflang="ru">{IN_RUSSIAN[lang]}</a>' in html
    assert f'{site.data.ui("reports.printed_in", lang)} {IN_KAZAKH[lang]}.' in html, "the printed edition, unlinked"
    assert f'{site.data.ui("reports.unlinked_in", lang)} {IN_KAZAKH[lang]}.' in html, "a version not online"
    assert code.title[lang] in html
    assert "English" not in html or lang == "en", "language names are in the page's language"
    # The annual report: the Russian file kept under docs/ is linked where the Russian site publishes it.
    prefix = {"kk": "../", "ru": "../../", "en": "../../"}[lang]
    assert f'href="{prefix}ru/reports/files/annual-2030.pdf" hreflang="ru"' in html


def test_matrix_marks_every_language_of_every_document(tmp_path):
    project(tmp_path, VALID)
    site, _ = collect(tmp_path)
    html = without_labels(reports.render_matrix(site.data.reports, site.words, "en"))
    rows = html.split("<tr>")[2:]
    assert len(rows) == 2
    assert rows[0].count('hreflang="') == 2 and "<td>from the NCP Secretariat</td>" in rows[0]
    assert "<td>printed only</td>" in rows[1] and rows[1].count("<td>—</td>") == 1
    assert '<th scope="col">Kazakh</th>' in html, "the columns name each language in the page's language"


# --- the real site ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_built_reports_page_links_versions_and_names_missing_ones(site, lang, project_root):
    glossary, _ = load_kind(project_root, "glossary")
    ui, _ = load_kind(project_root, "ui")
    real, errors = load_kind(project_root, "reports")
    assert real and errors == []
    html = site.html(lang, "reports/")
    assert 'class="ncp-reports-matrix' in html
    for report in real:
        assert report.title[lang].replace("'", "&#39;") in html
        for code, url in report.documents.available().items():
            rel = ' rel="noopener noreferrer"' if is_external(url, "http://localhost/") else ""  # html_safety
            assert f'<a href="{url}" hreflang="{code}"{rel}>{in_language(code, lang)}</a>' in html
    if any(r.unlinked for r in real):
        assert ui("reports.unlinked_in", lang) in html
