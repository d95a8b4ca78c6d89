"""The cache of ``ncp``: the same result as without it, whatever changed, and never trusted when damaged."""

from __future__ import annotations

import datetime as dt
import gc
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from builders import LANGS, REPO, case_record, concept, copy_of_repository, make_project, write_yaml

from ncp_site import cli
from ncp_site.checks.translation_status import Review, fingerprint, state_text
from ncp_site.core import cache as cache_module
from ncp_site.core import sources as sources_module
from ncp_site.core.cache import FOLDER, SourceCache, code_version


def variant(term: str) -> dict:
    return {"term": term, "reason": {lang: f"'{term}' is not the Guidelines' term ({lang})" for lang in LANGS},
            "source": "peer review 2024, rec. 3.1"}


INSTANCE = concept("specific_instance", "procedure",
                   en={"preferred": "specific instance", "status": "draft", "deprecated": [variant("appeal")]},
                   ru={"preferred": "конкретный случай", "status": "draft", "deprecated": [variant("обращение")]},
                   kk={"preferred": "нақты жағдай", "status": "draft", "deprecated": [variant("арыз")]})


@pytest.fixture
def root(tmp_path) -> Path:
    """A project with something of every kind a check finds: errors in a record and in pages (a deprecated
    term, raw HTML, a template expression, an unknown term), warnings (statuses not confirmed for long),
    historical quotations and translations never reviewed."""
    root = make_project(tmp_path / "p", [case_record("kz0101"), case_record("kz0102", title__en=""),
                                         case_record("kz0103", summary__en="An appeal was lodged.")],
                        glossary_extra=[INSTANCE])
    pages = {"en": 'An appeal. <q class="historical">an appeal</q> <script>x()</script>\n\n{{ term("nothing") }}\n',
             "ru": "Обращение. {{ config.x }}\n", "kk": "Арыз.\n"}
    for lang, text in pages.items():
        (root / "docs" / f"about.{lang}.md").write_text(f"# About\n\n{text}", encoding="utf-8")
    return root


def check(root: Path, capsys, *options: str) -> tuple[int, str, int, str]:
    """``ncp check`` (JSON) and ``ncp status --json`` (the translation report) of ``root``: exit statuses and outputs."""
    status = cli.main(["--root", str(root), *options, "check", "--format", "json"])
    checked = capsys.readouterr().out
    translations = cli.main(["--root", str(root), *options, "status", "--json"])
    report = capsys.readouterr().out
    assert "Traceback" not in checked + report
    return status, checked, translations, report


def entries(root: Path) -> list[Path]:
    folder = root / FOLDER
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def test_the_result_is_the_same_without_the_cache_with_it_cold_and_with_it_warm(root, capsys):
    without = check(root, capsys, "--no-cache")
    assert not (root / ".cache").exists(), "--no-cache keeps nothing"
    status, out, _, _ = without
    found = json.loads(out)
    assert status == 1 and found["errors"] and found["warnings"] and found["quotations"], \
        "the project has errors, warnings and quotations to compare"
    assert check(root, capsys) == without, "the first run, which fills the cache"
    assert entries(root), "the first run kept its results"
    assert check(root, capsys) == without, "a run that takes every result from the cache"


def test_the_text_report_is_the_same_with_the_cache(root, capsys):
    assert cli.main(["--root", str(root), "--no-cache", "check"]) == 1
    without = capsys.readouterr()
    for _ in range(2):
        assert cli.main(["--root", str(root), "check"]) == 1
        assert capsys.readouterr() == without


def test_the_repository_s_result_is_the_same_with_the_cache(tmp_path, capsys):
    root = copy_of_repository(tmp_path / "repo")
    without = check(root, capsys, "--no-cache")
    assert check(root, capsys) == without
    assert check(root, capsys) == without


def test_a_warm_run_parses_nothing_and_an_edit_parses_that_file_alone(root, capsys, monkeypatch):
    check(root, capsys)
    parsed = []
    parse = sources_module.parse_bytes
    monkeypatch.setattr(sources_module, "parse_bytes", lambda raw, shown, *more: parsed.append(shown) or parse(raw, shown, *more))
    check(root, capsys)
    assert parsed == []
    case = root / "data" / "cases" / "kz0101.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("Case kz0101 (en)", "Edited"), encoding="utf-8")
    check(root, capsys)
    assert parsed == ["data/cases/kz0101.yml"], "the first command parses it, the second finds it"


