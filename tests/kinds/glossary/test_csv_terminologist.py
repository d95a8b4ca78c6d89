"""Everything a terminologist does in the CSV round trip: add a synonym or a deprecated variant, deprecate a
term, delete one with an explicit marker; Excel's habits; pages that follow a changed spelling."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from builders import dedent, load_kind, make_project

from ncp_site import cli

CONCEPT = dedent("""
  - id: specific_instance
    category: procedure
    source: Implementation Procedures
    definition:
      kk: ҰБО-ға берілген мәселе.
      ru: Вопрос, переданный в НКП.
      en: An issue brought to an NCP.
    terms:
      en:
        preferred: specific instance
        plural: specific instances
        admitted: [case]
        status: draft
      ru:
        preferred: конкретный случай
        forms:
          - конкретного случая   # genitive
          - конкретному случаю
        admitted:
          - случай
        status: draft
      kk:
        preferred: нақты жағдай
        forms: [нақты жағдайдың, нақты жағдайға]
        status: draft
""")


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(tmp_path)
    path = root / "data" / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + CONCEPT, encoding="utf-8")
    return root


def glossary(root: Path, *args: str, capsys) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "glossary", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def exported(root: Path, capsys) -> list[dict]:
    code, out = glossary(root, "export", "--format", "csv", capsys=capsys)
    assert code == 0
    return list(csv.DictReader(io.StringIO(out)))


def written(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def find(rows, cid, lang, status, n=""):
    return next(r for r in rows if (r["id"], r["lang"], r["status"], r["n"]) == (cid, lang, status, str(n)))


def blank(rows, **values) -> dict:
    return {**{k: "" for k in rows[0]}, **values}


def test_new_rows_add_a_synonym_and_a_deprecated_variant(project, capsys, tmp_path):
    rows = exported(project, capsys)
    rows.append(blank(rows, id="specific_instance", lang="kk", status="admitted", term="жағдай"))
    rows.append(blank(rows, id="specific_instance", lang="ru", status="deprecated", n="1", term="обращение",
                      reason_kk="Сот арқылы қорғауды меңзейді.", reason_ru="Наводит на мысль о жалобе.",
                      reason_en="Suggests a complaint.", source="peer review 2024, rec. 3.1"))
    path = written(tmp_path / "reviewed.csv", rows)
    code, out = glossary(project, "import", str(path), "--apply", capsys=capsys)
    assert code == 0, out
    assert 'specific_instance admitted (new) (kk): (none) -> "жағдай"' in out
    assert 'specific_instance deprecated (new) (ru): (none) -> "обращение"' in out
    entry_kk = load_kind(project, "glossary")[0].entry("specific_instance", "kk")
    entry_ru = load_kind(project, "glossary")[0].entry("specific_instance", "ru")
    assert entry_kk.admitted == ["жағдай"]
    assert [(v.term, v.reason["en"], v.source) for v in entry_ru.deprecated] == [
        ("обращение", "Suggests a complaint.", "peer review 2024, rec. 3.1")]
    text = (project / "data" / "glossary.yml").read_text(encoding="utf-8")
    assert "# genitive" in text and "forms: [нақты жағдайдың, нақты жағдайға]" in text
    assert glossary(project, "import", str(path), capsys=capsys)[1].endswith("no changes: the CSV matches the glossary.\n")


def test_deprecating_a_synonym_moves_it_and_delete_removes_a_term(project, capsys, tmp_path):
    rows = exported(project, capsys)
    rows.append(blank(rows, id="specific_instance", lang="ru", status="deprecated", term="случай",
                      reason_kk="Тым жалпы.", reason_ru="Слишком общее слово.", reason_en="Too general.",
                      source="terminologist, 2026"))
    find(rows, "specific_instance", "ru", "form", 1)["action"] = "delete"
    find(rows, "specific_instance", "en", "plural")["action"] = "delete"
    path = written(tmp_path / "reviewed.csv", rows)
    code, out = glossary(project, "import", str(path), "--apply", capsys=capsys)
    assert code == 0, out
    assert 'specific_instance admitted 1 (ru): "случай" -> (deleted)' in out
    assert 'specific_instance form 1 (ru): "конкретного случая" -> (deleted)' in out
    assert 'specific_instance plural (en): "specific instances" -> (deleted)' in out
    loaded = load_kind(project, "glossary")[0]
    ru = loaded.entry("specific_instance", "ru")
    assert ru.admitted == [] and ru.forms == ["конкретному случаю"] and [v.term for v in ru.deprecated] == ["случай"]
    assert loaded.entry("specific_instance", "en").plural is None


def test_a_delete_marker_on_a_term_that_moved_is_refused(project, capsys, tmp_path):
    rows = exported(project, capsys)
    row = find(rows, "specific_instance", "ru", "form", 1)
    row.update(action="delete", term="не тот")
    before = (project / "data" / "glossary.yml").read_bytes()
    code, out = glossary(project, "import", str(written(tmp_path / "r.csv", rows)), "--apply", capsys=capsys)
    assert code == 1 and "form 1 'не тот' is not in the glossary as exported" in out
    assert (project / "data" / "glossary.yml").read_bytes() == before
    row.update(action="remove", term="конкретного случая")
    code, out = glossary(project, "import", str(written(tmp_path / "r.csv", rows)), capsys=capsys)
    assert "action (ru): 'remove' is not an action -- leave it empty, or write delete" in out


def test_excel_semicolons_and_day_first_dates(project, capsys, tmp_path):
    rows = exported(project, capsys)
    find(rows, "specific_instance", "kk", "preferred").update(review_status="approved", reviewed_by="А. Сейітқали",
                                                               reviewed_on="07.12.2026")
    code, out = glossary(project, "import", str(written(tmp_path / "excel.csv", rows, ";")), "--apply", capsys=capsys)
    assert code == 0, out
    assert 'specific_instance reviewed_on (kk): (none) -> "2026-12-07"' in out
    entry = load_kind(project, "glossary")[0].entry("specific_instance", "kk")
    assert (entry.status, str(entry.reviewed_on)) == ("approved", "2026-12-07")


def test_a_changed_spelling_is_followed_by_the_pages_that_use_it(project, capsys, tmp_path):
    page = project / "docs" / "index.ru.md"
    page.write_text("# Главная\n\nПо {{ term('specific_instance', form='конкретному случаю') }} и "
                    "{{ term('specific_instance', form='случай') }}.\n", encoding="utf-8")
    rows = exported(project, capsys)
    find(rows, "specific_instance", "ru", "form", 2)["term"] = "конкретному делу"
    path = written(tmp_path / "reviewed.csv", rows)
    code, out = glossary(project, "import", str(path), capsys=capsys)
    assert code == 0, out
    assert 'docs/index.ru.md:3: term(\'specific_instance\') (ru): form "конкретному случаю" -> "конкретному делу"' in out
    code, out = glossary(project, "import", str(path), "--apply", capsys=capsys)
    assert code == 0 and "and 1 page(s)" in out
    assert "{{ term('specific_instance', form='конкретному делу') }} и {{ term('specific_instance', form='случай') }}" in (
        page.read_text(encoding="utf-8"))
    assert cli.main(["--root", str(project), "check"]) == 0


def test_deleting_a_spelling_a_page_uses_names_the_page_and_the_forms_left(project, capsys, tmp_path):
    page = project / "docs" / "index.ru.md"
    page.write_text("# Главная\n\nЭто {{ term('specific_instance', form='случай') }}.\n", encoding="utf-8")
    rows = exported(project, capsys)
    find(rows, "specific_instance", "ru", "admitted", 1)["action"] = "delete"
    before = (project / "data" / "glossary.yml").read_bytes()
    code, out = glossary(project, "import", str(written(tmp_path / "r.csv", rows)), "--apply", capsys=capsys)
    assert code == 1
    assert ("docs/index.ru.md:3: term('specific_instance', form='случай') (ru): this form of 'specific_instance' is no "
            "longer in the glossary after the import -- use one of: 'конкретный случай', 'конкретного случая', "
            "'конкретному случаю'") in out
    assert (project / "data" / "glossary.yml").read_bytes() == before
