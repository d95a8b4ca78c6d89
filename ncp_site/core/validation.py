"""Turn pydantic's validation errors into located, fixable messages for the secretariat."""

from __future__ import annotations

import functools
import hashlib
import types
import typing
from typing import Annotated, Any, TypeVar, Union

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from .cache import Entry
from .errors import DataError
from .errors import shown as _shown
from .languages import Languages
from .limits import MAX_ID_CHARS, MAX_LINE_CHARS, MAX_UNKNOWN_LISTED
from .localized import LanguageMap, SomeLanguages
from .yamlsrc import YamlDoc, field_name

M = TypeVar("M", bound=BaseModel)

_FORMS: dict[str, str] = {}
"""What a field's pattern asks for, in words, by pattern (``pattern``)."""


def pattern(regex: str, form: str) -> str:
    """``regex`` for ``Field(pattern=...)``, with the words a mistake is explained in (``form``: what to write,
    with an example), so that no error quotes a regular expression."""
    _FORMS[regex] = form
    return regex


def form_of(regex: str | None) -> str | None:
    """The words ``pattern`` gave a regular expression (what ``ncp new`` writes beside such a field)."""
    return _FORMS.get(regex or "")


ID = pattern(r"^[a-z0-9][a-z0-9-]*$", "lower-case Latin letters, digits and hyphens, e.g. 2026-05-04-seminar")
CODE = pattern(r"^[a-z][a-z0-9_]*$", "lower-case Latin letters, digits and underscores, starting with a letter, "
               "e.g. specific_instance")


def record_id(regex: str = ID) -> Any:
    """A record's id: ``regex``, and at most ``MAX_ID_CHARS`` (it names a page's folder, often a file).
    ``ncp new`` checks an id given on its command line with the same field."""
    return Field(pattern=regex, max_length=MAX_ID_CHARS)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


def validate(model: type[M], data: Any, doc: YamlDoc, languages: Languages, base: tuple = (),
             context: dict | None = None, entry: Entry | None = None) -> tuple[M | None, list[DataError]]:
    """The model, or None and a located error for each problem pydantic found.

    ``entry``: the file's cache entry (``Sources.entries``). The result is kept there when ``data`` is the
    file's own value at ``base`` (then the file's bytes, the code, the configuration and ``context`` decide it)."""
    if entry is not None and data is _at(doc.data, base):
        return entry.remember(f"valid {model.__module__}.{model.__qualname__} {base!r} {context_key(context)}",
                              lambda: _validate(model, data, doc, languages, base, context))
    return _validate(model, data, doc, languages, base, context)


def context_key(context: dict | None) -> str:
    """A digest of what validation reads besides the file (the ids a record may cite): part of a cache key, so
    adding or removing a citable document re-validates the records that could cite it."""
    parts = sorted((name, sorted(value) if isinstance(value, (set, frozenset)) else value)
                   for name, value in (context or {}).items())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _validate(model: type[M], data: Any, doc: YamlDoc, languages: Languages, base: tuple = (),
              context: dict | None = None) -> tuple[M | None, list[DataError]]:
    cut: list[tuple[tuple, int]] = []
    data = _trimmed(model, data, (), tuple(languages), cut)
    counted = [DataError(doc.path, doc.line(base + loc), field_name(base + loc[:-1]),
                         f"and {count:,} more unknown keys in this {'record' if base or loc[:-1] else 'file'}",
                         "remove them or correct their spelling (see the README's data section)") for loc, count in cut]
    try:
        result = _adapter(model).validate_python(data, context={"languages": languages, **(context or {})})
    except ValidationError as exc:
        return None, [e for err in exc.errors() for e in _to_errors(err, doc, base, languages)] + counted
    if counted:
        return None, counted
    _mark_translations(result, doc, base)
    return result, []


def _trimmed(annotation: Any, data: Any, loc: tuple, languages: tuple[str, ...], cut: list) -> Any:
    """``data`` with the keys a model (or a text per language) does not know cut after the first
    ``MAX_UNKNOWN_LISTED`` of each mapping, each cut noted in ``cut`` as (where the first cut key is, how many):
    640,000 unknown keys cost pydantic a minute and a gigabyte to list, and nobody reads such a list."""
    while typing.get_origin(annotation) is Annotated or typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) is not Annotated and len(args) != 1:
            return data  # a choice of types: pydantic alone knows which applies
        annotation = args[0]
    if isinstance(data, list) and typing.get_origin(annotation) is list and typing.get_args(annotation):
        items = [_trimmed(typing.get_args(annotation)[0], item, loc + (i,), languages, cut) for i, item in enumerate(data)]
        return items if any(new is not old for new, old in zip(items, data)) else data
    if not isinstance(data, dict) or not isinstance(annotation, type):
        return data
    if issubclass(annotation, BaseModel):
        fields = annotation.model_fields
        known = set(fields) | {f.alias for f in fields.values() if f.alias}
    elif issubclass(annotation, (LanguageMap, SomeLanguages)):  # a text or an address per language
        fields, known = {}, set(languages)
    else:
        return data
    unknown = [key for key in data if key not in known]
    if len(unknown) > MAX_UNKNOWN_LISTED:
        dropped = set(unknown[MAX_UNKNOWN_LISTED:])
        cut.append((loc + (unknown[MAX_UNKNOWN_LISTED],), len(dropped)))
        data = {key: value for key, value in data.items() if key not in dropped}
    inner = {key: _trimmed(fields[key].annotation, value, loc + (key,), languages, cut)
             for key, value in data.items() if key in fields and isinstance(value, (dict, list))}
    if any(inner[key] is not data[key] for key in inner):
        data = {**data, **inner}
    return data


