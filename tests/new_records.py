"""The project the run's site is built from: a copy of the repository's data with one new record of every kind
``ncp new`` starts, each started with it and filled in (tests/conftest.py builds it once per run;
tests/built_site/test_new_records.py checks what it says here). So every built-site and browser test runs on
new records too: adding a real record never breaks publishing.

A new record is filled in from the record of its kind most like it in the repository (the same defaults
and date): each field ``ncp new`` left empty takes that record's value, its title gets "(new n)" in each
language, and the ids of records copied inside it (a plan's activities) get a suffix, so that it is a
record of its own.

``python tests/new_records.py ROOT MANIFEST`` makes the copy in ``ROOT`` and writes what each ``ncp new``
said and wrote to ``MANIFEST`` (JSON): in a process of its own, as the run's build thread needs (``ncp new``
prints, and a thread cannot have a standard output of its own).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from builders import copy_of_repository  # noqa: E402  (run as a script too)

from ncp_site import cli  # noqa: E402
from ncp_site.kinds import all_kinds  # noqa: E402

DATE = "2023-11-01"
"""The new records' date: just before the test build's day (conftest.BUILD_EPOCH), so new news is shown, and
after the peer review's records."""
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


def start_and_fill(root: Path, name: str, new, number: int) -> dict:
    """``ncp new <name>`` in ``root``, then its empty fields filled in from a record of its kind: what it said
    (``status``, ``said``) and wrote (``id``, ``path``, ``title``)."""
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
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # one thread only: a process's own
        status = cli.main(["--root", str(root), "new", name, *args])
    said = out.getvalue() + err.getvalue()
    done = {"name": name, "id": record_id, "inside": bool(new.inside), "status": status, "said": said}
    written = re.search(r"(data/\S+?\.yml):\d+:", out.getvalue())
    if status != 0 or not written:
        return done
    path = root / written.group(1)
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
    return {**done, "path": path.relative_to(root).as_posix(), "record": records[index]}


def make(root: Path) -> list[dict]:
    """A copy of the repository in ``root`` with a new record of every kind ``ncp new`` starts (plans before
    the activities started inside the first of them); what each ``ncp new`` said and wrote."""
    copy_of_repository(root)
    records = sorted(cli.new_records(all_kinds()).items(), key=lambda item: bool(item[1].inside))
    return [start_and_fill(root, name, new, number) for number, (name, new) in enumerate(records, start=1)]


if __name__ == "__main__":
    made = make(Path(sys.argv[1]))
    Path(sys.argv[2]).write_text(json.dumps(made, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
