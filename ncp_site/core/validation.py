"""Turn pydantic's validation errors into located, fixable messages for the secretariat."""

from __future__ import annotations

import functools
import hashlib
import re
import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar, Union

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from .cache import Entry
from .errors import DataError, Invalid
from .errors import shown as _shown
from .languages import Languages
from .limits import MAX_ID_CHARS, MAX_LINE_CHARS, MAX_UNKNOWN_LISTED
from .localized import LanguageMap, SomeLanguages
from .messages import LanguageName, Message, _, _n, listing, message, verbatim
from .yamlsrc import YamlDoc, field_name

M = TypeVar("M")

_FORMS: dict[str, Message] = {}
"""What a field's pattern asks for, in words, by pattern (``pattern``)."""


def pattern(regex: str, form: Message | str) -> str:
    """``regex`` for ``Field(pattern=...)``, with the words a mistake is explained in (``form``: what to write,
    with an example), so that no error quotes a regular expression."""
    _FORMS[regex] = message(form)
    return regex


def form_of(regex: str | None) -> Message | None:
    """The words ``pattern`` gave a regular expression (what ``ncp new`` writes beside such a field)."""
    return _FORMS.get(regex or "")


ID = pattern(r"^[a-z0-9][a-z0-9-]*$", _("lower-case Latin letters, digits and hyphens, e.g. 2026-05-04-seminar"))
CODE = pattern(r"^[a-z][a-z0-9_]*$", _("lower-case Latin letters, digits and underscores, starting with a letter, "
                                       "e.g. specific_instance"))


def record_id(regex: str = ID) -> Any:
    """A record's id: ``regex``, and at most ``MAX_ID_CHARS`` (it names a page's folder, often a file).
    ``ncp new`` checks an id given on its command line with the same field."""
    return Field(pattern=regex, max_length=MAX_ID_CHARS)

_TYPE_WORDS = {
    "string_type": _("text"),
    "int_type": _("a whole number"),
    "int_parsing": _("a whole number"),
    "bool_type": _("true or false"),
    "bool_parsing": _("true or false"),
    "list_type": _("a list"),
    "dict_type": _("a mapping of fields"),
    "model_type": _("a mapping of fields"),
    "model_attributes_type": _("a mapping of fields"),
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
                         _n("and {n:,} more unknown key in this record", "and {n:,} more unknown keys in this record",
                            count) if base or loc[:-1] else
                         _n("and {n:,} more unknown key in this file", "and {n:,} more unknown keys in this file", count),
                         _("remove them or correct their spelling (see guide/data.md)")) for loc, count in cut]
    try:
        result = _adapter(typing.cast(type, model)).validate_python(data, context={"languages": languages, **(context or {})})
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


def _to_errors(err: Mapping[str, Any], doc: YamlDoc, base: tuple, languages: Languages) -> list[DataError]:
    loc = base + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    if err["type"] == "localized":
        return [_language_error(doc, loc, problem, code, languages) for problem, code in err["ctx"]["problems"]]
    lang = None
    if loc and loc[-1] in languages:
        lang, loc = loc[-1], loc[:-1]
    problem, fix = _explain(err, lang, languages)
    written = doc.written.get(loc + ((lang,) if lang else ()))
    if written is not None and not err["type"].startswith(_NUMBER_OR_FLAG):
        problem, fix = _read_as(written, err.get("input"))
    return [DataError(doc.path, doc.line(loc + ((lang,) if lang else ())), field_name(loc), problem, fix, lang)]


_NUMBER_OR_FLAG = ("int_", "bool_", "float_", "decimal_", "greater_", "less_", "missing", "extra_", "multiple_of")


def _read_as(written: str, value: Any) -> tuple[Message, Message]:
    """A plain value YAML turned into true/false or a number, where the field wanted the words as written."""
    fix = _("put it in double quotes to keep it as written: \"{written}\"", written=written)
    if isinstance(value, bool):
        return _("{written} was read as {value}: YAML reads yes, no, on, off, y and n without quotes as true or false",
                 written=written, value=str(value).lower()), fix
    return _("{written} was read as the number {value}, not as written (zeros and signs may be lost)",
             written=written, value=value), fix


def _language_error(doc: YamlDoc, loc: tuple, problem: str, code: str, languages: Languages) -> DataError:
    if problem == "missing":
        return DataError(doc.path, doc.line(loc), field_name(loc), _("text is missing"), _add_text(code), code)
    return DataError(doc.path, doc.line(loc + (code,)), field_name(loc),
                     _("{code} is not a language of this site", code=_shown(code)),
                     _("write the text under one of: {languages}", languages=languages.listing()))


def _add_text(code: str) -> Message:
    return _("add the {language} text under '{code}:'", code=code, language=LanguageName(code))