def _same_as_without(root: Path, capsys) -> dict:
    """The run with the cache warm equals a run without it; the JSON result."""
    with_cache = check(root, capsys)
    assert with_cache == check(root, capsys, "--no-cache")
    return json.loads(with_cache[1])


def test_an_edit_a_new_file_and_a_deleted_file_each_change_the_result(root, capsys):
    _same_as_without(root, capsys)
    case = root / "data" / "cases" / "kz0101.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("Case kz0101 (en)", "''"), encoding="utf-8")
    found = _same_as_without(root, capsys)
    assert any(e["path"] == "data/cases/kz0101.yml" and e["field"] == "title" for e in found["errors"]), "an edit"

    write_yaml(root / "data" / "cases" / "kz0104.yml", case_record("kz0104", summary__ru="Обращение подано."))
    found = _same_as_without(root, capsys)
    assert found["records"]["specific instance"] == 4
    assert any(e["path"] == "data/cases/kz0104.yml" for e in found["errors"]), "a new file"

    (root / "data" / "cases" / "kz0102.yml").unlink()
    (root / "docs" / "about.en.md").unlink()
    found = _same_as_without(root, capsys)
    assert found["records"]["specific instance"] == 3
    assert not any(e["path"] in ("data/cases/kz0102.yml", "docs/about.en.md") for e in found["errors"]), "deleted files"
    assert any(e["path"] == "docs/about.ru.md" and "en" in e["message"] for e in found["errors"]), \
        "the page left in two languages breaks parity"


def test_a_glossary_change_changes_the_lint_of_files_that_did_not_change(root, capsys):
    """The lint of a page depends on the page and on the glossary: its result is kept with the glossary's digest."""
    before = _same_as_without(root, capsys)
    assert not any('"lodged"' in e["field"] for e in before["errors"])
    glossary = root / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("term: appeal", "term: lodged"), encoding="utf-8")
    after = _same_as_without(root, capsys)
    assert any(e["path"] == "data/cases/kz0103.yml" and e["field"] == '"lodged"' for e in after["errors"])
    assert not any(e["field"] == '"appeal"' for e in after["errors"])


def test_the_translation_state_and_the_date_change_the_report_of_files_that_did_not_change(root, capsys, monkeypatch):
    """A file's part of the translation report is kept with the state file's digest and the date."""
    report = check(root, capsys)[3]
    state = {"data/cases/kz0101.yml#title": {"source": "ru", "kk": Review(fingerprint("Case kz0101 (ru)"), "T",
                                                                            dt.date(2026, 1, 1))}}
    (root / "data" / "translation-state.yml").write_text(state_text(state), encoding="utf-8")
    reviewed = check(root, capsys)[3]
    assert json.loads(reviewed)["counts"]["kk"]["reviewed"] == json.loads(report)["counts"]["kk"]["reviewed"] + 1
    assert reviewed == check(root, capsys, "--no-cache")[3]
    pending = root / "data" / "cases" / "kz0101.yml"
    pending.write_text(pending.read_text(encoding="utf-8") + "translation_pending: {en: 2030-06-30}\n",
                       encoding="utf-8")
    states = []
    for today in (dt.date(2030, 1, 1), dt.date(2031, 1, 1)):  # the same bytes, another day: pending, then overdue
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(today.year, 1, 1, tzinfo=dt.UTC).timestamp())))
        run = check(root, capsys)
        assert run == check(root, capsys, "--no-cache")
        states.append(json.loads(run[3])["counts"]["en"])
    assert states[0]["pending"] == states[1]["missing"] - states[0]["missing"] > 0


def test_a_code_change_gives_other_entries(root, capsys, monkeypatch):
    check(root, capsys)
    kept = entries(root)
    monkeypatch.setattr(cache_module, "code_version", lambda: "another version of the code")
    parsed = []
    parse = sources_module.parse_bytes
    monkeypatch.setattr(sources_module, "parse_bytes", lambda raw, shown, *more: parsed.append(shown) or parse(raw, shown, *more))
    check(root, capsys)
    assert sorted(set(parsed)) == sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.yml")), \
        "every data file parsed again"
    assert set(entries(root)) > set(kept), "kept under other names"


