"""Parity rule: a page or field that exists in one language exists in all three."""

from builders import case_record, make_project

from ncp_site import cli


def test_a_page_missing_one_language_fails(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / "docs" / "about").mkdir()
    for lang in ("kk", "en"):
        (tmp_path / "docs" / "about" / f"index.{lang}.md").write_text("# About\n", encoding="utf-8")
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert ("docs/about/index.kk.md:1: page (ru): has no Russian version -- create docs/about/index.ru.md"
            in out)


def test_a_page_without_language_suffix_fails(tmp_path, capsys):
    make_project(tmp_path)
    (tmp_path / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    assert "docs/notes.md:1: page: has no language suffix" in capsys.readouterr().out


def test_a_field_missing_one_language_fails(tmp_path, capsys):
    record = case_record()
    del record["title"]["en"]
    make_project(tmp_path, [record])
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    assert "data/cases/kz0101.yml:3: title (en): text is missing -- add the English text under 'en:'" in capsys.readouterr().out


def test_a_complete_project_passes(tmp_path, capsys):
    make_project(tmp_path, [case_record()])
    assert cli.main(["--root", str(tmp_path), "check"]) == 0
