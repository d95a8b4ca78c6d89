"""Specific instances: the record validates, and each kind of mistake is reported at its place."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import (
    LANGUAGES,
    case_record,
    dedent,
    line_of,
    load_kind,
    make_project,
    problem_at,
    write_yaml,
)

from ncp_site import cli

VALID = dedent("""
    id: kz0101
    oecd_id: null
    title:
      kk: Жеке тұлға мен Example LLP
      ru: Физическое лицо и Example LLP
      en: An individual and Example LLP
    enterprise:
      organisation: example-llp
      sector: C
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
      initial_assessment: not_reported
      conclusion: 2022-07-01
      follow_up: not_reached
    status: not_accepted
    outcome: not_accepted
    summary:
      kk: Қысқаша сипаттама.
      ru: Краткое описание.
      en: A short summary.
    statements: []
""")


def test_valid_record_loads(tmp_path):
    make_project(tmp_path)
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(VALID, encoding="utf-8")
    cases, errors = load_kind(tmp_path, "cases")
    assert errors == []
    (case,) = cases
    assert case.dates.submission == dt.date(2022, 2, 15)
    assert case.enterprise.organisation.id == "example-llp" and case.enterprise.organisation["ru"] == "ТОО «Example»"
    assert case.edition == 2011
    assert case.duration_days == 136


def test_an_organisation_that_submits_is_named_by_its_record(tmp_path):
    make_project(tmp_path)
    text = VALID.replace("  type: individual\n  withheld: true", "  type: trade_union\n  withheld: false\n  organisation: example-union")
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    (case,), errors = load_kind(tmp_path, "cases")
    assert errors == []
    assert case.submitter.named.id == "example-union" and case.submitter.named["kk"] == "Мысал кәсіподағы"
    assert case.public_dict()["submitter"]["organisation"] == {"kk": "Мысал кәсіподағы", "ru": "Профсоюз «Пример»",
                                                              "en": "Example Union"}


STATEMENT = dedent("""
    statements:
      - kind: final_statement
        date: 2022-07-01
        documents:
          ru: {}