def test_the_code_version_follows_every_file_of_the_package_python_and_the_installed_libraries(tmp_path, monkeypatch):
    package = Path(cache_module.__file__).resolve().parents[1]
    copy = tmp_path / "ncp_site"
    subprocess.run(["cp", "-r", str(package), str(copy)], check=True)
    monkeypatch.setattr(cache_module, "__file__", str(copy / "core" / "cache.py"))
    libraries = tmp_path / "site-packages"
    (libraries / "pydantic-2.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(cache_module, "_library_folders", lambda: [str(libraries)])
    first = code_version()
    assert code_version() == first
    template = next(copy.glob("kinds/*/templates/*.html"))
    template.write_text(template.read_text(encoding="utf-8") + " ", encoding="utf-8")
    second = code_version()
    assert second != first, "a template changed"
    (copy / "core" / "new_module.py").write_text("", encoding="utf-8")
    third = code_version()
    assert third != second, "a module added"
    (libraries / "pydantic-2.0.dist-info").rename(libraries / "pydantic-2.1.dist-info")
    fourth = code_version()
    assert fourth != third, "a library upgraded"
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert code_version() != fourth, "another Python"


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "other format", "not a mapping", "bad part"])
def test_a_damaged_entry_is_ignored_and_written_again(root, capsys, damage):
    expected = check(root, capsys, "--no-cache")
    check(root, capsys)
    for entry in entries(root):
        data = entry.read_bytes()
        if damage == "truncated":
            entry.write_bytes(data[:len(data) // 2])
        elif damage == "flipped":
            entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0x40]) + data[-9:])
        elif damage == "empty":
            entry.write_bytes(b"")
        elif damage == "other format":
            entry.write_bytes(b"ncp-cache 1\n" + data[len(b"ncp-cache 2\n"):])
        else:
            parts = {"parsed": (b"", b"not a pickle")} if damage == "bad part" else ["not", "a", "mapping"]
            payload = pickle.dumps(parts)
            entry.write_bytes(cache_module._MAGIC + cache_module._checksum(payload) + payload)
    assert check(root, capsys) == expected
    if damage != "bad part":  # a part whose digest is not the inputs' is simply made again, beside it
        assert all(SourceCache(root / FOLDER)._read(entry.name) for entry in entries(root)), "written again, whole"
    assert check(root, capsys) == expected


def test_a_cache_that_cannot_be_written_is_no_cache(root, capsys):
    (root / ".cache").mkdir()
    (root / FOLDER).write_text("a file where the folder would be", encoding="utf-8")
    expected = check(root, capsys, "--no-cache")
    assert check(root, capsys) == expected
    assert (root / FOLDER).read_text(encoding="utf-8") == "a file where the folder would be"


def test_runs_at_the_same_time_leave_whole_entries(root, capsys):
    expected = check(root, capsys, "--no-cache")[1]
    command = [sys.executable, "-m", "ncp_site.cli", "--root", str(root), "check", "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [out for out, _ in outputs] == [expected] * 4
    assert not any("Traceback" in err for _, err in outputs)
    assert not list((root / FOLDER).glob(".tmp-*")), "no temporary file left"
    assert all(SourceCache(root / FOLDER)._read(entry.name) for entry in entries(root))
    assert check(root, capsys)[1] == expected


def test_a_result_is_kept_as_it_was_made_whatever_is_done_with_it_afterwards(tmp_path):
    cache = SourceCache(tmp_path, "context")
    made = cache.entry("data/x.yml", b"bytes").remember("part", lambda: {"list": [1, 2]})
    made["list"].append(3)
    cache.save()
    again = SourceCache(tmp_path, "context").entry("data/x.yml", b"bytes")
    assert again.remember("part", lambda: pytest.fail("made again")) == {"list": [1, 2]}
    assert again.remember("part", lambda: "other inputs", "glossary digest") == "other inputs"
    assert SourceCache(tmp_path, "other context").entry("data/x.yml", b"bytes").parts == {}
    assert SourceCache(tmp_path, "context").entry("data/x.yml", b"other bytes").parts == {}
    assert SourceCache(tmp_path, "context").entry("data/y.yml", b"bytes").parts == {}


def test_a_result_that_cannot_be_pickled_is_made_each_time(tmp_path):
    cache = SourceCache(tmp_path, "context")
    assert cache.entry("data/x.yml", b"bytes").remember("part", lambda: (lambda: 1))() == 1
    cache.save()
    made = []
    SourceCache(tmp_path, "context").entry("data/x.yml", b"bytes").remember("part", lambda: made.append(1))
    assert made == [1]


def test_entries_no_run_asked_for_are_forgotten_beyond_as_many_again_plus_a_hundred(tmp_path):
    old = SourceCache(tmp_path, "context")
    for n in range(150):
        old.entry(f"data/{n}.yml", b"old").remember("part", lambda: n)
    old.save()
    assert len(list(tmp_path.iterdir())) == 150
    new = SourceCache(tmp_path, "context")
    for n in range(10):
        new.entry(f"data/{n}.yml", b"new").remember("part", lambda: n)
    new.save()
    assert len(list(tmp_path.iterdir())) == 10 + 10 + cache_module._KEEP_EXTRA
    assert all(name in {p.name for p in tmp_path.iterdir()} for name in new.entries)


def test_the_cache_folder_is_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".cache/ncp/entry"], cwd=REPO)
    assert ignored.returncode == 0


