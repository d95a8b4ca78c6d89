"""`ncp check`'s summary: counts, problems grouped by file, colour only on a terminal, JSON for machines."""

from __future__ import annotations

import io
import json
import re

import pytest

from ncp_site import check_report, cli
from ncp_site.core.errors import DataError

from .builders import copy_of_repository

LONG = DataError("data/cases/kz0101.yml", 32, "summary", "is " + "very " * 40 + "long", "shorten it", "en")
ERRORS = [DataError("data/faq.yml", 3, "questions[0].group", "is empty", "use one of: about, submitting"),
          LONG, DataError("data/cases/kz0101.yml", 4, "title", "is empty", "write text here", "kk")]
WARNING = DataError("data/peer-reviews/peer-review-2024.yml", 9, "status_as_of", "is over a year old",
                    "check the statuses and update the date")
SUMMARY = check_report.Summary({"specific instance": 2, "question": 1},
                               {"kk": {"missing": 1, "stale": 0}, "en": {"missing": 0, "stale": 2}},
                               ERRORS, [WARNING])
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def rendered(stream, environ) -> str:
    check_report.render(SUMMARY, check_report.console_for(stream, environ))
    return stream.getvalue()


def test_plain_output_has_every_problem_as_one_complete_line_grouped_by_file():
    out = rendered(io.StringIO(), {})
    assert not ANSI.search(out)
    lines = out.splitlines()
    for problem in [*ERRORS, WARNING]:
        assert str(problem) in lines  # never wrapped nor indented: greppable as `ncp check` always printed it
    headings = [i for i, line in enumerate(lines) if line.startswith("── ")]
    assert [lines[i].split()[1] for i in headings[:2]] == ["data/cases/kz0101.yml", "data/faq.yml"]
    assert lines.index(str(ERRORS[2])) < lines.index(str(LONG)) < headings[1]  # by line within a file
    assert lines.index(str(WARNING)) > lines.index(str(ERRORS[0]))  # warnings apart, after the errors
    assert re.search(r"specific instance\s+2", out) and re.search(r"missing\s+1\s+0", out)


@pytest.mark.parametrize("environ, coloured", [({}, True), ({"CI": "true"}, False)])
def test_colour_only_on_a_terminal_outside_ci(environ, coloured):
    out = rendered(Terminal(), environ)
    assert bool(ANSI.search(out)) is coloured
    assert str(ERRORS[0]) in ANSI.sub("", out)


def test_json_lists_counts_errors_and_warnings_apart():
    data = check_report.as_json(SUMMARY)
    assert data["ok"] is False and data["records"] == SUMMARY.records
    assert [e["message"] for e in data["errors"]] == [str(e) for e in ERRORS]
    assert data["warnings"][0]["field"] == "status_as_of"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return copy_of_repository(tmp_path_factory.mktemp("report") / "repo")


def test_warnings_alone_do_not_fail_the_check_and_json_is_machine_readable(repo, capsys, monkeypatch):
    real = cli.load_project

    def with_warning(root, today=None, release=False, cached=False):
        project = real(root, today, release, cached)
        project.warnings.append(WARNING)
        return project

    already = len(real(repo).warnings)  # the data's own (a status not confirmed for months), as of today
    monkeypatch.setattr(cli, "load_project", with_warning)
    assert cli.main(["--root", str(repo), "check"]) == 0
    out = capsys.readouterr().out
    assert str(WARNING) in out.splitlines() and f"{already + 1} warnings" in out
    assert cli.main(["--root", str(repo), "check", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["errors"] == [] and len(data["warnings"]) == already + 1
    assert data["records"]["specific instance"] == len(list((repo / "data" / "cases").glob("*.yml")))


def test_errors_fail_in_both_formats(repo, capsys):
    faq = repo / "data" / "faq.yml"
    old = faq.read_text(encoding="utf-8")
    faq.write_text(old.replace("group: about", "group: abuot", 1), encoding="utf-8")
    try:
        assert cli.main(["--root", str(repo), "check"]) == 1
        line = next(x for x in capsys.readouterr().out.splitlines() if "'abuot' is not allowed" in x)
        assert line.startswith("data/faq.yml:")
        assert cli.main(["--root", str(repo), "check", "--format", "json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert [e["message"] for e in data["errors"]] == [line]
    finally:
        faq.write_text(old, encoding="utf-8")


def git(folder, *args) -> str:
    import subprocess

    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def committed(tmp_path):
    """The repository's data in a git working copy with everything committed."""
    root = copy_of_repository(tmp_path / "repo")
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "published")
    return root


def test_valid_data_is_one_line_and_the_rest_waits_for_verbose(committed, capsys, monkeypatch):
    real = cli.load_project
    monkeypatch.setattr(cli, "load_project",
                        lambda root, today=None, release=False, cached=False: _with(real(root, today, release, cached),
                                                                                  WARNING))
    assert cli.main(["--root", str(committed), "check"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("ncp check: all data and pages are valid in kk, ru and en (")
    assert re.search(r"\(\d+ warnings? in files you did not change: `ncp check --verbose` lists (it|them)\)\.$", out)
    assert cli.main(["--root", str(committed), "check", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert str(WARNING) in out.splitlines() and "Records in the data" in out and "Translations" in out
    assert "historical quotation" in out


def _with(project, *warnings):
    project.warnings.extend(warnings)
    return project


def test_the_files_changed_since_the_last_commit_come_first_with_their_warnings(committed, capsys):
    faq, case = committed / "data" / "faq.yml", committed / "data" / "cases" / "kz0003.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("group: about", "group: abuot", 1), encoding="utf-8")
    case.write_text(case.read_text(encoding="utf-8").replace("status:", "status: nonsense\nold_status:", 1),
                    encoding="utf-8")
    git(committed, "add", "data/faq.yml")
    git(committed, "commit", "--quiet", "-m", "a mistake published")  # faq.yml is no longer "changed"
    assert cli.main(["--root", str(committed), "check"]) == 1
    captured = capsys.readouterr()
    headings = [line for line in captured.out.splitlines() if line.startswith("── ")]
    assert headings[0] == "── data/cases/kz0003.yml (2) · changed since the last commit"
    assert "── data/faq.yml (1)" in headings[1:]
    assert re.search(r"\n\n\d+ problems? found\.", "\n" + captured.err), captured.err  # a blank line before it


def test_without_git_nothing_is_reordered_nor_held_back(tmp_path, capsys, monkeypatch):
    root = copy_of_repository(tmp_path / "repo")  # not a git working copy
    real = cli.load_project
    monkeypatch.setattr(cli, "load_project",
                        lambda root, today=None, release=False, cached=False: _with(real(root, today, release, cached),
                                                                                  WARNING))
    assert cli.main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert str(WARNING) in out.splitlines() and "--verbose" not in out
