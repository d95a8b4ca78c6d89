"""Bounded input: oversized, aliased, nested or invisible-character data ends in located errors."""

from __future__ import annotations

import itertools
import re
import json
import subprocess
import sys
import textwrap

import pytest
from builders import case_record, check_unchanged, make_project, problem_at, summary_checked, write_yaml

from ncp_site import cli
from ncp_site.core import limits
from ncp_site.core.errors import shown
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
    assert f"nested more than {limits.MAX_NESTING} levels" in str(errors[0].problem)


def test_a_nul_byte_is_reported_at_its_line_and_column():
    text = "".join(f"k{i}: v\n" for i in range(35)) + "k35: ab\x00c\n"
    _, errors = parse_yaml(text, "f.yml")
    assert [str(e) for e in errors] == [(
        "f.yml:36: (yaml): column 8 holds the control character U+0000, which is not allowed -- delete it "
        "(most editors do not show it: retype the text around it)")]


def test_control_characters_after_cyrillic_text_are_located_by_character_not_byte():
    _, errors = parse_yaml("a: Қазақстан\nb: Астана\x07\nc: \x1b[0m\n", "f.yml")
    assert [(e.line, str(e.problem)) for e in errors] == [
        (2, "column 10 holds the control character U+0007, which is not allowed"),
        (3, "column 4 holds the control character U+001B, which is not allowed")]


@pytest.mark.parametrize(("escape", "code"), [
    ("\\u0000", "U+0000"), ("\\0", "U+0000"), ("\\u001b", "U+001B"), ("\\e", "U+001B"), ("\\a", "U+0007"),
    ("\\x7f", "U+007F"), ("\\x85", "U+0085"), ("\\N", "U+0085"), ("\\u009b", "U+009B"), ("\\uFFFE", "U+FFFE"),
    ("\\uFFFF", "U+FFFF"), ("\\uFDD0", "U+FDD0"), ("\\U0001FFFF", "U+1FFFF"),
])
def test_a_control_character_written_as_an_escape_is_a_located_error(tmp_path, capsys, escape, code):
    """Before: these passed ``ncp check`` and the build died in feedgen (lxml refuses them in XML)."""
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    text = path.read_text(encoding="utf-8").replace("  en: Case kz0101 (en)", f'  en: "Case {escape} kz0101"')
    path.write_text(text, encoding="utf-8")
    problem = problem_at(root, capsys, "cases/kz0101.yml", text, ("title:", "  en:"), "title.en")
    assert ": column 13 holds " in problem and f" {code} (written {escape}), which no text may hold" in problem


def test_tab_and_line_breaks_written_as_escapes_are_text():
    doc, errors = parse_yaml('a: "one\\ttwo\\nthree\\r\\n"\nb: "\\\\a is a backslash and a"\n', "f.yml")
    assert errors == [] and doc.data == {"a": "one\ttwo\nthree\r\n", "b": "\\a is a backslash and a"}


def test_an_escape_is_located_on_its_own_line_of_a_value_written_over_several():
    _, errors = parse_yaml('a: 1\nb: "first line\n  second \\u0007 line"\n', "f.yml")
    assert [(e.line, e.field, str(e.problem)[:40]) for e in errors] == [(3, "b", "column 10 holds the control character U+")]


def test_a_half_surrogate_escape_is_a_located_error():
    _, errors = parse_yaml('a: 1\nb: "\\ud800"\n', "f.yml")
    assert [e.line for e in errors] == [2] and "invalid Unicode character escape code" in str(errors[0].problem)


def test_a_control_character_in_a_key_is_a_located_error():
    _, errors = parse_yaml('a: 1\n"b\\e": 2\n', "f.yml")
    assert [(e.line, str(e.problem)[:52]) for e in errors] == [(2, "column 3 holds the control character U+001B (written")]


