"""Translation status: missing, stale, pending and orphaned texts, and the review workflow."""

from __future__ import annotations

import datetime as dt
import json

import yaml
from builders import case_record, collect, make_project, write_yaml

from ncp_site import cli
from ncp_site.kinds.cases.pages import render_case_page

TODAY = dt.date(2026, 11, 22)


def status(root, capsys, *flags) -> tuple[int, dict]:
    code = cli.main(["--root", str(root), "status", "--json", *flags])
    return code, json.loads(capsys.readouterr().out)


def findings(report_json, state):
    return {(f["path"], f["field"], f["lang"]) for f in report_json["findings"] if f["state"] == state}


def reviewed_project(tmp_path, capsys, records):
    make_project(tmp_path, records)
    assert cli.main(["--root", str(tmp_path), "translations", "reviewed", "--all", "--by", "T"]) == 0
    capsys.readouterr()
    return tmp_path


def test_changing_the_russian_source_makes_kk_and_en_stale(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, [case_record("kz0101")])
    assert status(root, capsys) == (0, status(root, capsys)[1])
    assert not findings(status(root, capsys)[1], "stale")

    path = root / "data" / "cases" / "kz0101.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"]["ru"] = "Новый текст краткого описания."
    write_yaml(path, data)

    code, report = status(root, capsys)
    assert code == 0, "stale alone does not fail without --strict"
    assert findings(report, "stale") == {("data/cases/kz0101.yml", "summary", "kk"),
                                         ("data/cases/kz0101.yml", "summary", "en")}
    assert status(root, capsys, "--strict")[0] == 1

    assert cli.main(["--root", str(root), "translations", "reviewed", "data/cases/kz0101.yml#summary", "--by", "T"]) == 0
    capsys.readouterr()
    assert not findings(status(root, capsys)[1], "stale")


def test_a_source_language_per_record(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, [case_record("kz0101", source_language="kk")])
    path = root / "data" / "cases" / "kz0101.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"]["kk"] = "Жаңа мәтін."
    write_yaml(path, data)
    assert findings(status(root, capsys)[1], "stale") == {("data/cases/kz0101.yml", "summary", "ru"),
                                                          ("data/cases/kz0101.yml", "summary", "en")}


def test_missing_page_translation_fails_status(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, [])
    (root / "docs" / "index.en.md").unlink()
    code, report = status(root, capsys)
    assert code == 1
    assert ("docs/index.ru.md", "page", "en") in findings(report, "missing")


def test_orphaned_translation_whose_source_was_deleted(tmp_path, capsys):
    root = reviewed_project(tmp_path, capsys, [])
    (root / "docs" / "index.ru.md").unlink()
    _, report = status(root, capsys)
    assert findings(report, "orphaned") == {("docs/index.kk.md", "page", "kk"), ("docs/index.en.md", "page", "en")}


def test_pending_translation_publishes_with_banner_until_its_date(tmp_path, capsys, monkeypatch):
    record = case_record("kz0101", translation_pending={"en": "2030-01-01"})
    for field in ("title", "summary", "keywords"):
        del record[field]["en"]
    root = reviewed_project(tmp_path, capsys, [record])
    site, errors = collect(root)
    assert errors == []
    case = site.data.cases[0]
    assert case.pending_until("en") == dt.date(2030, 1, 1)
    page = render_case_page(case, site.words, "en")
    assert 'class="admonition warning ncp-pending"' in page
    assert '<span lang="ru">Case kz0101 (ru)</span>' in page  # the title, plain text
    assert '<div lang="ru"><p>Summary of kz0101 in ru.</p></div>' in page  # the summary, a Markdown field
    assert 'hreflang="ru"' in page and 'hreflang="kk"' in page
    assert "ncp-pending" not in render_case_page(case, site.words, "ru")
    _, report = status(root, capsys)
    assert ("data/cases/kz0101.yml", "summary", "en") in findings(report, "pending")


def test_an_overdue_pending_translation_fails_the_check(tmp_path, capsys, monkeypatch):
    record = case_record("kz0101", translation_pending={"en": "2022-01-01"})
    del record["summary"]["en"]
    make_project(tmp_path, [record])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "data/cases/kz0101.yml:" in out
    assert "translation_pending.en (en): the English translation was due on 2022-01-01 and is still missing" in out


def test_a_pending_page(tmp_path, capsys, monkeypatch):
    make_project(tmp_path)
    (tmp_path / "docs" / "index.en.md").write_text("---\ntranslation_pending: 2030-01-01\n---\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli.main(["--root", str(tmp_path), "check"]) == 0
    capsys.readouterr()
    _, report = status(tmp_path, capsys)
    assert ("docs/index.en.md", "page", "en") in findings(report, "pending")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 2, 1).timestamp())))
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    assert "docs/index.en.md:1: translation_pending (en): the English translation was due on 2030-01-01" in capsys.readouterr().out


def test_reviewed_writes_state_atomically_and_keeps_data_unchanged(tmp_path, capsys):
    make_project(tmp_path, [case_record("kz0101")])
    data_file = tmp_path / "data" / "cases" / "kz0101.yml"
    before = data_file.read_bytes()
    cli.main(["--root", str(tmp_path), "translations", "reviewed", "--all", "--by", "T", "--lang", "en"])
    assert data_file.read_bytes() == before
    state = yaml.safe_load((tmp_path / "data" / "translation-state.yml").read_text(encoding="utf-8"))
    entry = state["translations"]["data/cases/kz0101.yml#summary"]
    assert set(entry) == {"source", "en"}
    assert not list((tmp_path / "data").glob(".translation-state.yml.*"))