""").rstrip("\n")

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
    ("no name, not withheld, not unknown", "  withheld: true", "  withheld: false", "submitter:", "submitter", None,
     "has no name, and neither withheld nor name_unknown is true"),
    ("withheld and unknown", "  withheld: true", "  withheld: true\n  name_unknown: true", "name_unknown:",
     "submitter.name_unknown", None, "is true, and so is withheld"),
    ("unknown but named", "  withheld: true", "  name_unknown: true\n  name: Someone", "name_unknown:",
     "submitter.name_unknown", None, "is true, but a name is written"),
    ("enterprise not in data/organisations.yml", "organisation: example-llp", "organisation: exampel-llp",
     "organisation:", "enterprise.organisation", None,
     "there is no organisation 'exampel-llp' -- use the id of an organisation in data/organisations.yml"),
    ("enterprise written as a name", "  organisation: example-llp", "  name: Example LLP", "name:",
     "enterprise.name", None, "is not a known field"),
    ("a trade union named by a name", "  type: individual\n  withheld: true", "  type: trade_union\n  withheld: false\n"
     "  name: Example Union", "name: Example Union", "submitter.name", None,
     "is a name, but the submitter is an organisation (trade_union) -- write 'organisation: <id>'"),
    ("an individual named as an organisation", "  withheld: true", "  withheld: false\n  organisation: example-union",
     "organisation: example-union", "submitter.organisation", None, "names an organisation, but the type is individual"),
    ("withheld organisation kept", "  type: individual\n  withheld: true",
     "  type: trade_union\n  withheld: true\n  organisation: example-union", "organisation: example-union",
     "submitter.organisation", None, "withheld but the name is in the file"),
    ("sector not an ISIC section", "sector: C", "sector: healthcare", "sector:", "enterprise.sector", None,
     "'healthcare' is not an ISIC section"),
    ("country neither a code nor not_reported", "host_country: KZ", "host_country: unknown", "host_country:",
     "host_country", None, "'unknown' is not a country code"),
    ("stage value misspelt", "initial_assessment: not_reported", "initial_assessment: unknown", "initial_assessment:",
     "dates.initial_assessment", None, "'unknown' is not a real date"),
    ("'not yet' on a closed case", "follow_up: not_reached", "follow_up: null", "follow_up:", "dates.follow_up", None,
     "is empty ('not yet') but the case is closed (not_accepted)"),
    ("'not reached' on an open case", "status: not_accepted\noutcome: not_accepted", "status: good_offices\noutcome: null",
     "follow_up:", "dates.follow_up", None, "is not_reached but the case is not closed (good_offices)"),
    ("status not_reported on a lead case", "status: not_accepted\noutcome: not_accepted",
     "status: not_reported\noutcome: null", "status:", "status", None, "the status of a case another NCP leads"),
    ("OECD id in another form", "oecd_id: null", "oecd_id: KZ_0001", "oecd_id:", "oecd_id", None,
     "'KZ_0001' is not written as this field is -- write the id of the OECD database: the lead NCP's two-letter "
     "country code in lower case and four digits, e.g. kz0003"),
    ("a statement's document outside docs/", "statements: []", STATEMENT.format("../../../../../other-repo/phish.html"),
     "ru: ../", "statements[0].documents", "ru", "'../../../../../other-repo/phish.html' is not a path inside docs/"),
    ("a statement's document that does not exist", "statements: []", STATEMENT.format("cases/files/none.pdf"),
     "ru: cases/", "statements[0].documents", "ru", "'cases/files/none.pdf' does not exist under docs/ -- add the file"),
    ("'not reached' before a stage with a date (kz0003 once)", "initial_assessment: not_reported",
     "initial_assessment: not_reached", "initial_assessment:", "dates.initial_assessment", None,
     "is not_reached but a later stage has a date (conclusion: 2022-07-01)"),
    ("an ongoing case confirmed before its last stage", "status: not_accepted\noutcome: not_accepted",
     "status: good_offices\noutcome: null\nstatus_as_of: 2022-06-01", "status_as_of:", "status_as_of", None,
     "2022-06-01 is before dates.conclusion (2022-07-01), but an open stage is measured up to it"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    make_project(tmp_path)
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    assert words in problem_at(tmp_path, capsys, "cases/kz0101.yml", text, fragment, field, lang)


def test_a_statement_may_link_a_file_under_docs_or_a_web_address(tmp_path):
    make_project(tmp_path)
    (tmp_path / "docs" / "cases" / "files").mkdir(parents=True)
    (tmp_path / "docs" / "cases" / "files" / "final.ru.pdf").write_bytes(b"%PDF-1.4\n")
    text = VALID.replace("statements: []", STATEMENT.format("cases/files/final.ru.pdf") +
                         "\n      en: https://mneguidelines.oecd.org/database/instances/kz0001.htm")
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    cases, errors = load_kind(tmp_path, "cases")
    assert errors == [] and cases[0].statements[0].documents.available() == {
        "ru": "cases/files/final.ru.pdf", "en": "https://mneguidelines.oecd.org/database/instances/kz0001.htm"}


@pytest.mark.parametrize("length", [100, 101])
def test_an_id_is_at_most_100_characters(tmp_path, capsys, length):
    """An id names its page's folder and its file (a file name holds 255 bytes): ``ncp new`` checks the same field."""
    case_id = "kz" + "0" * (length - 2)
    make_project(tmp_path, [case_record(case_id)])
    status = cli.main(["--root", str(tmp_path), "check"])
    out = capsys.readouterr().out
    if length == 100:
        assert "characters long" not in out
    else:
        assert status == 1 and f"data/cases/{case_id}.yml:1: id: is 101 characters long, more than the 100 allowed here" in out


def test_a_final_statement_needs_a_conclusion(tmp_path, capsys):
    text = (VALID.replace("conclusion: 2022-07-01", "conclusion: not_reached")
            .replace("statements: []", "statements:\n  - kind: final_statement\n    date: 2022-07-01\n"
                                       "    documents:\n      en: https://example.org/statement"))
    make_project(tmp_path)
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    problem = problem_at(tmp_path, capsys, "cases/kz0101.yml", text, ("statements:", "kind:"), "statements[0].kind")
    assert "is a final statement but dates.conclusion is not_reached" in problem


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
    make_project(tmp_path, [case_record("kz0101", status="concluded", dates__initial_assessment="2022-03-01")])
    _, errors = load_kind(tmp_path, "cases")
    assert {e.field for e in errors} == {"outcome", "dates.conclusion"}


