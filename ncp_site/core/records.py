"""One loader for every kind of record: data files to validated models, each with its location.

A kind keeps its records either one per file (``data/cases/<id>.yml``) or as a list in files
(``data/events/<year>.yml`` with ``events: [...]``, ``data/reports.yml`` with ``reports: [...]``).
Either way each record is validated on its own (one mistake does not hide the rest), ids are
unique across all files, and a record kept in its own file is named after its id.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .cache import cached_with
from .errors import DataError
from .messages import Message, WithArticle, _
from .sources import Sources
from .validation import context_key, validate
from .yamlsrc import YamlDoc, field_name


class Identified(Protocol):
    """A record other records refer to by its id (a news item's ``related_cases``)."""

    @property
    def id(self) -> str: ...


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


def load_records(sources: Sources, where: RecordFiles, model: type[M],
                 check: Callable[[M, Located[M]], list[DataError]] | None = None) -> tuple[list[Located[M]], list[DataError]]:
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
            errs.append(DataError(shown, 1, "(file)", _("does not exist"),
                                  _("create it (see {example}) or restore it from git", example=where.example)))
        errors += errs
        if doc is None:
            continue
        for loc, record, errs in _validated(sources, shown, doc, where, model):
            errors += errs
            if record is None:
                if check is not None:
                    errors += checked_in_part(model, _data_at(doc, loc), errs, check, doc, loc, sources.config.languages)
                continue
            located = Located(record, doc, loc)
            record_id: str = getattr(record, "id")  # every record model has one (``core.validation.record_id``)
            if where.list_key is None and sources.file_name(shown).rsplit(".", 1)[0] != record_id:
                errors.append(located.error(("id",), _("{id} differs from the file name {file}", id=f"'{record_id}'",
                                                       file=f"'{sources.file_name(shown)}'"),
                                            _("rename the file to {file} or change the id", file=f"{record_id}.yml")))
            if check is not None:
                errors += check(record, located)
            if record_id in first:
                errors.append(located.error(("id",), _("{id} is already the id of {a_noun} ({where})",
                                                       id=f"'{record_id}'", a_noun=WithArticle(where.noun),
                                                       where=first[record_id].where()),
                                            _("give each {noun} its own id; an id never changes once published",
                                              noun=where.noun)))
                continue
            first[record_id] = located
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


def checked_in_part(model: type[M], data, errors: list[DataError],
                    check: Callable[[M, Located[M]], list[DataError]], doc: YamlDoc, loc: tuple,
                    languages) -> list[DataError]:
    """What ``check`` finds in a record that did not validate, from the fields that did: so a record's problems
    are listed in one run, not a mistake in one field first and those across fields after it is fixed.

    The fields with errors are left out; a check that needs one of them finds nothing (the field's own error
    says what to fix first), and nothing it finds at such a field is repeated."""
    if not isinstance(data, dict):
        return []
    base = field_name(loc)
    bad = {_top_field(e.field, base) for e in errors}
    fields = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if name in bad or key in bad or key not in data:
            continue
        try:
            fields[name] = _field_adapter(model, name).validate_python(data[key], context={"languages": languages})
        except ValidationError:
            return []  # a value valid in the record but not alone: nothing to go on
    partial = model.model_construct(**fields)
    try:
        found = check(partial, Located(partial, doc, loc))
    except (AttributeError, TypeError, KeyError, ValueError):
        return []
    return [e for e in found if _top_field(e.field, base) not in bad]


def _top_field(field: str, base: str) -> str:
    """``statements[0].date`` -> ``statements``, below the record's own place in its file (``events[3].``)."""
    if base != "(file)" and field.startswith(base):
        field = field[len(base):].lstrip(".")
    return re.split(r"[.\[ ]", field, maxsplit=1)[0]


@functools.cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    annotation: Any = info.annotation
    return TypeAdapter(Annotated[annotation, *info.metadata] if info.metadata else annotation)


def _data_at(doc: YamlDoc, loc: tuple):
    """The raw value of the record at ``loc`` in its file (``()``: the whole file; ``(key, i)``: one of a list)."""
    data = doc.data
    for part in loc:
        data = data[part]
    return data


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
            errors.append(at.error((field, k), _("there is no {noun} {id}", noun=noun, id=f"'{ref}'"),
                                   _("use the id of {a_noun} in {where} (e.g. {sample})", a_noun=WithArticle(noun),
                                     where=where, sample=sample) if sample
                                   else _("use the id of {a_noun} in {where}", a_noun=WithArticle(noun), where=where)))
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

    docs = [(path, doc) for path in paths if (doc := sources.docs.get(path)) is not None]
    counts: list[int] = [cached_with(sources.entries.get(path), f"count {where.list_key}", functools.partial(written, doc))
                         for path, doc in docs]
    return sum(counts)
