"""One loader for every kind of record: data files to validated models, each with its location.

A kind keeps its records either one per file (``data/cases/<id>.yml``) or as a list in files
(``data/events/<year>.yml`` with ``events: [...]``, ``data/reports.yml`` with ``reports: [...]``).
Either way each record is validated on its own (one mistake does not hide the rest), ids are
unique across all files, and a record kept in its own file is named after its id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from .errors import DataError
from .messages import Message, _
from .sources import Sources
from .validation import validate
from .yamlsrc import YamlDoc

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A validated record and where it was written (for errors found after validation)."""

    record: M
    doc: YamlDoc
    loc: tuple

    def error(self, field: tuple, problem: Message, fix: Message, lang: str | None = None) -> DataError:
        return self.doc.error(self.loc + field, problem, fix, lang)

    def where(self, field: tuple = ("id",)) -> str:
        return f"{self.doc.path}:{self.doc.line(self.loc + field)}"


@dataclass(frozen=True)
class RecordFiles:
    """Where a kind's records are kept, relative to the data folder."""

    path: str  # a folder (``cases``) or a file (``reports.yml``)
    noun: Message  # in messages: "specific instance"
    example: str  # a file to look at, named in messages
    list_key: str | None = None  # records listed under this key; None: one record per file
    optional: bool = False  # a missing file or folder means no records yet


Check = Callable[[BaseModel, "Located"], list[DataError]]


def load_records(sources: Sources, where: RecordFiles, model: type[M],
                 check: Check | None = None) -> tuple[list[Located[M]], list[DataError]]:
    """Every valid record of ``model`` and every error found, in file order."""
    if where.path.endswith((".yml", ".yaml")):
        paths = [sources.path(where.path)]
        if where.optional and paths[0] not in sources.errors:
            return [], []
    else:
        paths = sources.data_folder(where.path)
    found: list[Located[M]] = []
    errors: list[DataError] = []
    first: dict[str, str] = {}
    for shown in paths:
        doc, errs = sources.docs.get(shown), list(sources.errors.get(shown, []))
        if shown not in sources.errors:
            errs.append(DataError(shown, 1, "(file)", _("does not exist"),
                                  _("create it (see {example}) or restore it from git", example=where.example)))
        errors += errs
        if doc is None:
            continue
        for loc, data, errs in _entries(doc, where):
            errors += errs
            if data is None:
                continue
            record, errs = validate(model, data, doc, sources.config.languages, loc)
            errors += errs
            if record is None:
                continue
            located = Located(record, doc, loc)
            if where.list_key is None and sources.file_name(shown).rsplit(".", 1)[0] != record.id:
                errors.append(located.error(("id",), _("{id} differs from the file name {file}", id=f"'{record.id}'",
                                                       file=f"'{sources.file_name(shown)}'"),
                                            _("rename the file to {file} or change the id", file=f"{record.id}.yml")))
            if check is not None:
                errors += check(record, located)
            if record.id in first:
                errors.append(located.error(("id",), _("{id} is already used as an id ({noun}: {where})",
                                                       id=f"'{record.id}'", noun=where.noun, where=first[record.id]),
                                            _("give each record its own id; an id never changes once published")))
                continue
            first[record.id] = located.where()
            found.append(located)
    return found, errors


def _entries(doc: YamlDoc, where: RecordFiles):
    """``(loc, data, errors)`` for each record the file holds."""
    if where.list_key is None:
        if not isinstance(doc.data, dict):
            yield (), None, [doc.error((), _("the file is not a mapping of fields"),
                                       _("start the file with 'id: ...' (see {example})", example=where.example))]
            return
        yield (), doc.data, []
        return
    key = where.list_key
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        yield (), None, [doc.error((key,) if isinstance(doc.data, dict) else (),
                                   _("the file does not list its records under '{key}:'", key=key),
                                   _("start the file with '{key}:' and list each record under it with '- id: ...' "
                                     "(see {example})", key=key, example=where.example))]
        return
    for other in doc.data:
        if other != key:
            yield (other,), None, [doc.error((other,), _("is not a known field"),
                                             _("remove it: the file holds only '{key}:'", key=key))]
    for i, data in enumerate(doc.data[key]):
        yield (key, i), data, []


def reference_errors(at: Located, field: str, ids: list[str], known: set[str] | None, noun: Message,
                     where: str) -> list[DataError]:
    """A located error for each id in ``field`` that names no record of another kind (``known``).

    ``known`` is None when that kind could not be loaded: its own errors are reported instead.
    """
    if known is None:
        return []
    errors, seen = [], set()
    for k, ref in enumerate(ids):
        if ref in seen:
            errors.append(at.error((field, k), _("{id} is listed twice", id=f"'{ref}'"), _("list each one once")))
        elif ref not in known:
            sample = ", ".join(sorted(known)[:3])
            errors.append(at.error((field, k), _("there is no {id} in {where} ({noun})", id=f"'{ref}'", where=where,
                                                 noun=noun),
                                   _("use the id of one in {where} (e.g. {sample})", where=where, sample=sample) if sample
                                   else _("use the id of one in {where}", where=where)))
        seen.add(ref)
    return errors


def count_records(sources: Sources, where: RecordFiles) -> int:
    """How many records the files hold as written (valid or not): a file each, or the items of each list."""
    if where.list_key is None:
        return len(sources.data_folder(where.path))
    paths = [sources.path(where.path)] if where.path.endswith((".yml", ".yaml")) else sources.data_folder(where.path)
    docs = [sources.docs.get(path) for path in paths]
    return sum(len(doc.data.get(where.list_key) or []) for doc in docs
               if doc is not None and isinstance(doc.data, dict) and isinstance(doc.data.get(where.list_key), list))
