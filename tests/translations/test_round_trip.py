"""Export kk, translate in 'a CAT tool' (translate-toolkit), import: only those texts change, and ncp check passes."""

from __future__ import annotations

import yaml
from translating import commit, git, run
from translate.storage import po, xliff2
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import UnknownXML


def edit_leaves(elem, old: str, new: str) -> bool:
    """Replace words in the text of a rich target, leaving its inline codes where they are (as a CAT tool does)."""
    changed = False
    for i, part in enumerate(elem.sub):
        if isinstance(part, UnknownXML) or (isinstance(part, StringElem) and not part.isleaf()):
            changed |= edit_leaves(part, old, new)
        elif old in str(part):
            elem.sub[i] = StringElem(str(part).replace(old, new))
            changed = True
    return changed


def xliff_units(path):
    store = xliff2.Xliff2File.parsefile(str(path))
    return store, {u.getunitelement().get("name"): u for u in store.units}


def translate_xliff(path, edits: dict[str, tuple[str, str]], state: str | None = None) -> None:
    store, units = xliff_units(path)
    for name, (old, new) in edits.items():
        rich = units[name].rich_target[0]
        assert edit_leaves(rich, old, new), (name, old)
        units[name].rich_target = [rich]
        units[name].xmlelement.set("state", state or "translated")
    path.write_bytes(bytes(store))


def test_xliff_round_trip_changes_only_the_translated_texts(project, capsys, tmp_path):
    xlf = tmp_path / "kk.xlf"
    code, out, _ = run(project, capsys, "translations", "export", "--lang", "kk", "-o", str(xlf))
    assert code == 0 and "units from ru into kk" in out
    store, units = xliff_units(xlf)
    assert store.getsourcelanguage() == "ru" and store.gettargetlanguage() == "kk"
    paragraph = units["docs/index.md#2"]
    assert [type(p).__name__ for p in paragraph.rich_source[0].sub].count("UnknownXML") == 2  # the term and the link
    translate_xliff(xlf, {
        "data/cases/kz0101.yml#summary": ("Summary of kz0101 in kk.", "Қысқаша сипаттама."),
        "docs/index.md#2": ("беруге болады", "жіберуге болады"),
        "docs/index.md#4": ("Екінші тармақ", "Екінші жол"),
    })
    code, out, err = run(project, capsys, "translations", "import", str(xlf))
    assert code == 0, out + err
    assert 'data/cases/kz0101.yml:' in out and 'summary (kk): "Summary of kz0101 in kk." -> "Қысқаша сипаттама."' in out
    assert "docs/index.kk.md:3: page (kk):" in out
    assert git(project, "status", "--porcelain") == "", "a dry run writes nothing"

    code, out, err = run(project, capsys, "translations", "import", str(xlf), "--apply")
    assert code == 0, out + err
    diff = git(project, "diff", "-U0", "--", "data/cases", "docs")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-  kk: Summary of kz0101 in kk.",
        "+  kk: Қысқаша сипаттама.",
        "-[осы бетте](about/index.md) беруге болады.",
        "+[осы бетте](about/index.md) жіберуге болады.",
        "-- Екінші тармақ **сөзбен**.",
        "+- Екінші жол **сөзбен**.",
    ]
    state = yaml.safe_load((project / "data" / "translation-state.yml").read_text(encoding="utf-8"))["translations"]
    assert "kk" not in state["data/cases/kz0101.yml#summary"], "changed without a review: it needs one again"
    assert "kk" not in state["docs/index.md"]
    assert state["data/cases/kz0101.yml#title"]["kk"]["by"] == "First Reviewer"
    assert git(project, "diff", "--name-only").split() == ["data/cases/kz0101.yml", "data/translation-state.yml",
                                                           "docs/index.kk.md"]
    assert run(project, capsys, "check")[0] == 0
    code, out, _ = run(project, capsys, "status", "--lang", "kk")
    assert "data/cases/kz0101.yml:" in out and "summary (kk): unreviewed: never reviewed" in out


def test_a_unit_marked_reviewed_records_the_reviewer_and_the_date(project, capsys, tmp_path):
    xlf = tmp_path / "kk.xlf"
    run(project, capsys, "translations", "export", "--lang", "kk", "-o", str(xlf))
    translate_xliff(xlf, {"data/cases/kz0101.yml#summary": ("Summary of kz0101 in kk.", "Қысқаша сипаттама.")},
                    state="reviewed")
    code, out, err = run(project, capsys, "translations", "import", str(xlf), "--apply", "--by", "Айгүл Сейітқали",
                         "--on", "2026-12-01")
    assert code == 0, out + err
    assert "reviewed: data/cases/kz0101.yml#summary (kk) by Айгүл Сейітқали" in out
    state = yaml.safe_load((project / "data" / "translation-state.yml").read_text(encoding="utf-8"))
    review = state["translations"]["data/cases/kz0101.yml#summary"]["kk"]
    assert review["by"] == "Айгүл Сейітқали" and str(review["date"]) == "2026-12-01"
    assert state["translations"]["data/cases/kz0101.yml#summary"]["en"]["by"] == "First Reviewer"


