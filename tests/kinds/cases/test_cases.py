"""Specific instances: the record validates, and each kind of mistake is reported at its place."""

from __future__ import annotations

import datetime as dt

import pytest

from builders import LANGUAGES, load_kind, case_record, dedent, make_project, write_yaml
from ncp_site import cli

VALID = dedent("""
    id: kz0101
    oecd_id: null
    title:
      kk: Жеке тұлға мен Example LLP
      ru: Физическое лицо и Example LLP
      en: An individual and Example LLP
    enterprise:
      name: Example LLP
      sector: manufacturing
      home_country: KZ
    submitter:
      type: individual
      withheld: true
    host_country: KZ
    ncp_role: lead
    lead_ncp: KZ
    supporting_ncps: []
    chapters: [IV, V]
    keywords:
      kk: [еңбек]
      ru: [труд]
      en: [labour]
    dates:
      submission: 2022-02-15
      initial_assessment: null
      conclusion: 2022-07-01
      follow_up: null
    status: not_accepted
    outcome: not_accepted
    summary:
      kk: Қысқаша сипаттама.
      ru: Краткое описание.
      en: A short summary.
    statements: []
""")


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def check(tmp_path, text: str, name: str = "kz0101.yml") -> tuple[int, str]:
    """Run `ncp check` on a project holding this one case file; return exit status and output."""
    make_project(tmp_path)
    path = tmp_path / "data" / "cases" / name
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    status = cli.main(["--root", str(tmp_path), "check"])
    assert path.read_bytes() == before, "ncp check must never change a data file"
    return status


def test_valid_record_loads(tmp_path):
    make_project(tmp_path)
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(VALID, encoding="utf-8")
    cases, errors = load_kind(tmp_path, "cases")
    assert errors == []
    (case,) = cases
    assert case.dates.submission == dt.date(2022, 2, 15)
    assert case.enterprise.name["ru"] == "Example LLP"
    assert case.edition == 2011
    assert case.duration_days == 136


BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, lang, words in the message)
    ("YAML syntax", "chapters: [IV, V]", "chapters: [IV, V", "chapters:", "(yaml)", None, "invalid YAML"),
    ("wrong type", "chapters: [IV, V]", "chapters: IV", "chapters:", "chapters", None, "should be a list"),
    ("impossible date", "submission: 2022-02-15", "submission: 2022-02-30", "submission:", "dates.submission", None,
     "'2022-02-30' is not a real date"),
    ("dates out of order", "conclusion: 2022-07-01", "conclusion: 2021-07-01", "conclusion:", "dates.conclusion", None,
     "is before submission"),
    ("unknown chapter", "chapters: [IV, V]", "chapters: [IV, XII]", "chapters:", "chapters[1]", None,
     "'XII' is not allowed"),
    ("unknown status", "status: not_accepted", "status: rejected", "status:", "status", None,
     "'rejected' is not allowed"),
    ("missing language", "  ru: Краткое описание.\n", "", "summary:", "summary", "ru", "text is missing"),
    ("withheld name kept", "  withheld: true", "  withheld: true\n  name: Secret Person", "name: Secret",
     "submitter.name", None, "withheld but the name is in the file"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    status = check(tmp_path, text)
    out = capsys.readouterr().out
    line = line_of(text, fragment)
    shown_field = f"{field} ({lang})" if lang else field
    expected = f"data/cases/kz0101.yml:{line}: {shown_field}: "
    assert status == 1
    assert expected in out, out
    message = next(m for m in out.splitlines() if m.startswith(expected))
    assert words in message and " -- " in message
    assert "Traceback" not in out


def test_duplicate_id_names_both_files(tmp_path, capsys):
    make_project(tmp_path, [case_record("kz0101")])
    write_yaml(tmp_path / "data" / "cases" / "kz0102.yml", case_record("kz0101"))
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "data/cases/kz0102.yml:1: id: 'kz0101' is already the id of a specific instance (data/cases/kz0101.yml:1)" in out


def test_all_errors_reported_at_once(tmp_path):
    make_project(tmp_path, [case_record("kz0101", status="rejected"),
                            case_record("kz0102", chapters=["XIV"]),
                            case_record("kz0103", dates__submission="2021-13-01")])
    cases, errors = load_kind(tmp_path, "cases")
    assert {e.path for e in errors} == {f"data/cases/kz010{i}.yml" for i in (1, 2, 3)}


def test_edition_follows_the_submission_date():
    from ncp_site.kinds.cases.model import SpecificInstance
    before = SpecificInstance.model_validate(case_record(dates__submission="2023-06-07"), context=LANGUAGES)
    after = SpecificInstance.model_validate(case_record(dates__submission="2023-06-08"), context=LANGUAGES)
    stated = SpecificInstance.model_validate(case_record(dates__submission="2023-06-08", guidelines_edition=2011), context=LANGUAGES)
    assert (before.edition, after.edition, stated.edition) == (2011, 2023, 2011)


def test_closed_case_needs_outcome_and_conclusion(tmp_path):
    make_project(tmp_path, [case_record("kz0101", status="concluded")])
    _, errors = load_kind(tmp_path, "cases")
    assert {e.field for e in errors} == {"outcome", "dates.conclusion"}
