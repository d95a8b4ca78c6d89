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

from .cache import cached_with
from .errors import DataError
from .sources import Sources
from .validation import context_key, validate
from .yamlsrc import YamlDoc

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A validated record and where it was written (for errors found after validation)."""

    record: M
    doc: YamlDoc
    loc: tuple

    def error(self, field: tuple, problem: str, fix: str, lang: str | None = None) -> DataError:
        return self.doc.error(self.loc + field, problem, fix, lang)

    def where(self, field: tuple = ("id",)) -> str:
        return f"{self.doc.path}:{self.doc.line(self.loc + field)}"


@dataclass(frozen=True)
class RecordFiles:
    """Where a kind's records are kept, relative to the data folder."""

    path: str  # a folder (``cases``) or a file (``reports.yml``)
    noun: str  # in messages: "specific instance"
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
    first: dict[str, Located[M]] = {}
    for shown in paths:
        doc, errs = sources.docs.get(shown), list(sources.errors.get(shown, []))
        if shown not in sources.errors:
            errs.append(DataError(shown, 1, "(file)", "does not exist",
                                  f"create it (see {where.example}) or restore it from git"))
        errors += errs
        if doc is None:
            continue
        for loc, record, errs in _validated(sources, shown, doc, where, model):
            errors += errs
            if record is None:
                continue
            located = Located(record, doc, loc)
            if where.list_key is None and sources.file_name(shown).rsplit(".", 1)[0] != record.id:
                errors.append(located.error(("id",), f"'{record.id}' differs from the file name "
                                            f"'{sources.file_name(shown)}'",
                                            f"rename the file to {record.id}.yml or change the id"))
            if check is not None:
                errors += check(record, located)
            if record.id in first:
                errors.append(located.error(("id",), f"'{record.id}' is already the id of {_a(where.noun)} "
                                            f"({first[record.id].where()})",
                                            f"give each {where.noun} its own id; an id never changes once published"))
                continue
            first[record.id] = located
            found.append(located)
    return found, errors


def _validated(sources: Sources, shown: str, doc: YamlDoc, where: RecordFiles,
               model: type[M]) -> list[tuple[tuple, M | None, list[DataError]]]:
    """``(loc, record or None, errors)`` for each record the file holds, as validated: the file's bytes decide
    them, so they are kept in its cache entry (one part for the file: its records are unpickled together)."""
    def validated() -> list[tuple[tuple, M | None, list[DataError]]]:
        out = []
        for loc, data, errs in _entries(doc, where):
            record = None
            if data is not None:
                record, more = validate(model, data, doc, sources.config.languages, loc, context)
                errs = errs + more
            out.append((loc, record, errs))
        return out

    context = sources.validation_context()
    return cached_with(sources.entries.get(shown),
                       f"records {model.__module__}.{model.__qualname__} {where.list_key} {context_key(context)}", validated)


def _entries(doc: YamlDoc, where: RecordFiles):
    """``(loc, data, errors)`` for each record the file holds."""
    if where.list_key is None:
        if not isinstance(doc.data, dict):
            yield (), None, [doc.error((), "the file is not a mapping of fields",
                                       f"start the file with 'id: ...' (see {where.example})")]
            return
        yield (), doc.data, []
        return
    key = where.list_key
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        yield (), None, [doc.error((key,) if isinstance(doc.data, dict) else (),
                                   f"the file does not list its records under '{key}:'",
                                   f"start the file with '{key}:' and list each record under it with '- id: ...' "
                                   f"(see {where.example})")]
        return
    for other in doc.data:
        if other != key:
            yield (other,), None, [doc.error((other,), "is not a known field",
                                             f"remove it: the file holds only '{key}:'")]
    for i, data in enumerate(doc.data[key]):
        yield (key, i), data, []


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def reference_errors(at: Located, field: str, ids: list[str], known: set[str] | None, noun: str,
                     where: str) -> list[DataError]:
    """A located error for each id in ``field`` that names no record of another kind (``known``).

    ``known`` is None when that kind could not be loaded: its own errors are reported instead.
    """
    if known is None:
        return []
    errors, seen = [], set()
    for k, ref in enumerate(ids):
        if ref in seen:
            errors.append(at.error((field, k), f"'{ref}' is listed twice", "list each one once"))
        elif ref not in known:
            sample = ", ".join(sorted(known)[:3])
            errors.append(at.error((field, k), f"there is no {noun} '{ref}'",
                                   f"use the id of {_a(noun)} in {where}" + (f" (e.g. {sample})" if sample else "")))
        seen.add(ref)
    return errors


def count_records(sources: Sources, where: RecordFiles) -> int:
    """How many records the files hold as written (valid or not): a file each, or the items of each list."""
    if where.list_key is None:
        return len(sources.data_folder(where.path))
    paths = [sources.path(where.path)] if where.path.endswith((".yml", ".yaml")) else sources.data_folder(where.path)

    def written(doc: YamlDoc) -> int:
        items = doc.data.get(where.list_key) if isinstance(doc.data, dict) else None
        return len(items) if isinstance(items, list) else 0

    return sum(cached_with(sources.entries.get(path), f"count {where.list_key}", lambda: written(doc))
               for path in paths if (doc := sources.docs.get(path)) is not None)
