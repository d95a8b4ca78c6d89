"""The data files' JSON Schemas (schemas/): in step with the models, named by every data file, accepting every one."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from ncp_site import cli, editor_schemas
from ncp_site.core.config import load_config
from ncp_site.core.skeleton import skeleton
from ncp_site.kinds import all_kinds
from ncp_site.kinds.cases.model import SpecificInstance

from .builders import copy_of_repository
from .conftest import REPO

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def test_the_schemas_are_those_the_models_give():
    """A model changed without `ncp schemas` leaves its schema behind: regenerate and commit."""
    languages = tuple(load_config(REPO).languages)
    expected = {f"{name}.json": editor_schemas.text_of(schema)
                for name, schema in editor_schemas.schemas(all_kinds(), languages).items()}
    written = {p.name: p.read_text(encoding="utf-8") for p in (REPO / editor_schemas.FOLDER).glob("*.json")}
    assert sorted(written) == sorted(expected), "run `ncp schemas`"
    stale = [name for name in expected if written[name] != expected[name]]
    assert not stale, f"out of step with the models: {stale} -- run `ncp schemas`"


def data_files():
    return editor_schemas.data_files(all_kinds(), REPO / "data")


def test_every_data_file_names_its_schema_on_its_first_line():
    files = data_files()
    assert files
    for file, name in files:
        first = file.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
        assert first == editor_schemas.header_for(REPO, file, name), file
        target = (file.parent / editor_schemas.HEADER.match(first).group(1)).resolve()
        assert target == (REPO / editor_schemas.FOLDER / f"{name}.json").resolve() and target.is_file()


def test_every_data_file_validates_against_its_schema():
    by_schema = defaultdict(list)
    for file, name in data_files():
        by_schema[REPO / editor_schemas.FOLDER / f"{name}.json"].append(str(file))
    for schema, files in by_schema.items():
        result = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *files],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_reports_a_wrong_code_and_an_unknown_field(tmp_path):
    case = (REPO / "data" / "cases" / "kz0003.yml").read_text(encoding="utf-8")
    broken = tmp_path / "kz0003.yml"
    broken.write_text(case.replace("\nstatus: not_accepted", "\nstatus: closed\nstatu: x"), encoding="utf-8")
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(REPO / "schemas" / "cases.json"),
                             str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "'closed' is not one of" in result.stdout and "'statu'" in result.stdout


def test_the_schema_keeps_the_models_constraints_and_what_files_may_say(tmp_path):
    """pydantic's schema keeps an id's pattern and a name's length; a name written once and a pending language
    are still accepted, as ``ncp check`` accepts them."""
    case = (REPO / "data" / "cases" / "kz0003.yml").read_text(encoding="utf-8")
    accepted = case.replace("\n  name:\n    kk: \"Индира Бейсекеева\"\n    ru: \"Индира Бейсекеева\"\n"
                            "    en: \"Indira Beisekeyeva\"\n", "\n  name: Индира Бейсекеева\n")
    accepted = accepted.replace("\n  en: \"Indira Beisekeyeva & Amadeo Central Asia LLP (Pandora)\"\n",
                                "\n  translation_pending: {en: 2030-01-01}\n")
    assert accepted.count("translation_pending") == 1 and "name: Индира" in accepted
    rejected = case.replace("\nid: kz0003\n", "\nid: KZ 3\n").replace("\n  sector: G", f"\n  sector: {'G' * 60000}")
    results = {}
    for name, text in (("accepted", accepted), ("rejected", rejected)):
        (tmp_path / f"{name}.yml").write_text(text, encoding="utf-8")
        results[name] = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(REPO / "schemas" / "cases.json"),
                                        str(tmp_path / f"{name}.yml")], capture_output=True, text=True, check=False)
    assert results["accepted"].returncode == 0, results["accepted"].stdout
    assert results["rejected"].returncode == 1
    assert "'KZ 3' does not match" in results["rejected"].stdout and "is too long" in results["rejected"].stdout


def test_schemas_command_writes_schemas_and_first_lines_and_new_files_get_theirs(tmp_path, capsys):
    root = copy_of_repository(tmp_path / "repo")
    for file in (root / "data").rglob("*.yml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(editor_schemas.HEADER.sub("", text, count=1), encoding="utf-8")
    assert cli.main(["--root", str(root), "schemas"]) == 0
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(p.name for p in (REPO / "schemas").iterdir())
    for file, _ in data_files():
        assert (root / file.relative_to(REPO)).read_bytes() == file.read_bytes()
    assert cli.main(["--root", str(root), "new", "case", "--id", "kz-2026-schema"]) == 0
    assert (root / "data" / "cases" / "kz-2026-schema.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/cases.json\nid: kz-2026-schema")
    capsys.readouterr()


def test_the_skeleton_is_what_the_schema_describes():
    """Every field ``ncp new`` writes is a property of the schema (the two are read off the same model)."""
    record = yaml.safe_load("\n".join(skeleton(SpecificInstance, ("kk", "ru", "en"), {"id": "kz-1"})))
    schema = json.loads((REPO / "schemas" / "cases.json").read_text(encoding="utf-8"))
    assert set(record) == set(schema["properties"]) - {"translation_pending", "source_language"}