def unreported(**changes) -> dict:
    """A case another NCP leads and has not reported on (GM Korea in the peer review's Table 5.1)."""
    record = case_record("kr0101", ncp_role="supporting", lead_ncp="KR", supporting_ncps=["KZ"], chapters=[],
                         status="not_reported", host_country="not_reported",
                         enterprise={"organisation": "gm-korea", "sector": "not_reported", "home_country": "not_reported"},
                         dates={stage: "not_reported" for stage in ("submission", "initial_assessment", "conclusion",
                                                                    "follow_up")})
    record.update(changes)
    return record


def test_what_the_sources_do_not_give_is_written_not_reported(tmp_path):
    make_project(tmp_path, [unreported()])
    (case,), errors = load_kind(tmp_path, "cases")
    assert errors == []
    assert case.edition is None
    assert [case.stage_state(stage) for stage in ("submission", "conclusion")] == ["not_reported", "not_reported"]
    assert case.public_dict()["host_country"] == "not_reported"


def test_an_unreported_case_may_not_leave_a_date_empty(tmp_path):
    make_project(tmp_path, [unreported(dates={"submission": None, "initial_assessment": "not_reported",
                                              "conclusion": None, "follow_up": "not_reported"})])
    _, errors = load_kind(tmp_path, "cases")
    assert {e.field for e in errors} == {"dates.submission", "dates.conclusion"}
    assert all("not_reported" in str(e.fix) for e in errors)


def test_chapters_need_an_edition_for_their_titles(tmp_path):
    make_project(tmp_path, [unreported(chapters=["IV"])])
    _, errors = load_kind(tmp_path, "cases")
    assert [e.field for e in errors] == ["guidelines_edition"]
    make_project(tmp_path, [unreported(chapters=["IV"], guidelines_edition=2023)])
    assert load_kind(tmp_path, "cases")[1] == []


def test_a_concluded_case_may_still_be_followed_up(tmp_path):
    make_project(tmp_path, [case_record("kz0101", status="concluded", outcome="agreement",
                                        dates__initial_assessment="2022-03-01", dates__conclusion="2022-09-01")])
    (case,), errors = load_kind(tmp_path, "cases")
    assert errors == []
    assert case.stage_state("follow_up") == "not_yet"


def test_a_submitter_whose_name_the_sources_do_not_give_is_valid(tmp_path):
    make_project(tmp_path)
    text = VALID.replace("  withheld: true", "  name_unknown: true")
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    (case,), errors = load_kind(tmp_path, "cases")
    assert errors == [] and case.submitter.name_unknown and case.submitter.name is None


def test_every_problem_of_a_record_is_reported_in_one_run(tmp_path, capsys):
    """A mistake in one field (keywords written as a text) used to hide the checks across fields (a submitter
    with no name, dates out of order) until it was fixed: one run lists them all, each at its line."""
    text = (VALID.replace("  withheld: true", "  withheld: false")
            .replace("  en: [labour]", "  en: labour, trade unions")
            .replace("conclusion: 2022-07-01", "conclusion: 2021-07-01")
            .replace("status: not_accepted", "status: not_accepted\nstatus_note: x"))
    make_project(tmp_path)
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    where = "data/cases/kz0101.yml"
    assert f"{where}:{line_of(text, '  en: labour')}: keywords (en): should be a list" in out
    assert f"{where}:{line_of(text, 'status_note')}: status_note: is not a known field" in out
    assert f"{where}:{line_of(text, 'submitter:')}: submitter: has no name" in out
    assert f"{where}:{line_of(text, 'conclusion:')}: dates.conclusion: conclusion (2021-07-01) is before" in out


def test_a_check_across_fields_says_nothing_about_a_field_that_did_not_validate(tmp_path, capsys):
    """A wrong status is reported once, as itself: the checks that need the status stay silent about it."""
    text = VALID.replace("status: not_accepted", "status: rejected")
    make_project(tmp_path)
    (tmp_path / "data" / "cases" / "kz0101.yml").write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    problems = [line for line in capsys.readouterr().out.splitlines() if line.startswith("data/cases/kz0101.yml:")]
    assert [p.split(": ")[1] for p in problems] == ["status"], problems
