"""The open data of the built site: CSV and JSON hold the same records, the JSON validates against
its schema (check-jsonschema), every CSV column is described in the data dictionary of every language,
and a withheld submitter has no name in any format."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import without_labels
from conftest import LANG_PREFIX

LANGS = ("kk", "ru", "en")
DATASETS = {"cases": "specific_instances", "events": "events"}


def flattened(value, name: str = "") -> dict[str, str]:
    """A JSON record as CSV columns, worked out independently: nested keys joined with ``_``, lists as JSON."""
    if isinstance(value, dict):
        out = {}
        for key, sub in value.items():
            out.update(flattened(sub, f"{name}_{key}" if name else key))
        return out
    if isinstance(value, list):
        return {name: json.dumps(value, ensure_ascii=False, sort_keys=True)}
    if isinstance(value, bool):
        return {name: "true" if value else "false"}
    return {name: "" if value is None else str(value)}


def read(site, name: str):
    records = json.loads((site.root / "data" / f"{name}.json").read_text(encoding="utf-8"))[DATASETS[name]]
    rows = list(csv.DictReader(io.StringIO((site.root / "data" / f"{name}.csv").read_text(encoding="utf-8"))))
    return records, rows


@pytest.mark.parametrize("name", DATASETS)
def test_csv_and_json_hold_the_same_records(site, name):
    records, rows = read(site, name)
    assert records and len(rows) == len(records)
    for record, row in zip(records, rows, strict=True):
        expected = flattened(record)
        shown = {column: cell.removeprefix("'") for column, cell in row.items()}
        assert {k: v for k, v in shown.items() if v} == {k: v for k, v in expected.items() if v}, record["id"]
        for field in record:  # every field has its column(s), even where this record leaves it empty
            assert any(column == field or column.startswith(f"{field}_") for column in row), (record["id"], field)
    assert {f"title_{lang}" for lang in LANGS} <= set(rows[0])


@pytest.mark.parametrize("name", DATASETS)
def test_the_json_validates_against_its_schema(site, name, tmp_path):
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    data = site.root / "data"
    result = subprocess.run([tool, "--schemafile", str(data / f"{name}.schema.json"), str(data / f"{name}.json")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
    broken[DATASETS[name]][0]["id"] = 12  # the schema is not a blank cheque: a wrong type fails
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    result = subprocess.run([tool, "--schemafile", str(data / f"{name}.schema.json"), str(tmp_path / "broken.json")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_dictionary_describes_every_column_in_every_language(site, lang):
    html = site.html(lang, "open-data/dictionary/")
    assert f'<html lang="{lang}"' in html
    for name in DATASETS:
        _, rows = read(site, name)
        for column in rows[0]:
            assert f"<td><code>{column}</code> / <code>" in without_labels(html), (lang, name, column)
    assert "opendata." not in html  # every description is a text, not a missing key
    page = site.html(lang, "open-data/")
    for name in DATASETS:
        for suffix in (".json", ".csv", ".schema.json"):
            assert f'{name}{suffix}"' in page
        assert (site.root / LANG_PREFIX[lang] / "open-data" / "index.html").is_file()
    assert 'id="feeds"' in page and page.count('type="application/atom+xml"') >= 3


@pytest.mark.published
def test_a_withheld_submitter_has_no_name_in_any_format(site):
    records, rows = read(site, "cases")
    withheld = [i for i, r in enumerate(records) if r["submitter"]["withheld"]]
    assert withheld, "the repository's data has a withheld submitter"
    for i in withheld:
        assert records[i]["submitter"]["name"] is None
        assert all(rows[i][f"submitter_name_{lang}"] == "" for lang in LANGS)