def test_a_control_character_in_a_page_is_a_located_error(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    (root / "docs" / "index.ru.md").write_text("# Главная\n\nТекст\x1b[31m и \x9b.\n", encoding="utf-8")
    status, out = check_unchanged(root, capsys, root / "docs")
    assert status == 1
    assert ("docs/index.ru.md:3: page: column 6 holds the control character U+001B, which is not allowed -- "
            "delete it") in out


@pytest.mark.parametrize(("text", "line", "what"), [
    ("a: 1\nb: !!int twelve\n", 2, "'twelve' cannot be read as a whole number"),
    ("a: !!float x\n", 1, "'x' cannot be read as a number"),
    ("a: 1\nb: " + "1" * 5000 + "\n", 2, "is a number of 5,000 digits, more than the 20 a number in this data may have"),
    ("a: 1\nb: 0x" + "f" * 5000 + "\n", 2, "is a number of 5,000 digits"),
])
def test_a_value_its_tag_cannot_read_is_a_located_error_in_plain_words(text, line, what):
    _, errors = parse_yaml(text, "f.yml")
    assert [(e.line, e.field) for e in errors] == [(line, "a" if line == 1 else "b")]
    assert what in str(errors[0].problem) and "!!" not in str(errors[0].problem) and "Python" not in str(errors[0])


def test_a_huge_number_in_any_field_is_a_located_error_not_a_traceback(tmp_path, capsys):
    """Before: a 5,000-digit hexadecimal number reached pydantic as an int, whose message Python could not print."""
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    text = path.read_text(encoding="utf-8").replace("lead_ncp: KZ", "lead_ncp: 0x" + "f" * 5000)
    path.write_text(text, encoding="utf-8")
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    line = next(i for i, text in enumerate(text.splitlines(), 1) if text.startswith("lead_ncp:"))
    assert status == 1 and f"data/cases/kz0101.yml:{line}: lead_ncp: '0xffff" in out
    assert "is a number of 5,000 digits" in out and "set_int_max_str_digits" not in out


def test_a_message_can_quote_a_number_python_will_not_print():
    assert str(shown(16 ** 5000)) == "a number of thousands of digits" and shown(12) == "12"


@pytest.mark.parametrize("text", ["a: !foo lead\n", "a: 1\nb: !foo {c: 1}\n", "a: 1\nb: !!python/object:os.system x\n",
                                  "a: 1\nb: !<tag:example.org,2026:x> [1]\n"])
def test_a_yaml_tag_the_data_does_not_use_is_a_located_error(text):
    doc, errors = parse_yaml(text, "f.yml")
    line = text.count("\n")
    assert [(e.line, e.field) for e in errors] == [(line, "a" if line == 1 else "b")]
    assert "is not used in this data -- remove" in str(errors[0])


def test_the_yaml_tags_of_plain_values_still_work():
    doc, errors = parse_yaml("a: !!str 12\nb: !!int '7'\nc: !!map {d: 1}\ne: !!seq [1]\nf: ! x\n", "f.yml")
    assert errors == [] and doc.data == {"a": "12", "b": 7, "c": {"d": 1}, "e": [1], "f": "x"}


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


# --- a file that is wrong throughout: the listing is capped, the rest counted ----------------------

def _unknown_keys(text: str, n: int, under: str | None = None) -> str:
    if under is None:
        return text + "".join(f"x{i}: 1\n" for i in range(n))
    return text.replace(f"{under}:\n", f"{under}:\n" + "".join(f"  x{i}: 1\n" for i in range(n)), 1)


@pytest.mark.parametrize(("under", "field", "where"), [(None, "(file)", "file"), ("enterprise", "enterprise", "record"),
                                                       ("title", "title", "record")])
def test_unknown_keys_are_listed_ten_then_counted(tmp_path, capsys, under, field, where):
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    text = _unknown_keys(path.read_text(encoding="utf-8"), 5_000, under)
    path.write_text(text, encoding="utf-8")
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    lines = [line for line in out.splitlines() if line.startswith("data/cases/kz0101.yml:")]
    assert status == 1 and len(lines) == 11, lines
    eleventh = text.splitlines().index(("  " if under else "") + "x10: 1") + 1
    assert lines[-1] == (f"data/cases/kz0101.yml:{eleventh}: {field}: and 4,990 more unknown keys in this {where} -- "
                         "remove them or correct their spelling (see guide/data.md)")


def test_ten_unknown_keys_are_all_listed(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    path.write_text(_unknown_keys(path.read_text(encoding="utf-8"), 10), encoding="utf-8")
    status, out = check_unchanged(root, capsys, root.joinpath(*CASES))
    assert status == 1 and out.count("is not a known field") == 10 and "more unknown keys" not in out


def test_problems_past_fifty_in_one_file_are_counted(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    events = "events:\n" + "".join(f"  - id: e{i}\n    start: 2022-13-01\n" for i in range(30))
    (root / "data" / "events").mkdir()
    (root / "data" / "events" / "2022.yml").write_text(events, encoding="utf-8")
    status, out = check_unchanged(root, capsys, root / "data" / "events")
    lines = [line for line in out.splitlines() if line.startswith("data/events/2022.yml:")]
    assert status == 1 and len(lines) == limits.MAX_LISTED_PER_FILE + 1
    assert re.fullmatch(r"data/events/2022\.yml:\d+: \(file\): and \d+ more problems in this file, from this line "
                        r"on -- fix the ones above, then run ncp check again", lines[-1])
    total = int(re.search(r"(\d+) errors in 1 file", out).group(1))
    assert total == limits.MAX_LISTED_PER_FILE + int(re.search(r"and (\d+) more", lines[-1]).group(1))


def test_two_hundred_thousand_unknown_keys_cost_little_memory_and_print_a_few_lines(tmp_path):
    """Before: 640,000 unknown keys printed 640,036 lines, took 70 s and 1 GB (200,000: 89 s and 370 MB here)."""
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    path.write_text(_unknown_keys(path.read_text(encoding="utf-8"), 200_000), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(root)], capture_output=True, text=True,
                          timeout=300, preexec_fn=_limit_memory, check=False)
    result = json.loads(done.stdout)
    assert result["status"] == 1 and "Traceback" not in result["out"] + result["err"]
    assert "and 199,990 more unknown keys in this file" in result["out"]
    assert len(result["out"].splitlines()) < 100
    assert result["peak_mb"] < 250, result  # about 140 MB


@pytest.mark.parametrize(("char", "what"), [
    ("\x85", "the control character U+0085"),
    ("\u2028", "the line separator U+2028, which editors do not show as a new line"),
    ("\u2029", "the line separator U+2029, which editors do not show as a new line"),
])
def test_a_line_break_only_yaml_knows_is_located_on_the_editors_line(char, what):
    """YAML counts NEL, LS and PS as line breaks and editors do not: a parser's line number would point past
    the line the editor shows (the fuzzer found one past the end of the file)."""
    _, errors = parse_yaml(f"a: 1\nb: one{char}two\nc: 3\n", "f.yml")
    assert [(e.line, str(e.problem)) for e in errors] == [(2, f"column 7 holds {what}, which is not allowed")]