@functools.cache
def _adapter(model) -> TypeAdapter:
    return TypeAdapter(model)


def _mark_translations(result: BaseModel, doc: YamlDoc, base: tuple) -> None:
    """Carry the file's pending translations and borrowed texts over to the validated models."""
    meta = doc.meta
    if meta is None:
        return
    for marks, attr in ((meta.pending, "_pending"), (meta.borrowed, "_borrowed")):
        for loc, langs in marks.items():
            if loc[:len(base)] != base:
                continue
            target = _at(result, loc[len(base):])
            if attr == "_borrowed" and hasattr(target, "borrowed"):
                target.borrowed.update(langs)
                continue
            store = getattr(target, "__pydantic_private__", None) or {}
            if attr in store:
                store[attr].update(langs)


def _at(obj: Any, loc: tuple) -> Any:
    for part in loc:
        if obj is None:
            return None
        if isinstance(part, int) or isinstance(obj, dict):
            try:
                obj = obj[part]
            except (IndexError, KeyError, TypeError):
                return None
        else:
            obj = getattr(obj, part, None)
    return obj


def _to_errors(err: dict, doc: YamlDoc, base: tuple, languages: Languages) -> list[DataError]:
    loc = base + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    if err["type"] == "localized":
        return [_language_error(doc, loc, problem, code, languages) for problem, code in err["ctx"]["problems"]]
    lang = None
    if loc and loc[-1] in languages:
        lang, loc = loc[-1], loc[:-1]
    problem, fix = _explain(err, lang, languages)
    return [DataError(doc.path, doc.line(loc + ((lang,) if lang else ())), field_name(loc), problem, fix, lang)]


def _language_error(doc: YamlDoc, loc: tuple, problem: str, code: str, languages: Languages) -> DataError:
    if problem == "missing":
        return DataError(doc.path, doc.line(loc), field_name(loc), "text is missing",
                         f"add the {languages.name(code)} text under '{code}:'", code)
    return DataError(doc.path, doc.line(loc + (code,)), field_name(loc), f"{_shown(code)} is not a language of this site",
                     f"write the text under one of: {languages.listing()}")


def _explain(err: dict, lang: str | None, languages: Languages) -> tuple[str, str]:
    problem, fix = _explain_value(err, lang, languages)
    if err.get("input", "") is None and err["type"] != "missing":
        return "is empty", fix  # a slot left unfilled (``ncp new`` writes them so)
    return problem, fix


def _explain_value(err: dict, lang: str | None, languages: Languages) -> tuple[str, str]:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        if lang:
            return "text is missing", f"add the {languages.name(lang)} text under '{lang}:'"
        return "is missing", "add this field"
    if kind == "localized_shape":
        return (f"should be a mapping, got the text {_shown(value)}",
                f"give one text per language: {', '.join(c + ':' for c in languages)} on separate indented lines")
    if kind == "extra_forbidden":
        return "is not a known field", "remove it or correct its spelling (see the README's data section)"
    if kind in ("literal_error", "enum"):
        return f"{_shown(value)} is not allowed", f"use one of: {ctx.get('expected', '')}".replace("'", "")
    if kind.startswith("date") or kind.startswith("datetime"):
        return (f"{_shown(value)} is not a real date",
                "write an existing date as YYYY-MM-DD, e.g. 2022-02-15")
    if kind == "too_short":
        return "lists nothing" if not value else f"lists fewer than {ctx.get('min_length')}", \
            f"add at least {ctx.get('min_length')} item(s)"
    if kind == "string_too_short":
        return "is empty", "write the text, or remove the field if it is optional"
    if kind == "string_pattern_mismatch":
        form = _FORMS.get(ctx.get("pattern", ""))
        return (f"{_shown(value)} is not written as this field is",
                f"write {form}" if form else "write it as the same field of the other records is written")
    if kind == "string_too_long":
        limit = ctx["max_length"]
        length = f"{len(value):,} characters long" if isinstance(value, str) else "too long"
        return (f"is {length}, more than the {limit:,} allowed here",
                "shorten it" + (" (an id names a page's address and often a file)" if limit == MAX_ID_CHARS else
                                " (a title or a name is one line)" if limit <= MAX_LINE_CHARS else
                                "; publish a longer text as a document under docs/ and link it"))
    if kind in _TYPE_WORDS:
        what = _TYPE_WORDS[kind]
        if lang is None and isinstance(value, str) and kind in ("model_type", "dict_type"):
            return (f"should be a mapping, got the text {_shown(value)}",
                    f"give one text per language: {', '.join(c + ':' for c in languages)} on separate indented lines")
        return f"should be {what}, got {_shown(value)}", f"write {what} here"
    if kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
        if value is not None and f"'{value}'" in message:  # the file's own value, quoted: one short line
            message = message.replace(f"'{value}'", _shown(value))
        if " -- " in message:
            problem, fix = message.split(" -- ", 1)
            return problem, fix
        return message, "correct the value"
    return err["msg"], "correct the value"