def _one_text_per_language(languages: Languages) -> Message:
    return _("give one text per language: {keys} on separate indented lines",
             keys=", ".join(c + ":" for c in languages))


def _explain(err: Mapping[str, Any], lang: str | None, languages: Languages) -> tuple[Message, Message]:
    problem, fix = _explain_value(err, lang, languages)
    if err.get("input", "") is None and err["type"] != "missing":
        return _("is empty"), fix  # a slot left unfilled (``ncp new`` writes them so)
    return problem, fix


def _explain_value(err: Mapping[str, Any], lang: str | None, languages: Languages) -> tuple[Message, Message]:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        if lang:
            return _("text is missing"), _add_text(lang)
        return _("is missing"), _("add this field")
    if kind == "localized_shape":
        return _("should be a mapping, got the text {value}", value=_shown(value)), _one_text_per_language(languages)
    if kind == "extra_forbidden":
        return _("is not a known field"), _("remove it or correct its spelling (see guide/data.md)")
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        codes = re.findall(r"'([^']*)'", expected)
        return (_("{value} is not allowed", value=_shown(value)),
                _("use one of: {codes}", codes=listing(codes, "or") if codes else expected.replace("'", "")))
    if kind.startswith("date") or kind.startswith("datetime"):
        return (_("{value} is not a real date", value=_shown(value)),
                _("write an existing date as YYYY-MM-DD, e.g. 2022-02-15"))
    if kind == "too_short":
        least = ctx.get("min_length") or 1
        return (_("lists nothing") if not value else
                _n("lists fewer than {n}", "lists fewer than {n}", least),
                _n("add at least {n} item", "add at least {n} items", least))
    if kind == "string_too_short":
        return _("is empty"), _("write the text, or remove the field if it is optional")
    if kind == "string_pattern_mismatch":
        form = _FORMS.get(ctx.get("pattern", ""))
        return (_("{value} is not written as this field is", value=_shown(value)),
                _("write {form}", form=form) if form else _("write it as the same field of the other records is written"))
    if kind == "string_too_long":
        limit = ctx["max_length"]
        problem = (_("is {length:,} characters long, more than the {limit:,} allowed here", length=len(value), limit=limit)
                   if isinstance(value, str) else _("is too long, more than the {limit:,} allowed here", limit=limit))
        return problem, (_("shorten it (an id names a page's address and often a file)") if limit == MAX_ID_CHARS else
                         _("shorten it (a title or a name is one line)") if limit <= MAX_LINE_CHARS else
                         _("shorten it; publish a longer text as a document under docs/ and link it"))
    if kind in _TYPE_WORDS:
        what = _TYPE_WORDS[kind]
        if lang is None and isinstance(value, str) and kind in ("model_type", "dict_type"):
            return (_("should be a mapping, got the text {value}", value=_shown(value)),
                    _one_text_per_language(languages))
        return _("should be {what}, got {value}", what=what, value=_shown(value)), _("write {what} here", what=what)
    if kind == "value_error" and isinstance(ctx.get("error"), Invalid):
        return ctx["error"].problem, ctx["error"].fix
    if kind == "value_error":  # a library's own words, "problem -- fix" or not: shown as they are
        said, _dash, said_fix = str(ctx.get("error", err["msg"])).partition(" -- ")
        return verbatim(said), verbatim(said_fix) if said_fix else _("correct the value")
    return _plain(kind, ctx, value)


def _plain(kind: str, ctx: dict, value: Any) -> tuple[Message, Message]:
    """A check pydantic made that no validator of ours words (a number's bounds, a list's length, a float)."""
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "")
        sign = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<", "less_than_equal": "<="}[kind]
        problem = {"greater_than": _("should be greater than {bound}, got {value}", bound=bound, value=_shown(value)),
                   "greater_than_equal": _("should be greater than or equal to {bound}, got {value}", bound=bound,
                                           value=_shown(value)),
                   "less_than": _("should be less than {bound}, got {value}", bound=bound, value=_shown(value)),
                   "less_than_equal": _("should be less than or equal to {bound}, got {value}", bound=bound,
                                        value=_shown(value))}[kind]
        return problem, _("write a number {sign} {bound}", sign=sign, bound=bound)
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing"):
        return _("should be a number, got {value}", value=_shown(value)), _("write a number here")
    if kind == "too_long":
        return (_n("lists more than {n} item", "lists more than {n} items", ctx.get("max_length") or 0),
                _("remove the items beyond the first {limit}", limit=ctx.get("max_length")))
    if kind in ("url_parsing", "url_scheme", "url_type"):
        return _("{value} is not a web address", value=_shown(value)), _("write the full address, starting with https://")
    if kind == "set_type" or kind == "tuple_type":
        return _("should be a list, got {value}", value=_shown(value)), _("write a list here")
    return _("{value} cannot be used here ({code})", value=_shown(value), code=kind), _("correct the value")
