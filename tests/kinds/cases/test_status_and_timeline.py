"""A case's stages on a timeline against the procedure's indicative timeframes, the "beyond the
indicative timeframe" marker on the case page and in the register, and ``status_as_of``: required
while a case is ongoing, shown as "status as of ...", and an ``ncp check`` warning once it is old."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from builders import REPO, case_record, config, line_of, make_project

from ncp_site import cli
from ncp_site.kinds.cases.pages import case_pages, render_register
from ncp_site.project import Project

# data/procedure.yml: reception (2 months) + initial assessment (3 months) lie between the submission
# and the initial assessment, so a case submitted on 2024-01-10 is due to be assessed by 2024-06-10.
SUBMITTED, DUE = dt.date(2024, 1, 10), dt.date(2024, 6, 10)


def project_with(tmp_path, today: dt.date | None = None, **changes) -> Project:
    changes = {"dates__submission": str(SUBMITTED), "status_as_of": str(SUBMITTED)} | changes
    root = make_project(tmp_path, [case_record("kz0101", **changes)])
    procedure = (REPO / "data" / "procedure.yml").read_text(encoding="utf-8")
    procedure = re.sub(r"(?m)^sources:\n(?:  .*\n)+", "", procedure)  # it cites the peer review, not copied here
    (root / "data" / "procedure.yml").write_text(procedure, encoding="utf-8")
    project = Project.load(config(root), today)
    assert project.errors == []
    return project


def case_page(project: Project, lang: str) -> str:
    return case_pages(project)[0].render(lang).markdown


def register(project: Project, lang: str) -> str:
    return render_register(project.data.cases, project.words, lang, "ongoing", project.data.procedure)


def marker(project: Project, lang: str) -> str:
    return project.words.ui("case.beyond_marker", lang)


def gantt_notes(html: str) -> list[str]:
    return re.findall(r'<span class="ncp-gantt__note">(.*?)</span>\n</li>', html)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_changing_a_case_s_dates_changes_the_stage_durations_and_the_marker(tmp_path, lang):
    recent = project_with(tmp_path / "recent", dt.date(2026, 1, 1), status_as_of="2024-03-10")
    page = case_page(recent, lang)
    assert "ncp-gantt__row--beyond" not in page and marker(recent, lang) not in page
    assert marker(recent, lang) not in register(recent, lang)
    assert "60" in gantt_notes(page)[0]  # 2024-01-10 to 2024-03-10, the day the status was confirmed

    assessed = project_with(tmp_path / "assessed", dt.date(2026, 1, 1), status_as_of="2024-10-10",
                            dates__initial_assessment="2024-09-10", status="good_offices")
    page = case_page(assessed, lang)
    notes = gantt_notes(page)
    assert "244" in notes[0] and marker(assessed, lang) in notes[0]  # three months past 2024-06-10
    assert marker(assessed, lang) not in notes[1]  # good offices: still within
    assert page.count('class="ncp-gantt__over"') == 1
    assert marker(assessed, lang) in register(assessed, lang)


@pytest.mark.parametrize("before, beyond", [(True, False), (False, True)])
def test_the_confirmed_status_decides_whether_an_open_stage_is_past_its_deadline(tmp_path, before, beyond):
    day = DUE - dt.timedelta(days=1) if before else DUE + dt.timedelta(days=1)
    project = project_with(tmp_path, status_as_of=str(day))
    for lang in ("kk", "ru", "en"):
        assert (marker(project, lang) in register(project, lang)) is beyond
        assert (marker(project, lang) in case_page(project, lang)) is beyond
        assert ("ncp-timing--overdue" in case_page(project, lang)) is beyond


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_build_date_never_moves_an_open_stage(tmp_path, monkeypatch, lang):
    """Alstom's status was last confirmed on 15 April 2024: its page reads the same built in 2024 or 2031."""
    pages = []
    for year in (2024, 2031):
        epoch = int(dt.datetime(year, 6, 1, 12, tzinfo=dt.UTC).timestamp())
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        project = project_with(tmp_path / str(year), status_as_of="2024-04-15")
        assert project.today == dt.date(year, 6, 1)
        pages.append((case_page(project, lang), register(project, lang)))
    assert pages[0] == pages[1]
    page = pages[0][0]
    assert gantt_notes(page)[0].startswith(f"{(dt.date(2024, 4, 15) - SUBMITTED).days}")
    before, after = project.words.ui("case.measured_to", lang).split("{date}")
    assert f'{before}<time datetime="2024-04-15">' in page, "the table says up to which day it measures"
    assert "2031" not in page


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_case_page_says_as_of_when_the_status_was_last_confirmed(tmp_path, lang):
    project = project_with(tmp_path, dt.date(2024, 3, 10), status_as_of="2024-02-29")
    before, after = project.words.ui("case.status_as_of", lang).split("{date}")
    status_cell = re.search(r'<th scope="row">[^<]*</th><td>(.*?)</td></tr>', case_page(project, lang)).group(1)
    assert f'{before}<time datetime="2024-02-29">' in status_cell and status_cell.endswith(f"</time>{after})")


def test_an_ongoing_case_needs_status_as_of_a_closed_one_does_not(tmp_path, capsys):
    ongoing = case_record("kz0101")
    del ongoing["status_as_of"]
    closed = case_record("kz0102", status="not_accepted", outcome="not_accepted",
                         dates={"submission": "2022-01-10", "initial_assessment": "2022-03-01",
                                "conclusion": "2022-03-01", "follow_up": "not_reached"})
    root = make_project(tmp_path, [ongoing, closed])
    assert cli.main(["--root", str(root), "check"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "status_as_of" in line]
    assert len(lines) == 1 and lines[0].startswith("data/cases/kz0101.yml:")
    assert "is missing while the case is ongoing" in lines[0] and " -- add status_as_of: " in lines[0]


def test_a_status_as_of_before_the_submission_is_located(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101", status_as_of="2021-12-31")])
    assert cli.main(["--root", str(root), "check"]) == 1
    text = (root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8")
    assert (f"data/cases/kz0101.yml:{line_of(text, 'status_as_of:')}: status_as_of: 2021-12-31 is before the "
            "submission (2022-01-10) -- ") in capsys.readouterr().out


@pytest.mark.parametrize("max_age, warned", [(None, True), (2000, False)])
def test_an_old_status_is_a_warning_not_an_error(tmp_path, capsys, monkeypatch, max_age, warned):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp())))
    root = make_project(tmp_path, [case_record("kz0101", status_as_of="2022-01-10")])
    if max_age is not None:
        mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(mkdocs.replace("  - ncp:\n", f"  - ncp:\n      status_max_age_days: {max_age}\n"),
                                         encoding="utf-8")
    assert cli.main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    text = (root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8")
    expected = (f"data/cases/kz0101.yml:{line_of(text, 'status_as_of:')}: status_as_of: warning: the status "
                "(under_initial_assessment) was last confirmed on 2022-01-10, 721 days ago (more than 180) -- ")
    assert (expected in out) is warned
    assert ("warning:" in out) is warned


def test_every_ongoing_case_of_the_repository_says_when_its_status_was_confirmed():
    project = Project.load(config(REPO))
    ongoing = [c for c in project.data.cases if c.is_ongoing]
    assert ongoing and all(c.status_as_of for c in ongoing)
