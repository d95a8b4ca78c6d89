"""Bounded input: oversized, aliased, nested or invisible-character data ends in located errors."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap

import pytest
from builders import case_record, check_unchanged, make_project, summary_checked, write_yaml

from ncp_site import cli
from ncp_site.core import limits
from ncp_site.core.markup import markdown_problem
from ncp_site.core.yamlsrc import parse_yaml

CASES = ("data", "cases")


def billion_laughs(levels: int = 9) -> str:
    """The classic YAML bomb: each line repeats the previous anchor nine times (9**levels values)."""
    names = "abcdefghijklmnop"[:levels]
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in itertools.pairwise(names)]
    return "\n".join(lines) + "\n"


MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "ncp_site.cli", "--root", sys.argv[1], "check"],
                          capture_output=True, text=True, timeout=120)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"status": done.returncode, "out": done.stdout, "err": done.stderr,
                      "wall": time.monotonic() - start, "cpu": usage.ru_utime + usage.ru_stime,
                      "peak_mb": usage.ru_maxrss / 1024}))
""")


def _limit_memory():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))  # the code before the fix needed 7.7 GB


def test_an_alias_bomb_in_a_case_file_is_a_located_error_in_bounded_time_and_memory(tmp_path):
    root = make_project(tmp_path, [case_record("kz0101")])
    (root / "data" / "cases" / "kz0102.yml").write_text(billion_laughs(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(root)], capture_output=True, text=True,
                          timeout=300, preexec_fn=_limit_memory, check=False)
    result = json.loads(done.stdout)
    assert result["status"] == 1, result
    assert "Traceback" not in result["out"] + result["err"]
    assert ("data/cases/kz0102.yml:6: (yaml): the file expands to more than 100,000 values through YAML aliases"
            in result["out"])
    assert result["cpu"] < 2, result  # about 0.6 s with Python's start-up; 7.7 GB and minutes before
    assert result["peak_mb"] < 200, result  # about 50 MB
    assert result["wall"] < 60, result


def test_aliases_within_the_budget_still_work():
    doc, errors = parse_yaml("place: &office {kk: Астана, ru: Астана, en: Astana}\nagain: *office\n", "f.yml")
    assert errors == [] and doc.data["again"] == doc.data["place"] and doc.line(("again", "en")) == 1


def test_an_alias_inside_its_own_anchor_is_a_located_error():
    _, errors = parse_yaml("a: 1\nloop: &me [1, *me]\n", "f.yml")
    assert [str(e) for e in errors] == [(
        "f.yml:2: (yaml): an alias (*) stands for the value that contains it -- refer with * only to an "
        "anchor (&) whose value does not contain the alias")]


def test_deep_nesting_is_a_located_error():
    depth = limits.MAX_NESTING + 5
    _, errors = parse_yaml("a: 1\nb: " + "[" * depth + "]" * depth + "\n", "f.yml")
    assert len(errors) == 1 and errors[0].line == 2
    assert f"nested more than {limits.MAX_NESTING} levels" in errors[0].problem


def test_a_nul_byte_is_reported_at_its_line_and_column():
    text = "".join(f"k{i}: v\n" for i in range(35)) + "k35: ab\x00c\n"
    _, errors = parse_yaml(text, "f.yml")
    assert [str(e) for e in errors] == [(
        "f.yml:36: (yaml): column 8 holds the control character U+0000, which is not allowed -- delete it "
        "(most editors do not show it: retype the text around it)")]


def test_control_characters_after_cyrillic_text_are_located_by_character_not_byte():
    _, errors = parse_yaml("a: Қазақстан\nb: Астана\x07\nc: \x1b[0m\n", "f.yml")
    assert [(e.line, e.problem) for e in errors] == [
        (2, "column 10 holds the control character U+0007, which is not allowed"),
        (3, "column 4 holds the control character U+001B, which is not allowed")]


@pytest.mark.parametrize(("text", "line", "what"), [
    ("a: 1\nb: !!int twelve\n", 2, "!!int"),
    ("a: !!float x\n", 1, "!!float"),
    ("a: 1\nb: " + "1" * 5000 + "\n", 2, "!!int"),
])
def test_a_value_its_tag_cannot_read_is_a_located_error(text, line, what):
    _, errors = parse_yaml(text, "f.yml")
    assert [(e.line, e.field) for e in errors] == [(line, "a" if line == 1 else "b")]
    assert f"cannot be read as {what}" in errors[0].problem


def test_a_data_file_over_the_size_limit_is_refused_unread(tmp_path, capsys):
    """A 20 MB summary: the file is over the limit, reported without being parsed."""
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Summary of kz0101 in kk.", "ж" * (10 * 2**20)),
                    encoding="utf-8")
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    assert status == 1
    assert ("data/cases/kz0101.yml:1: (file): is 20.0 MB, more than the 10 MB a source file may have -- "
            "split it into smaller files, or publish long texts as documents and link them") in out


