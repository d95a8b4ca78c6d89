"""A unit whose source changed after its review: stale, with the reviewed source (found in git) and a word diff."""

from __future__ import annotations

import subprocess

import yaml
from translate.storage import po, tmx, xliff2
from translating import commit, run


def change_russian_summary(project, text):
    case = project / "data" / "cases" / "kz0101.yml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["summary"]["ru"] = text
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    commit(project)


def test_stale_unit_carries_its_previous_source_in_xliff_and_po(project, capsys, tmp_path):
    change_russian_summary(project, "Summary of kz0101 in ru, corrected.")
    xlf, pofile = tmp_path / "kk.xlf", tmp_path / "kk.po"
    code, out, _ = run(project, capsys, "translations", "export", "--lang", "kk", "-o", str(xlf))
    assert "1 stale" in out
    unit = next(u for u in xliff2.Xliff2File.parsefile(str(xlf)).units
                if u.getunitelement().get("name") == "data/cases/kz0101.yml#summary")
    assert unit.xmlelement.get("state") == "initial" and unit.xmlelement.get("subState") == "ncp:stale"
    assert unit.isfuzzy(), "translate-toolkit (and so Weblate) reads it as needing work"
    notes = {n.get("category"): n.text for n in unit.getunitelement().iter("{urn:oasis:names:tc:xliff:document:2.0}note")}
    assert notes["previous-source"] == "Summary of kz0101 in ru."
    assert notes["source-diff"] == "Summary of kz0101 in [-ru.-]{+ru, corrected.+}"
    assert notes["reviewed"] == "First Reviewer, 2026-11-01"

    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(pofile))
    entry = next(u for u in po.pofile.parsefile(str(pofile)).units if u.getcontext() == "data/cases/kz0101.yml#summary")
    assert entry.isfuzzy() and str(entry.prev_source) == "Summary of kz0101 in ru."

    code, out, _ = run(project, capsys, "status", "--lang", "kk")
    assert ("summary (kk): stale: its Russian source changed after the review by First Reviewer on 2026-11-01 -- see "
            "what changed (`ncp translations export --lang kk`), update it, then run "
            "`ncp translations reviewed data/cases/kz0101.yml#summary --lang kk`") in out


def test_without_the_history_the_previous_source_is_said_unknown(project, capsys, tmp_path):
    change_russian_summary(project, "Другой текст.")
    subprocess.run(["rm", "-rf", str(project / ".git")], check=True)
    pofile = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(pofile))
    entry = next(u for u in po.pofile.parsefile(str(pofile)).units if u.getcontext() == "data/cases/kz0101.yml#summary")
    assert entry.isfuzzy() and "previous-source: not found in the repository's history" in entry.getnotes()


def test_every_export_reads_back_with_translate_toolkit(project, capsys, tmp_path):
    paths = {fmt: tmp_path / f"kk.{fmt}" for fmt in ("xlf", "po", "tmx")}
    run(project, capsys, "translations", "export", "--lang", "kk", "-o", str(paths["xlf"]))
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(paths["po"]))
    code, out, _ = run(project, capsys, "translations", "tmx", "--source", "ru", "--target", "kk", "-o", str(paths["tmx"]))
    assert code == 0
    xlf = xliff2.Xliff2File.parsefile(str(paths["xlf"]))
    pos = [u for u in po.pofile.parsefile(str(paths["po"])).units if not u.isheader()]
    memory = tmx.tmxfile.parsefile(str(paths["tmx"]))
    assert len(xlf.units) == len(pos) > 0
    assert {u.getunitelement().get("name") for u in xlf.units} == {u.getcontext() for u in pos}
    assert f"wrote {paths['tmx']}: {len(memory.units)} reviewed segment(s)" in out
    pairs = {str(u.source): str(u.target) for u in memory.units}
    assert pairs["Summary of kz0101 in ru."] == "Summary of kz0101 in kk."
    assert pairs["Подать заявку по конкретному случаю можно на этой странице."] == (
        "нақты жағдайға қатысты өтінішті осы бетте беруге болады.")


def test_pofilter_finds_nothing_wrong_with_the_exported_tags(project, capsys, tmp_path):
    """Weblate runs the same kind of checks: the exported translations keep their codes."""
    pofile, report = tmp_path / "kk.po", tmp_path / "report.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(pofile))
    done = subprocess.run(["pofilter", "--test=xmltags", "--test=unchanged", str(pofile), str(report)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    flagged = [u for u in po.pofile.parsefile(str(report)).units if not u.isheader()] if report.exists() else []
    assert [u.getcontext() for u in flagged if "xmltags" in u.getnotes()] == []

    store = po.pofile.parsefile(str(pofile))
    damaged = next(u for u in store.units if u.getcontext() == "docs/index.md#2")
    damaged.target = str(damaged.target).replace("</link1>", "")
    pofile.write_bytes(bytes(store))
    subprocess.run(["pofilter", "--test=xmltags", str(pofile), str(report)], capture_output=True, check=True)
    flagged = [u for u in po.pofile.parsefile(str(report)).units if not u.isheader()]
    assert [u.getcontext() for u in flagged] == ["docs/index.md#2"], "the same check finds a damaged tag"
