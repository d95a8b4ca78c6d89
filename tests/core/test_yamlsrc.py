import pytest
from builders import case_record, make_project

from ncp_site import cli
from ncp_site.core.messages import speaking
from ncp_site.core.yamlsrc import load_yaml, parse_yaml


def test_lines_of_keys_and_items():
    doc, errors = parse_yaml("a: 1\nb:\n  c: x\n  d:\n    - 1\n    - 2\n", "f.yml")
    assert errors == []
    assert doc.line(("b", "c")) == 3
    assert doc.line(("b", "d", 1)) == 6
    assert doc.line(("b", "missing")) == 2


def test_dates_are_kept_as_written():
    doc, _ = parse_yaml("d: 2022-02-30\n", "f.yml")
    assert doc.data == {"d": "2022-02-30"}


def test_duplicate_key_is_an_error():
    _, errors = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert [str(e) for e in errors] == ["f.yml:3: a: is written twice (first on line 1) -- keep one of the two entries"]


def test_byte_order_mark_and_missing_file(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufeffa: қ\n".encode("utf-8"))
    doc, errors = load_yaml(path, tmp_path)
    assert doc.data == {"a": "қ"} and errors == []
    doc, errors = load_yaml(tmp_path / "none.yml", tmp_path)
    assert doc is None and "none.yml:1: (file): does not exist" in str(errors[0])


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes("a: \xe9\n".encode("latin-1"))
    _, errors = load_yaml(path, tmp_path)
    assert "is not valid UTF-8" in str(errors[0])


TRAPS = [
    # (the trap, the file, the line named, words of the problem, words of the fix)
    ("a colon and a space inside a text", "title:\n  en: Case: the enterprise\n", 2,
     "a colon followed by a space inside a text", 'double quotes, e.g. en: "Case: the enterprise"'),
    ("a tab that indents", "title:\n\ten: Case\n", 2, "a tab is used to indent this line", "indent with spaces only"),
    ("a tab in a list", "a:\n  - x\n\t- y\n", 3, "a tab is used to indent this line", "indent with spaces only"),
    ("a text that starts with a quote", 'title: "Ministry" of Energy\nb: 1\n', 1,
     "the text starts with a quote, so it ends at the next quote", "put the whole text in double quotes"),
    ("a quote never closed", 'title: "Ministry of Energy\nb: 1\n', 1, "a quote opened on this line is never closed",
     "close the quote"),
    ("a text that starts with [", "title: [draft] report\nb: 1\n", 1,
     "a text starting with [ is read as a list or a mapping", 'e.g. title: "[draft] report"'),
    ("a text that starts with *", "title: *important* case\n", 1, "a text starting with * is read as a YAML alias",
     'e.g. title: "*important* case"'),
    ("a text that starts with &", "title: & Co\n", 1, "a text starting with & is read as a YAML alias or anchor",
     'e.g. title: "& Co"'),
    ("a text that starts with @", "title: @ncp_kz\n", 1, "a text cannot start with @ in YAML", 'e.g. title: "@ncp_kz"'),
    ("a text that starts with |", "title: | x\n", 1, "a text starting with | is read as a block of lines",
     'e.g. title: "| x"'),
    ("a key indented too far", "a:\n  b: 1\n   c: 2\n", 3, "this line is indented more than the key above it",
     "the same number of spaces"),
    ("a key indented too little", "a:\n  b: 1\n c: 2\n", 3, "this line is not aligned with the lines of its level",
     "the same number of spaces"),
    ("a line with no key", "a: 1\nfree text line\nb: 2\n", 2, "this line is neither 'key: value' nor a list item",
     "indented further than its key, or quoted"),
]


@pytest.mark.parametrize(("text", "line", "problem", "fix"), [t[1:] for t in TRAPS], ids=[t[0] for t in TRAPS])
def test_yaml_traps_are_explained_at_their_line_with_the_fix(text, line, problem, fix):
    doc, errors = parse_yaml(text, "f.yml")
    assert doc is None and len(errors) == 1
    said = str(errors[0])
    assert said.startswith(f"f.yml:{line}: (yaml): ") and problem in said, said
    assert fix in said.split(" -- ", 1)[1], said
    assert "invalid YAML" not in said, "the parser's own words are kept for what no advice covers"
    with speaking("kk"):
        assert str(errors[0]).startswith(f"f.yml:{line}: (yaml): ") and problem not in str(errors[0])


@pytest.mark.parametrize("end", ["", "\n"])
def test_an_error_at_the_end_of_the_file_names_its_last_line(end):
    """libyaml places the end of a file with no final line break on the line after it (found by fuzzing)."""
    _, errors = parse_yaml("a: 1\nb: [x,\n  y," + end, "f.yml")
    assert str(errors[0]).startswith("f.yml:3: (yaml): "), str(errors[0])


def test_what_no_advice_covers_keeps_the_parsers_words():
    _, errors = parse_yaml("a: 1\n---\nb: 2\n", "f.yml")
    assert "invalid YAML: expected a single document" in str(errors[0])


def test_a_text_cut_by_a_comment_is_a_warning_naming_the_line():
    doc, errors = parse_yaml("title: On 20 November (ref. #2026-05)\nstatus: closed  # since 2024\n"
                             'quoted: "Development Day #21"\n', "f.yml")
    assert errors == [] and doc.data["title"] == "On 20 November (ref."
    (warning,) = doc.warnings  # one word before a comment is a code with a note, not a text cut short
    assert str(warning) == ("f.yml:1: title: warning: the text ends before '#2026-05)': YAML reads ' #' and what follows as a "
                            "comment, so the text is 'On 20 November (ref.' -- if the # belongs to the text, put the "
                            "whole text in double quotes")


@pytest.mark.parametrize(("written", "said"), [
    ("no", "no was read as false: YAML reads yes, no, on, off, y and n without quotes as true or false"),
    ("On", "On was read as true"),
    ("007", "007 was read as the number 7, not as written"),
    ("1.10", "1.10 was read as the number 1.1, not as written"),
])
def test_a_text_yaml_read_as_true_false_or_a_number_is_explained(tmp_path, capsys, written, said):
    record = case_record("kz0101")
    root = make_project(tmp_path, [record])
    path = root / "data" / "cases" / "kz0101.yml"
    text = path.read_text(encoding="utf-8").replace("  en: Case kz0101 (en)", f"  en: {written}", 1)
    path.write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    line = text.splitlines().index(f"  en: {written}") + 1
    assert f"data/cases/kz0101.yml:{line}: title (en): {said}" in out, out
    assert f'-- put it in double quotes to keep it as written: "{written}"' in out


def test_ncp_check_warns_of_a_text_cut_by_a_comment_and_still_passes(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "cases" / "kz0101.yml"
    text = path.read_text(encoding="utf-8").replace("  en: Case kz0101 (en)", "  en: Case kz0101 (ref. #2026-05)", 1)
    path.write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(root), "check"]) == 0
    line = text.splitlines().index("  en: Case kz0101 (ref. #2026-05)") + 1
    assert (f"data/cases/kz0101.yml:{line}: title (en): warning: the text ends before '#2026-05)'"
            in capsys.readouterr().out)


def test_yaml_s_merge_and_value_keys_written_plain_are_text():
    """``<<`` and ``=`` resolve to YAML tags no safe constructor reads; written plain they are text (an unknown
    field ``<<`` is then reported by validation), never a traceback."""
    doc, errors = parse_yaml("a: =\n<<: {c: 1}\n", "f.yml")
    assert errors == [] and doc.data == {"a": "=", "<<": {"c": 1}}