def test_the_interface_texts_problems_come_from_the_cache_and_go_with_the_edit(root, capsys):
    """``data/ui.yml``'s texts are checked once per content (their plural forms need CLDR's rules): a problem
    is reported warm as cold, and the edit that fixes it is seen."""
    ui = root / "data" / "ui.yml"
    good = ui.read_text(encoding="utf-8")
    counted = next(line for line in good.splitlines() if line.startswith("  ru: ") and line.count("|") == 3)
    ui.write_text(good.replace(counted, '  ru: "{n} день|{n} дней"', 1), encoding="utf-8")
    found = _same_as_without(root, capsys)
    assert any(e["path"] == "data/ui.yml" and "forms separated by '|'" in e["message"] for e in found["errors"])
    ui.write_text(good, encoding="utf-8")
    found = _same_as_without(root, capsys)
    assert not any(e["path"] == "data/ui.yml" for e in found["errors"])


def test_a_command_leaves_the_cycle_collector_as_it_found_it(root, capsys):
    """``ncp`` pauses the collector while loading and freezes what it loaded until the command ends; the tests
    (and any caller of ``cli.main``) run many commands in one process, whose garbage must stay collectable."""
    assert gc.isenabled()
    assert check(root, capsys)[0] == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        check(root, capsys)
        assert not gc.isenabled(), "a collector switched off by the caller stays off"
    finally:
        gc.enable()


def test_a_document_added_or_removed_changes_the_result_of_the_records_citing_it(tmp_path, capsys):
    """A record's citation is checked against the ids of the site's documents, which live in other files: the
    cached result of the citing file must follow them."""
    from .test_citations import project_with

    root = project_with(tmp_path / "p", [{"document": "review-2030"}])
    assert check(root, capsys)[0] == 0
    review = root / "data" / "peer-reviews" / "review-2030.yml"
    kept = review.read_bytes()
    review.unlink()
    status, checked, _, _ = check(root, capsys)
    assert status == 1 and "review-2030" in checked and "data/cases/kz0101.yml" in checked
    review.write_bytes(kept)
    assert check(root, capsys)[0] == 0


def test_an_organisation_renamed_or_removed_changes_the_result_of_the_records_naming_it(tmp_path):
    """A case names its enterprise by id; the name comes from data/organisations.yml, another file: the cached
    records of the case must follow it (renamed: the new name; removed: an error in the case)."""
    from ncp_site.project import load_project

    root = make_project(tmp_path / "p", [case_record("kz0101")])
    assert load_project(root, cached=True).data.cases[0].enterprise.organisation["en"] == "Example LLP"
    organisations = root / "data" / "organisations.yml"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace("Example LLP", "Example Renamed LLP"),
                             encoding="utf-8")
    assert load_project(root, cached=True).data.cases[0].enterprise.organisation["en"] == "Example Renamed LLP"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace("id: example-llp", "id: other-llp"),
                             encoding="utf-8")
    project = load_project(root, cached=True)
    assert any(e.path == "data/cases/kz0101.yml" and "no organisation 'example-llp'" in str(e.problem) for e in project.errors)
