"""What an import refuses: a unit whose source changed since the export, a unit whose inline codes were damaged."""

from __future__ import annotations

import yaml
from translate.storage import po, xliff2
from translating import commit, git, run


def po_units(path):
    store = po.pofile.parsefile(str(path))
    return store, {u.getcontext(): u for u in store.units if not u.isheader()}


def test_a_unit_whose_source_changed_since_the_export_is_a_conflict(project, capsys, tmp_path):
    path = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))
    case = project / "data" / "cases" / "kz0101.yml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["summary"]["ru"] = "Новое краткое описание."
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    commit(project)
    store, units = po_units(path)
    units["data/cases/kz0101.yml#summary"].target = "Жаңа аударма."
    units["data/cases/kz0101.yml#title"].target = "Жаңа тақырып"
    path.write_bytes(bytes(store))

    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply")
    assert code == 1
    assert ("summary (kk): conflict: its Russian source changed since the export (exported: \"Summary of kz0101 in ru.\"; "
            "now: \"Новое краткое описание.\") -- export again and translate the new source") in out
    assert "nothing was written (1 unit(s) refused" in err and "--skip-refused imports the rest" in err
    assert git(project, "status", "--porcelain") == ""

    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply", "--skip-refused")
    assert 'title (kk): "Case kz0101 (kk)" -> "Жаңа тақырып"' in out
    assert git(project, "diff", "--name-only").split() == ["data/cases/kz0101.yml", "data/translation-state.yml"]
    assert "Жаңа аударма" not in case.read_text(encoding="utf-8")
    assert code == 1, "a refused unit still makes the exit status 1"


def test_damaged_codes_in_po_are_refused(project, capsys, tmp_path):
    path = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))
    store, units = po_units(path)
    units["docs/index.md#2"].target = "Өтінішті <link1>осы бетте беруге болады."  # the link is never closed
    units["docs/index.md#4"].target = "Екінші тармақ сөзбен."  # the bold code was dropped
    path.write_bytes(bytes(store))
    code, out, _ = run(project, capsys, "translations", "import", str(path), "--apply")
    assert code == 1
    assert "docs/index.kk.md:3: page (kk): damaged inline codes: <link1> is never closed" in out
    assert "docs/index.kk.md:7: page (kk): damaged inline codes: <b1> (**…**) is missing" in out
    assert git(project, "status", "--porcelain") == ""


def test_damaged_codes_in_xliff_are_refused(project, capsys, tmp_path):
    path = tmp_path / "kk.xlf"
    run(project, capsys, "translations", "export", "--lang", "kk", "-o", str(path))
    store = xliff2.Xliff2File.parsefile(str(path))
    unit = next(u for u in store.units if u.getunitelement().get("name") == "docs/index.md#2")
    target = unit.xmlelement.find("{urn:oasis:names:tc:xliff:document:2.0}target")
    link = next(e for e in target.iter() if e.get("id") == "link1")
    link.set("id", "link7")  # a CAT tool that renumbered the code
    path.write_bytes(bytes(store))
    code, out, _ = run(project, capsys, "translations", "import", str(path))
    assert code == 1
    assert "damaged inline codes: <link7> is not a code of the source; <link1> ([…](about/index.md)) is missing" in out


def test_a_new_link_address_cannot_come_from_the_file(project, capsys, tmp_path):
    """The markup of a code comes from the repository, never from the translated file."""
    path = tmp_path / "kk.xlf"
    run(project, capsys, "translations", "export", "--lang", "kk", "-o", str(path))
    text = path.read_text(encoding="utf-8").replace('dispEnd="](about/index.md)">осы', 'dispEnd="](javascript:alert(1))">осы')
    text = text.replace("беруге болады.</target>", "жіберуге болады.</target>")
    path.write_text(text, encoding="utf-8")
    assert run(project, capsys, "translations", "import", str(path), "--apply")[0] == 0
    page = (project / "docs" / "index.kk.md").read_text(encoding="utf-8")
    assert "[осы бетте](about/index.md) жіберуге болады." in page and "javascript" not in page


def test_a_file_that_is_not_xliff_2_or_po_is_a_located_error(project, capsys, tmp_path):
    for name, content in (("old.xlf", '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                                      '<file original="x" source-language="ru"><body/></file></xliff>'),
                          ("broken.xlf", "<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file>")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        code, out, err = run(project, capsys, "translations", "import", str(path), "--apply")
        assert code == 1 and "Traceback" not in out + err
        assert f"{name}:1: (file): cannot be read as XLIFF 2.0 or PO (" in out, out
    assert git(project, "status", "--porcelain") == ""
