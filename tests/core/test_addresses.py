"""Addresses: only https, http, mailto or a path inside the site; every trick that hides a scheme is refused,
with the file, line, field and language."""

from __future__ import annotations

import pytest
from builders import (
    LANGUAGES,
    case_record,
    check_unchanged,
    line_of,
    make_project,
    write_yaml,
)
from pydantic import TypeAdapter, ValidationError

from ncp_site.core.addresses import Address, address_problem, is_web_address
from ncp_site.core.localized import LanguageVersions

ACCEPTED = ["https://mneguidelines.oecd.org/ncps/kazakhstan.htm", "http://example.org", "HTTPS://Example.org/x",
            "mailto:ncp@example.kz", "reports/files/annual-report-2022.pdf", "reports/files/report.ru.pdf#page=2",
            "https://example.org/search?q=ncp&lang=ru"]
REFUSED = ["javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)",
           "java\nscript:alert(1)", "java\x00script:alert(1)", "\x01javascript:alert(1)", "jav&#x09;ascript:alert(1)",
           "jav&Tab;ascript:alert(1)", "javascript&colon;alert(1)",
           "java\u200bscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
           "//evil.example/x", "\\\\evil.example\\x", "/\\evil.example", "file:///etc/passwd", "ftp://example.org/x",
           "https:evil.example", "https://", "mailto:", "/reports/x.pdf", "reports/annual report.pdf"]


@pytest.mark.parametrize("value", ACCEPTED)
def test_web_addresses_and_paths_inside_the_site_are_accepted(value):
    assert address_problem(value) is None
    assert TypeAdapter(Address).validate_python(value) == value


@pytest.mark.parametrize("value", REFUSED)
def test_every_other_address_is_refused_with_a_way_to_fix_it(value):
    problem, fix = address_problem(value)
    assert str(problem) and str(fix)
    with pytest.raises(ValidationError):
        TypeAdapter(Address).validate_python(value)
    with pytest.raises(ValidationError):
        TypeAdapter(LanguageVersions).validate_python({"ru": value}, context=LANGUAGES)


def test_leading_and_trailing_spaces_are_not_a_way_around():
    assert TypeAdapter(Address).validate_python("  https://example.org \n") == "https://example.org"
    with pytest.raises(ValidationError):
        TypeAdapter(Address).validate_python(" \tjavascript:alert(1)")


def test_web_addresses_are_told_from_paths():
    assert is_web_address("HTTPS://example.org") and is_web_address("mailto:a@b.kz")
    assert not is_web_address("reports/files/x.pdf")


@pytest.mark.parametrize("value, problem", [
    ("javascript:alert(1)", "'javascript:alert(1)' is a 'javascript:' address, which the site never links"),
    ("JaVaScRiPt:alert(1)", "'JaVaScRiPt:alert(1)' is a 'JaVaScRiPt:' address, which the site never links"),
    ("java\tscript:alert(1)", "'java\\tscript:alert(1)' contains a space or an invisible character"),
    ("//evil.example/x", "'//evil.example/x' has no scheme (it would open another site)"),
])
def test_a_statement_document_with_a_bad_address_is_located(tmp_path, capsys, value, problem):
    """Statements' documents were linked as written before: each one is an Address now."""
    case = case_record("kz0101", statements=[{"kind": "initial_assessment", "date": "2022-03-01",
                                              "documents": {"ru": value}}])
    root = make_project(tmp_path, [case])
    status, out = check_unchanged(root, capsys, root / "data" / "cases")
    text = (root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8")
    line = line_of(text, "    ru: ")
    assert status == 1
    assert f"data/cases/kz0101.yml:{line}: statements[0].documents (ru): {problem} -- " in out, out


def test_evidence_of_an_activity_is_an_address(tmp_path, capsys):
    root = make_project(tmp_path, [case_record()])
    plan = {"id": "plan-2023", "title": {"kk": "Жоспар", "ru": "План", "en": "Plan"}, "year": 2023,
            "categories": [{"category": "promotion", "activities": [
                {"id": "a1", "title": {"kk": "Іс", "ru": "Дело", "en": "Task"}, "status": "done",
                 "status_date": "2023-05-01", "evidence": "data:text/html,<b>x</b>"}]}]}
    write_yaml(root / "data" / "action-plans" / "plan-2023.yml", plan)
    status, out = check_unchanged(root, capsys, root / "data" / "action-plans")
    assert status == 1
    assert "categories[0].activities[0].evidence: 'data:text/html,<b>x</b>' is a 'data:' address" in out, out