def test_never_reviewed_is_told_apart_from_a_changed_source(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101"), case_record("kz0102")])
    assert cli.main(["--root", str(root), "translations", "reviewed", "data/cases/kz0101.yml", "--by", "T"]) == 0
    capsys.readouterr()
    path = root / "data" / "cases" / "kz0101.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"]["ru"] = "Новый текст краткого описания, из шести слов."
    write_yaml(path, data)
    _, report = status(root, capsys)
    assert findings(report, "stale") == {("data/cases/kz0101.yml", "summary", "kk"),
                                         ("data/cases/kz0101.yml", "summary", "en")}
    assert ("data/cases/kz0102.yml", "summary", "kk") in findings(report, "unreviewed")
    assert not any(path == "data/cases/kz0101.yml" for path, _, _ in findings(report, "unreviewed"))
    stale = next(f for f in report["findings"] if f["state"] == "stale" and f["lang"] == "kk")
    assert stale["words"] == 7 and stale["key"] == "data/cases/kz0101.yml#summary"
    assert report["words"]["kk"]["stale"] == 7
    assert report["counts"]["kk"]["reviewed"] > 0  # kz0101's title and keywords are still reviewed


def test_status_for_one_language(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    code, report = status(root, capsys, "--lang", "kk")
    assert code == 0
    assert set(report["counts"]) == {"kk"} and {f["lang"] for f in report["findings"]} == {"kk"}
    assert cli.main(["--root", str(root), "status", "--lang", "kk"]) == 0
    out = capsys.readouterr().out
    assert "(kk): unreviewed: never reviewed -- check it against its source, then run " in out
    assert "`ncp translations reviewed data/cases/kz0101.yml#summary --lang kk`" in out, "the hint marks kk only"
    assert out.splitlines()[-1].startswith("kk: ") and " words)" in out.splitlines()[-1]
    assert cli.main(["--root", str(root), "status", "--lang", "xx"]) == 2
    assert "--lang xx: not a language of this site -- use one of" in capsys.readouterr().err


def test_reviewed_without_a_target_refuses(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    assert cli.main(["--root", str(root), "translations", "reviewed", "--by", "T"]) == 2
    assert "name what you reviewed" in capsys.readouterr().err
    assert not (root / "data" / "translation-state.yml").exists()


def test_reviewed_tells_up_to_date_from_nothing_to_mark(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101")])
    args = ["--root", str(root), "translations", "reviewed", "data/cases/kz0101.yml#summary", "--lang", "kk",
            "--by", "Айгүл", "--on", "2026-12-01"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "reviewed: data/cases/kz0101.yml#summary (kk)" in out and "1 translation(s) marked as reviewed by Айгүл" in out
    state = yaml.safe_load((root / "data" / "translation-state.yml").read_text(encoding="utf-8"))
    assert state["translations"]["data/cases/kz0101.yml#summary"] == {
        "source": "ru", "kk": {"by": "Айгүл", "date": dt.date(2026, 12, 1),
                               "fingerprint": state["translations"]["data/cases/kz0101.yml#summary"]["kk"]["fingerprint"]}}
    before = (root / "data" / "translation-state.yml").read_bytes()
    assert cli.main(args) == 0
    assert "already up to date: all 1 matching translation(s)" in capsys.readouterr().out
    assert (root / "data" / "translation-state.yml").read_bytes() == before
    del (record := case_record("kz0102"))["summary"]["en"]
    record["translation_pending"] = {"en": "2030-01-01"}
    write_yaml(root / "data" / "cases" / "kz0102.yml", record)
    assert cli.main(["--root", str(root), "translations", "reviewed", "data/cases/kz0102.yml#summary", "--lang", "en",
                     "--by", "T"]) == 0
    assert "0 translations marked: the matching texts have no translation" in capsys.readouterr().out


def test_records_from_before_reviewers_were_recorded_are_kept(tmp_path, capsys):
    root = make_project(tmp_path, [case_record("kz0101"), case_record("kz0102")])
    from ncp_site.checks.translation_status import fingerprint
    legacy = ("translations:\n"
              "  data/cases/kz0101.yml#summary:\n"
              f"    en: {fingerprint('Summary of kz0101 in ru.')}\n"
              f"    kk: {fingerprint('Summary of kz0101 in ru.')}\n"
              "    source: ru\n")
    (root / "data" / "translation-state.yml").write_text(legacy, encoding="utf-8")
    _, report = status(root, capsys)
    assert ("data/cases/kz0101.yml", "summary", "kk") not in findings(report, "unreviewed") | findings(report, "stale")
    assert cli.main(["--root", str(root), "translations", "reviewed", "data/cases/kz0102.yml", "--by", "T",
                     "--on", "2026-12-01"]) == 0
    text = (root / "data" / "translation-state.yml").read_text(encoding="utf-8")
    assert legacy.split("\n", 1)[1] in text, "the old record is written back as it was"
    assert "kk: {by: T, date: 2026-12-01, fingerprint: " in text