@pytest.mark.parametrize(("field", "limit"), [("summary", limits.MAX_TEXT_CHARS), ("title", limits.MAX_LINE_CHARS)])
def test_a_text_over_its_field_limit_is_a_located_error_naming_the_limit(tmp_path, capsys, field, limit):
    record = case_record("kz0101")
    record[field]["ru"] = "я" * (limit + 1)
    root = make_project(tmp_path, [record])
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    line = next(i for i, text in enumerate((root / "data/cases/kz0101.yml").read_text().splitlines(), 1)
                if text.startswith("  ru: яяя"))
    assert status == 1
    assert (f"data/cases/kz0101.yml:{line}: {field} (ru): is {limit + 1:,} characters long, more than the "
            f"{limit:,} allowed here -- shorten it") in out


def test_texts_at_their_limits_are_accepted(tmp_path, capsys):
    record = case_record("kz0101")
    record["summary"]["ru"] = "я" * limits.MAX_TEXT_CHARS
    record["title"]["ru"] = "я" * limits.MAX_LINE_CHARS
    root = make_project(tmp_path, [record])
    _, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    assert "allowed here" not in out


@pytest.mark.parametrize("day", ["9999-12-31", "1989-12-31", "2101-01-01"])
def test_a_case_date_out_of_range_is_a_located_error(tmp_path, capsys, day):
    root = make_project(tmp_path, [case_record("kz0101", dates__submission=day)])
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    assert status == 1
    assert (f"dates.submission: '{day}' is outside the years 1990-2100 this site accepts -- check the year"
            in out)


def test_a_pending_date_out_of_range_is_a_located_error(tmp_path, capsys):
    record = case_record("kz0101")
    record["translation_pending"] = {"en": "9999-12-31"}
    del record["summary"]["en"]
    root = make_project(tmp_path, [record])
    write_yaml(root / "data" / "cases" / "kz0101.yml", record)
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    assert status == 1 and "translation_pending.en (en): '9999-12-31' is outside the years 1990-2100" in out


def test_messages_quote_values_on_one_line(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101", host_country="K\nZ")])
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    line = next(line for line in out.splitlines() if "host_country" in line)
    assert status == 1 and "'K\\nZ' is not a country code -- " in line


def test_a_data_file_that_cannot_be_read_is_a_located_error(tmp_path, capsys, monkeypatch):
    import errno
    import os
    from pathlib import Path

    root = make_project(tmp_path, [case_record("kz0101")])
    broken = root / "data" / "cases" / "kz0101.yml"
    real_read = Path.read_bytes

    def read_bytes(self):
        if self == broken:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    status = cli.main(["--root", str(root), "check"])
    out = capsys.readouterr().out
    assert status == 1 and "Traceback" not in out
    assert ("data/cases/kz0101.yml:1: (file): cannot be read (Input/output error) -- check that the file is "
            "readable (its permissions, the disk)") in out


FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod. "


@pytest.mark.parametrize(("summary", "problem"), [
    ("[a](" * 12_000, "(its busiest paragraph, starting '[a]([a]([a]([a]([a]([a]([a]([a', has 12,000 in 48,000 characters)"),
    ("*a" * 2_000, "has more links and formatting marks ([ * _ ` \\) than the site renders quickly"),
    ("a\n\n" * (limits.MAX_MARKDOWN_BLOCKS + 1), f"has {limits.MAX_MARKDOWN_BLOCKS + 1:,} paragraphs, list items and quotes"),
    ("1. " * (limits.MAX_MARKDOWN_DEPTH + 1) + "a", f"nests lists or quotes more than {limits.MAX_MARKDOWN_DEPTH} levels"),
    ("> " * (limits.MAX_MARKDOWN_DEPTH + 1) + "a", "nests lists or quotes"),
])
def test_markdown_over_its_work_limits_is_a_located_error(tmp_path, capsys, summary, problem):
    """Python-Markdown is quadratic in a paragraph's links and marks: a text within MAX_TEXT_CHARS can still
    cost minutes to render; the check refuses it first, at the field's line, and says how to fix it."""
    status, out, at = summary_checked(tmp_path, capsys, summary)
    assert status == 1
    found = [m for m in out.splitlines() if m.startswith(at)]
    assert found and problem in found[0] and " -- " in found[0] and len(found[0]) < 500, out


@pytest.mark.parametrize("summary", [
    "\n\n".join(FILLER * 13 + "[a link](https://example.org/x) " * 8 for _ in range(25)),  # 25 paragraphs, 8 links each
    "\n\n".join(FILLER * 2 for _ in range(limits.MAX_MARKDOWN_BLOCKS - 10)),
    "".join("    " * i + "- item\n" for i in range(limits.MAX_MARKDOWN_DEPTH)),
    "[a](https://example.org/a) " * 100,
    "я" * limits.MAX_TEXT_CHARS,
])
def test_long_markdown_within_the_limits_is_accepted(summary):
    assert markdown_problem(summary) is None
