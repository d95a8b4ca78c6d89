"""`ncp` speaks the Secretariat's language (kk, ru or en) and ends quietly when its reader stops early."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from builders import REPO, case_record, make_project

from ncp_site import cli

NO_NAME = {  # a case whose submitter has no name (a cross-field check) and whose date does not exist
    "kk": ("өтінім берушінің аты жоқ", "аты жоқ, withheld те, name_unknown да true емес", "'2022-02-30' — шын күн емес"),
    "ru": ("имени заявителя нет", "нет имени, и ни withheld, ни name_unknown не равны true",
           "'2022-02-30' — несуществующая дата"),
    "en": ("", "has no name, and neither withheld nor name_unknown is true", "'2022-02-30' is not a real date"),
}


@pytest.fixture()
def broken(tmp_path):
    record = case_record("kz0101")
    record["submitter"] = {"type": "individual", "withheld": False}
    record["status_as_of"] = "2022-02-30"
    return make_project(tmp_path, [record])


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_ncp_check_speaks_the_language_given_with_lang(broken, capsys, lang):
    assert cli.main(["--root", str(broken), "check", "--lang", lang]) == 1
    out = capsys.readouterr()
    _, no_name, no_date = NO_NAME[lang]
    lines = out.out.splitlines()
    assert any(line.startswith("data/cases/kz0101.yml:") and f": submitter: {no_name} -- " in line for line in lines)
    assert any(f": status_as_of: {no_date} -- " in line for line in lines), out.out
    found = {"kk": "мәселе табылды", "ru": "Найдены 2 проблемы", "en": "2 problems found."}[lang]
    assert found in out.err


def test_the_language_comes_from_ncp_lang_then_the_locale(broken, capsys, monkeypatch):
    monkeypatch.setenv("NCP_LANG", "ru")
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    cli.main(["--root", str(broken), "check"])
    assert NO_NAME["ru"][1] in capsys.readouterr().out
    monkeypatch.delenv("NCP_LANG")
    cli.main(["--root", str(broken), "check"])
    assert NO_NAME["kk"][1] in capsys.readouterr().out
    cli.main(["--root", str(broken), "--lang", "en", "check"])
    assert NO_NAME["en"][1] in capsys.readouterr().out


def test_valid_data_is_one_line_in_the_language(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    assert cli.main(["--root", str(root), "check", "--lang", "kk"]) == 0
    assert "ncp check: барлық деректер мен беттер kk, ru" in capsys.readouterr().out


def test_ncp_new_speaks_the_language(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    assert cli.main(["--root", str(root), "new", "case", "--id", "kz0101", "--lang", "ru"]) == 1
    err = capsys.readouterr().err
    assert "data/cases/kz0101.yml уже существует -- выберите другой id" in err
    assert cli.main(["--root", str(root), "new", "case", "--id", "kz0102", "--lang", "kk"]) == 0
    out = capsys.readouterr().out
    assert "data/cases/kz0102.yml:" in out and "толтыруға арналған жаңа жазба (нақты жағдай)" in out


@pytest.mark.parametrize("command", [["check", "--verbose"], ["check"], ["status"], ["find", "NCP"]])
def test_a_reader_that_stops_early_gets_no_traceback(command):
    """``ncp check | head``: the reader closes the pipe before ncp has written; ncp ends without a traceback."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "ncp_site.cli", "--root", str(REPO), *command],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader is gone before the first line
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) != 0
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
