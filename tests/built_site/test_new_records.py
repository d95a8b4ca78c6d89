"""Adding a real record never breaks publishing: a copy of the repository's data gets one new record of
every kind ``ncp new`` starts (each started with it and filled in), passes ``ncp check``, and the
built-site tests pass on its build. That is one more build, in a pytest session of its own
(``NCP_TEST_PROJECT`` names the copy: tests/conftest.py).

A new record is filled in from the record of its kind most like it in the repository (the same defaults
and date): each field ``ncp new`` left empty takes that record's value, its title gets "(new n)" in each
language, and the ids of records copied inside it (a plan's activities) get a suffix, so that it is a
record of its own.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from builders import copy_of_repository
from conftest import REPO

from ncp_site import cli
from ncp_site.kinds import all_kinds

DATE = "2023-11-01"
"""The new records' date: just before the test build's day (BUILD_EPOCH), so new news is shown, and after
the peer review's records."""
NEW = {"kk": "жаңа", "ru": "новая", "en": "new"}
"""Added to the new records' titles in each language."""
NUMBERED = {"recommendation": "9.{number}"}
"""Records whose id is a number in their list (a peer review's finding); the others get ``new-<name>-<n>``."""


def empty(value) -> bool:
    """Nothing written: no value, or only empty slots (a text per language with none filled in)."""
    if isinstance(value, dict | list):
        return all(empty(v) for v in (value.values() if isinstance(value, dict) else value))
    return value is None or value == ""


def fill(new, model):
    """``new`` with every empty field taken from ``model``, a record of the same kind (lists item by item)."""
    if empty(new) and model is not None:
        return copy.deepcopy(model)
    if isinstance(new, dict) and isinstance(model, dict):
        return {key: fill(value, model.get(key)) for key, value in new.items()}
    if isinstance(new, list) and isinstance(model, list) and model:
        return [fill(item, model[min(i, len(model) - 1)]) for i, item in enumerate(new)]
    return new


def agreement(new, model) -> int:
    """How many of the values ``ncp new`` wrote (defaults, the date, the title) ``model`` has too."""
    if isinstance(new, dict) and isinstance(model, dict):
        return sum(agreement(value, model[key]) for key, value in new.items() if key in model)
    if isinstance(new, list) and isinstance(model, list):
        return sum(agreement(a, b) for a, b in zip(new, model))
    return int(not empty(new) and new == model)


def renumber(value, number: int, top: bool = True):
    """The ids of the records copied inside a new record (a plan's activities) made its own; numbered ids
    (a finding's ``2.1``) count only within their record and stay."""
    if isinstance(value, dict):
        return {key: f"{v}-new{number}" if key == "id" and not top and re.search(r"[a-z]", str(v))
                else renumber(v, number, False) for key, v in value.items()}
    if isinstance(value, list):
        return [renumber(v, number, False) for v in value]
    return value


def retitle(record: dict, number: int) -> dict:
    """The record's titles made its own: ``(new 3)`` in each language."""
    for key in ("title", "name", "question"):
        texts = record.get(key)
        if isinstance(texts, dict) and set(texts) == set(NEW) and all(isinstance(t, str) for t in texts.values()):
            record[key] = {lang: f"{text} ({NEW[lang]} {number})" for lang, text in texts.items()}
            break
    return record


def added(before, after):
    """The list that grew by one record, and the record's index there (a record inside another)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return next((found for key in after if key in before and (found := added(before[key], after[key]))), None)
    if isinstance(before, list) and isinstance(after, list):
        if len(after) == len(before) + 1:
            return after, next((i for i, (old, new) in enumerate(zip(before, after)) if old != new), len(before))
        return next((found for old, new in zip(before, after) if (found := added(old, new))), None)
    return None


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def records_of(document, list_key: str | None) -> list:
    """The records of a data file: the list under ``list_key``, or the file itself (one record per file)."""
    if document is None:
        return []
    return document[list_key] if list_key else [document]


def files_of(root: Path, place: str) -> list[Path]:
    path = root / "data" / place
    return sorted(path.glob("*.yml")) if path.is_dir() else [path]


def start_and_fill(root: Path, name: str, new, number: int, capsys) -> Path:
    """``ncp new <name>`` in ``root``, then its empty fields filled in from a record of its kind; its file."""
    record_id = NUMBERED.get(name, "new-{name}-{number}").format(name=name, number=number)
    args = ["--id", record_id, "--date", DATE, "--title-ru", f"Новая запись {number}"]
    place, list_key = new.files.path, new.files.list_key
    if new.inside:  # inside the first record of its kind (the first plan: its first category)
        parent = records_of(read(files_of(root, place)[0]), list_key)[0]
        args += ["--in", parent["id"]]
        (outer, under), *_ = new.inside
        if under:
            args += ["--under", parent[outer][0][under]]
    before = {path: read(path) for path in files_of(root, place)}
    status = cli.main(["--root", str(root), "new", name, *args])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    path = root / re.search(r"(data/\S+?\.yml):\d+:", out.out).group(1)
    after = read(path)
    if new.inside:
        records, index = added(before[path], after)
        models = [r for i, r in enumerate(records) if i != index]
    else:
        old = records_of(before.get(path), list_key)
        records = records_of(after, list_key)
        index = next(i for i, record in enumerate(records) if record not in old)
        models = old + [r for p in files_of(root, place) if p != path for r in records_of(read(p), list_key)]
    model = max(models, key=lambda model: agreement(records[index], model))  # the first of the most alike
    records[index] = renumber(retitle(fill(records[index], model), number), number)
    if not list_key and not new.inside:
        after = records[index]
    path.write_text(yaml.safe_dump(after, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


@pytest.mark.builds
def test_a_new_record_of_every_kind_passes_the_check_and_the_built_site_tests(tmp_path, capsys):
    root = copy_of_repository(tmp_path / "project")
    records = sorted(cli.new_records(all_kinds()).items(), key=lambda item: bool(item[1].inside))  # plans first
    assert {"case", "event", "news", "faq", "report", "organisation"} <= dict(records).keys()
    for number, (name, new) in enumerate(records, start=1):
        start_and_fill(root, name, new, number, capsys)
    status = cli.main(["--root", str(root), "check"])
    out = capsys.readouterr().out
    assert status == 0, out
    env = {key: value for key, value in os.environ.items()
           if key != "NCP_TEST_SITE" and not key.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    env["NCP_TEST_PROJECT"] = str(root)
    # Not the tests of the engines and of the never-publish scanner's look-alike letters: they test the build
    # and the scanner, which a new record does not change (each new record's title is still looked for).
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/built_site", "-m", "not builds", "-n", "0",
                             "--deselect", "tests/built_site/test_engines.py", "--deselect",
                             "tests/built_site/test_never_publish_outputs.py::"
                             "test_every_case_title_typed_with_look_alikes_and_its_words_reversed_is_found",
                             "-p", "no:cacheprovider", "-q", "--basetemp", str(tmp_path / "session")],
                            cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"built-site tests on {root}:\n{result.stdout[-8000:]}\n{result.stderr[-3000:]}"
    assert re.search(r"\b[1-9]\d* passed", result.stdout), result.stdout[-2000:]