def test_po_round_trip_with_tags(project, capsys, tmp_path):
    path = tmp_path / "kk.po"
    assert run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))[0] == 0
    store = po.pofile.parsefile(str(path))
    units = {u.getcontext(): u for u in store.units if not u.isheader()}
    paragraph = units["docs/index.md#2"]
    assert str(paragraph.source).startswith("Подать заявку по <t.specific_instance>конкретному случаю</t.specific_instance>")
    assert "<link1>на этой странице</link1>" in str(paragraph.source)
    assert "<link1>осы бетте</link1>" in str(paragraph.target)
    assert paragraph.getlocations() == ["docs/index.kk.md:3"]
    # the translator puts the term in another case, and the words around it in another order
    paragraph.target = ("<link1>Осы бетте</link1> <t.specific_instance>нақты жағдайлардың</t.specific_instance> "
                        "бойынша өтініш беруге болады.")
    path.write_bytes(bytes(store))
    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply")
    assert code == 0, out + err
    page = (project / "docs" / "index.kk.md").read_text(encoding="utf-8")
    assert ("[Осы бетте](about/index.md) {{ term('specific_instance', form='нақты жағдайлардың') }} бойынша "
            "өтініш беруге болады.") in page.replace("\n", " ")
    assert run(project, capsys, "check")[0] == 0


def test_an_import_that_would_fail_the_check_writes_nothing(project, capsys, tmp_path):
    path = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))
    store = po.pofile.parsefile(str(path))
    unit = next(u for u in store.units if u.getcontext() == "docs/index.md#2")
    unit.target = "<t.specific_instance>нақты жағдайымыз</t.specific_instance> <link1>осы бетте</link1> беріледі."
    path.write_bytes(bytes(store))
    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply")
    assert code == 1
    assert "docs/index.kk.md:" in out and "after the import: 'нақты жағдайымыз' is not a Kazakh form" in out
    assert "use one of: 'нақты жағдай', 'нақты жағдайға', 'нақты жағдайлардың'" in out
    assert git(project, "status", "--porcelain") == ""


def test_a_page_never_translated_is_written_whole(project, capsys, tmp_path):
    (project / "docs" / "about" / "index.kk.md").write_text("---\ntranslation_pending: 2030-01-01\n---\n",
                                                            encoding="utf-8")
    (project / "docs" / "about" / "index.ru.md").write_text("# О НКП\n\nПервый абзац.\n", encoding="utf-8")
    commit(project)
    path = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))
    store = po.pofile.parsefile(str(path))
    units = {u.getcontext(): u for u in store.units if not u.isheader()}
    assert not units["docs/about/index.md#1"].target
    units["docs/about/index.md#1"].target = "ҰБО туралы"
    units["docs/about/index.md#2"].target = "Бірінші абзац."
    path.write_bytes(bytes(store))
    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply")
    assert code == 0, out + err
    assert (project / "docs" / "about" / "index.kk.md").read_text(encoding="utf-8") == "# ҰБО туралы\n\nБірінші абзац.\n"


def test_in_po_the_reviewer_flags_what_they_checked(project, capsys, tmp_path):
    path = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))
    assert run(project, capsys, "translations", "import", str(path))[1].endswith(
        "no changes: the file matches the site's texts.\n"), "re-importing an export records nothing"
    store = po.pofile.parsefile(str(path))
    units = {u.getcontext(): u for u in store.units if not u.isheader()}
    units["data/cases/kz0101.yml#title"].target = "Жаңа тақырып"
    units["data/cases/kz0101.yml#title"].settypecomment("ncp-reviewed")
    units["data/cases/kz0101.yml#keywords[0]"].target = "жаңа кілт сөз"  # a list item, changed without review
    path.write_bytes(bytes(store))
    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply", "--by", "Reviewer Two",
                         "--on", "2026-12-02")
    assert code == 0, out + err
    assert "reviewed: data/cases/kz0101.yml#title (kk) by Reviewer Two" in out
    assert "needs review again: data/cases/kz0101.yml#keywords (kk)" in out
    record = yaml.safe_load((project / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8"))
    assert record["title"]["kk"] == "Жаңа тақырып" and record["keywords"]["kk"] == ["жаңа кілт сөз"]
    state = yaml.safe_load((project / "data" / "translation-state.yml").read_text(encoding="utf-8"))["translations"]
    assert state["data/cases/kz0101.yml#title"]["kk"]["by"] == "Reviewer Two"
    assert "kk" not in state["data/cases/kz0101.yml#keywords"]


def test_a_text_shared_through_a_yaml_alias_is_written_once(project, capsys, tmp_path):
    case = project / "data" / "cases" / "kz0101.yml"
    text = case.read_text(encoding="utf-8")
    text = text.replace("  kk: Summary of kz0101 in kk.", "  kk: &shared Summary of kz0101 in kk.")
    case.write_text(text.replace("  en: Summary of kz0101 in en.", "  en: *shared"), encoding="utf-8")
    commit(project)
    path = tmp_path / "kk.po"
    run(project, capsys, "translations", "export", "--lang", "kk", "--format", "po", "-o", str(path))
    store = po.pofile.parsefile(str(path))
    next(u for u in store.units if u.getcontext() == "data/cases/kz0101.yml#summary").target = "Ортақ мәтін."
    path.write_bytes(bytes(store))
    code, out, err = run(project, capsys, "translations", "import", str(path), "--apply")
    assert code == 0, out + err
    after = case.read_text(encoding="utf-8")
    assert "  kk: &shared Ортақ мәтін.\n" in after and "  en: *shared\n" in after
