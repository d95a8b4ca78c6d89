"""A new record's skeleton, read off its model: what ``ncp new`` writes for the secretariat to fill in.

Starting a record by copying another one carries over fields that do not apply and hides those
that do. The skeleton lists every field of the model in its order, each with a short comment
saying what it holds and which codes are allowed, and leaves every text as empty ``kk:``, ``ru:``,
``en:`` slots, so that ``ncp check`` on the unfilled record names exactly the fields still to write.
A kind declares its skeletons (``Kind.new``); nothing here knows a kind.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
import typing
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, BeforeValidator, PlainValidator, WrapValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from . import yamledit
from .errors import shown
from .languages import Languages
from .limits import NOT_TEXT, character_problem
from .messages import _
from .localized import LanguageMap, SomeLanguages
from .records import RecordFiles
from .validation import form_of, validate
from .yamledit import double_quoted
from .yamlsrc import Loader, YamlDoc

INDENT = "  "
TODAY = "today"
"""A ``NewRecord.prefilled`` value: the day the record is started."""


@dataclass(frozen=True)
class NewRecord:
    """A record ``ncp new <name>`` can start: its model and where such records are kept."""

    name: str  # ``ncp new case``
    model: type[BaseModel]
    files: RecordFiles
    dated: str | None = None
    """The field ``--date`` fills, dotted when nested (``dates.submission``); a top-level one also starts a
    derived id and, for a folder of year files, names the file."""
    titled: str | None = "title"  # the text field whose Russian slot ``--title-ru`` fills
    prefilled: dict[str, Any] = field(default_factory=dict)
    """Values most new records have, written in for the Secretariat to change if need be (``host_country: KZ``),
    by dotted field name; ``TODAY`` is the day the record is started (``SOURCE_DATE_EPOCH`` or the clock)."""
    inside: tuple[tuple[str, str | None], ...] = ()
    """A record kept inside another's list (an activity in a plan): the lists down to it from the record
    ``files`` holds (``--in`` names that record), each with the field whose value ``--under`` gives to
    pick one of its items (``(("categories", "category"), ("activities", None))``)."""


@dataclass(frozen=True)
class Shape:
    """What a model's field holds, from its type: enough to write a slot and a comment."""

    kind: str  # "model", "texts", "versions", "list", "dict", "code", "date", "number", "flag", "text"
    codes: tuple = ()
    item: Shape | None = None
    model: type[BaseModel] | None = None
    optional: bool = False
    language_map: type[LanguageMap] | None = None  # the LanguageMap class of a "texts" shape
    loose: bool = False  # a value read by a validator of its own (a partial date, an audience), not only text
    words: str | None = None  # what the type says it holds (``Field(description=...)`` in its Annotated)


def shape_of(annotation: Any) -> Shape:
    """The shape of a field's type, whatever Annotated or ``| None`` wraps it."""
    shape = _shape_of(annotation)
    return replace(shape, loose=shape.loose or _reads_other_input(annotation), words=_described(annotation))


def _described(annotation: Any) -> str | None:
    """The description a type alias gives itself (``Country = Annotated[str, ..., Field(description=...)]``)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            for meta in reversed(annotation.__metadata__):
                if isinstance(meta, FieldInfo) and meta.description:
                    return meta.description
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None
            annotation = args[0]
        else:
            return None


def _reads_other_input(annotation: Any) -> bool:
    """Whether a validator of its own reads the written value first (``Responsible``: a code or a mapping)."""
    if typing.get_origin(annotation) is Annotated:
        return any(isinstance(m, (BeforeValidator, PlainValidator, WrapValidator))
                   for m in annotation.__metadata__) or _reads_other_input(typing.get_args(annotation)[0])
    return False


def _shape_of(annotation: Any) -> Shape:
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
            elif dt.date in args:
                return Shape("date", optional=optional)
            else:
                return Shape("text", optional=optional, loose=True)
        else:
            break
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return Shape("code", codes=typing.get_args(annotation), optional=optional)
    if origin in (list, tuple, set, frozenset):
        items = typing.get_args(annotation)
        return Shape("list", item=shape_of(items[0]) if items else Shape("text"), optional=optional)
    if origin is dict:
        return Shape("dict", optional=optional)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return Shape("model", model=annotation, optional=optional)
        if issubclass(annotation, LanguageMap):
            return Shape("texts", optional=optional, language_map=annotation)
        if issubclass(annotation, SomeLanguages):
            return Shape("versions", optional=optional)
        if issubclass(annotation, bool):
            return Shape("flag", optional=optional)
        if issubclass(annotation, (int, float)):
            return Shape("number", optional=optional)
        if issubclass(annotation, (dt.date, dt.datetime)):
            return Shape("date", optional=optional)
    return Shape("text", optional=optional, loose=annotation is not str)


def describe(shape: Shape) -> str:
    """What a slot holds, in a few words (English, as every comment in the data files)."""
    if shape.kind == "code":
        return "one of: " + ", ".join(_scalar(c) for c in shape.codes)  # "no", quoted: YAML reads no as false
    if shape.kind == "list":
        return "a list" + (f" ({describe(shape.item)})" if shape.item and shape.item.kind != "model" else "")
    if shape.words:
        return shape.words
    if shape.kind == "texts" and (described := getattr(shape.language_map, "described", None)):
        return described
    return {
        "model": "fields below",
        "texts": "a text per language",
        "versions": "an address per language where one exists (https://... or a file under docs/)",
        "dict": "a mapping",
        "date": "a date, YYYY-MM-DD",
        "number": "a number",
        "flag": "true or false",
        "text": "text",
    }[shape.kind]


def field_notes(model: type[BaseModel]) -> dict[str, str]:
    """What the model's source says of each field in a trailing comment (``end: ... = None  # None: in force``)."""
    notes: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            source = inspect.getsource(cls)
        except (OSError, TypeError):
            continue
        for name, note in re.findall(r"^    (\w+):[^\n#]*#\s*(.+?)\s*$", source, re.MULTILINE):
            notes[name] = note
    return notes


def field_comment(info: FieldInfo, shape: Shape, note: str | None = None) -> str:
    """``required: one of: lead, supporting``: whether to fill it, and what it holds."""
    if shape.kind == "text" and not shape.words:  # a text written as a pattern says (an id: ``record_id``)
        form = next(filter(None, (form_of(getattr(m, "pattern", None)) for m in info.metadata)), None)
        shape = replace(shape, words=form.render("en") if form else None)  # comments in data files are English
    words = info.description if info.description != shape.words else None
    words = words or note
    words = f"{words}; {describe(shape)}" if words and shape.kind in ("code", "date", "texts", "list") \
        else words or describe(shape)
    if shape.kind == "text" and not shape.loose:  # an example YAML would read as a number is shown quoted
        words = re.sub(r"(?<=e\.g\. )([^\s,;)]+)(?=$|[,;)]| or )",
                       lambda m: m.group(1) if isinstance(yaml.safe_load(m.group(1)), str) else f'"{m.group(1)}"',
                       words)
    if words.startswith(("required,", "required while", "required unless")):  # conditions checked after the record's shape
        return words
    return ("required: " if info.is_required() else "optional: ") + words


def skeleton(model: type[BaseModel], languages: tuple[str, ...], filled: dict[str, Any] | None = None,
             indent: str = "") -> list[str]:
    """The lines of an empty record of ``model`` (top-level values in ``filled`` written in)."""
    filled = filled or {}
    notes = field_notes(model)
    lines: list[str] = []
    for name, info in model.model_fields.items():
        shape = shape_of(info.annotation)
        comment = f"  # {field_comment(info, shape, notes.get(name))}"
        value = filled.get(name)
        if shape.kind == "versions" or (shape.kind == "texts" and (info.is_required() or value)):
            lines.append(f"{indent}{name}:{comment}")
            for lang in languages:
                given = value.get(lang) if isinstance(value, dict) else None
                lines.append(f"{indent}{INDENT}{lang}:" + (f" {_scalar(given)}" if given else ""))
        elif shape.kind == "model" and shape.model and not shape.optional:
            lines.append(f"{indent}{name}:{comment}")
            lines += skeleton(shape.model, languages, value if isinstance(value, dict) else None, indent + INDENT)
        elif shape.kind == "list" and info.is_required() and shape.item and shape.item.model:
            lines.append(f"{indent}{name}:{comment}")
            item = skeleton(shape.item.model, languages, None, indent + INDENT * 2)
            lines += [f"{indent}{INDENT}- " + item[0].lstrip(), *item[1:]]
        else:
            text = _scalar(value) if value is not None else _default(info, shape)
            lines.append(f"{indent}{name}:{' ' + text if text else ''}{comment}")
    return lines


def _default(info: FieldInfo, shape: Shape) -> str:
    """A default worth writing out (``withheld: false``, ``chapters: []``); empty otherwise."""
    if info.default_factory is not None:
        default = info.default_factory()  # type: ignore[call-arg]  # no model here takes the validated data
    else:
        default = info.default
    if default is PydanticUndefined or default is None:
        return "[]" if shape.kind == "list" else ""
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, (list, tuple)) and not default:
        return "[]"
    if isinstance(default, dict) and not default:
        return "{}"
    if isinstance(default, (str, int)):
        return _scalar(default)
    return ""


def _scalar(value: Any) -> str:
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", text) and yaml.safe_load(text) == text
    return text if plain else double_quoted(text)


def slug(text: str) -> str:
    """An id from a title: Latin lower-case letters, digits and hyphens (Cyrillic transliterated)."""
    letters = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", letters).strip("-")[:60].rstrip("-")


_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "a", "g", "q", "n", "o", "u", "u", "h", "i"]))


class CannotStart(Exception):
    """``ncp new`` cannot start this record (no id, the file exists...): the message says what to do."""


@dataclass(frozen=True)
class Placement:
    """Where a new record goes and the whole new text of that file (new, or the old text plus the record)."""

    path: Any  # pathlib.Path
    text: str
    line: int  # the record's first line in the new text
    appended: bool


def prefilled(new: NewRecord, today: dt.date | None = None) -> dict[str, Any]:
    """The record's ``prefilled`` values as nested fields, ``TODAY`` made the day."""
    filled: dict[str, Any] = {}
    for name, value in new.prefilled.items():
        _put(filled, name, (today or dt.date.today()) if value == TODAY else value)
    return filled


def _put(filled: dict, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for parent in parents:
        filled = filled.setdefault(parent, {})
    filled[last] = value


def check_arguments(new: NewRecord, languages: Languages, record_id: str | None, date: str | None,
                    title_ru: str | None = None, derived: bool = False) -> None:
    """Raise ``CannotStart`` unless ``ncp check`` would accept the date, the title and the id given on the
    command line (``derived``: the id was made from the date and the title): they are validated by the
    record's own fields (the one definition of an id, a date, a title), as they will be in the data file."""
    id_option = _("the id made from --date and --title-ru") if derived else "--id"
    given = {name: (option, value) for name, option, value in ((new.dated, "--date", date),
                                                               (new.titled, "--title-ru", title_ru),
                                                               ("id", id_option, record_id))
             if name and value is not None and name.split(".")[0] in new.model.model_fields}
    for option, value in given.values():
        if found := NOT_TEXT.search(value):
            raise CannotStart(_("{option} holds {character}, which no text may hold -- type it again without it",
                                option=option, character=character_problem(found.group())))
    values: dict[str, Any] = {}
    for name, (_ignored, value) in given.items():  # a dotted field (a case's dates.submission) nested as in the file
        _put(values, name, {"ru": value} if name == new.titled else value)
    _validated, errors = validate(new.model, values, YamlDoc("", None), languages) if given else (None, [])
    for name, (option, value) in given.items():
        for error in errors:
            if error.field == name and error.lang in (None, "ru"):
                raise CannotStart(_("{option} {value}: {problem} -- {fix}", option=option, value=shown(value),
                                    problem=error.problem, fix=error.fix))
    if date is not None and new.dated and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise CannotStart(_("--date {value}: write the day as YYYY-MM-DD, e.g. 2026-03-15", value=shown(date)))


def place(new: NewRecord, data_dir, languages: Languages, record_id: str | None = None,
          date: str | None = None, title_ru: str | None = None, header: str = "", within: str | None = None,
          under: str | None = None, today: dt.date | None = None) -> Placement:
    """The file a new record goes to and its new text; raises ``CannotStart`` rather than overwrite anything,
    or write what ``ncp check`` would then refuse."""
    derived = record_id is None and not new.inside
    if derived:
        if not title_ru:
            raise CannotStart(_("give the new record's id with --id, or --title-ru (and --date) to derive it"))
        record_id = "-".join(part for part in (date if new.dated and "." not in new.dated else None, slug(title_ru))
                             if part)
    check_arguments(new, languages, record_id, date, title_ru, derived)
    codes = tuple(languages)
    if new.inside:
        return _place_inside(new, data_dir, codes, record_id, date, title_ru, within, under, today)
    if record_id is None:
        raise CannotStart("give the new record's id with --id")
    filled = prefilled(new, today)
    filled["id"] = record_id
    if new.dated and date:
        _put(filled, new.dated, dt.date.fromisoformat(date))
    if new.titled and title_ru:
        filled[new.titled] = {"ru": title_ru}
    where = new.files
    if where.list_key is None:
        path = data_dir / where.path / f"{record_id}.yml"
        if path.exists():
            raise CannotStart(_("{path} already exists -- choose another id; an existing record is edited in its file",
                                path=f"data/{where.path}/{record_id}.yml"))
        lines = skeleton(new.model, codes, filled)
        return Placement(path, header + "\n".join(lines) + "\n", header.count("\n") + 1, appended=False)
    if where.path.endswith((".yml", ".yaml")):
        path = data_dir / where.path
    else:
        if not (new.dated and date):
            raise CannotStart(_("give --date YYYY-MM-DD: each year of records ({noun}) has its own file in {folder}",
                                noun=where.noun, folder=f"{where.path}/"))
        path = data_dir / where.path / f"{date[:4]}.yml"
    item = skeleton(new.model, codes, filled, INDENT * 2)
    block = [f"{INDENT}- " + item[0].lstrip(), *item[1:]]
    if not path.exists():
        text = header + f"{where.list_key}:\n" + "\n".join(block) + "\n"
        return Placement(path, text, header.count("\n") + 2, appended=False)
    old = path.read_text(encoding="utf-8")
    if re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(record_id)}['\"]?\s*(#.*)?$", old, re.MULTILINE):
        raise CannotStart(_("{path} already has a record with id {id} -- choose another id", path=path, id=record_id))
    return _append(path, old, where.list_key, block)


def _append(path, old: str, key: str, block: list[str]) -> Placement:
    """The old text, byte for byte, with the record added at the end of the list under ``key``."""
    match = re.search(rf"^{re.escape(key)}:[ \t]*(\[\s*\])?[ \t]*(#.*)?$", old, re.MULTILINE)
    if match is None:
        raise CannotStart(_("{path} has no '{key}:' at the start of a line -- add the record by hand under '{key}:'",
                            path=path, key=key))
    after = old[match.end():]
    following = re.search(r"^[^\s#-]", after, re.MULTILINE)  # the next top-level key ends the list
    at = match.end() + (following.start() if following else len(after))
    before, rest = old[:at], old[at:]
    if match.group(1):  # ``key: []``: the list becomes a block list
        before = old[:match.start()] + f"{key}:" + (f" {match.group(2)}" if match.group(2) else "") + \
            old[match.end():at]
    if before and not before.endswith("\n"):
        before += "\n"
    line = before.count("\n") + 1
    return Placement(path, before + "\n".join(block) + "\n" + rest, line, appended=True)


def _place_inside(new: NewRecord, data_dir, languages, record_id, date, title_ru, within, under,
                  today: dt.date | None = None) -> Placement:
    """A record added at the end of a list inside another record (``--in`` that record, ``--under`` an item)."""
    where = new.files
    loc: tuple = ()
    if not within:
        raise CannotStart(_("give --in: the id of the record ({noun}) the new record goes into", noun=where.noun))
    if where.list_key is None:
        records = sorted(path.stem for path in (data_dir / where.path).glob("*.yml"))
        if within not in records:  # never a path: --in ../../x named a file outside the data
            raise CannotStart(_("there is no {noun} {id} in {folder} -- give the id of one: {ids}", noun=where.noun,
                                id=shown(within), folder=f"data/{where.path}/",
                                ids=", ".join(records[:5]) + (", ..." if len(records) > 5 else "")))
        path = data_dir / where.path / f"{within}.yml"
    else:
        path = data_dir / where.path
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    try:
        root = yamledit.compose(old)
    except yaml.YAMLError:
        raise CannotStart(_("{path} does not read as YAML -- fix it first (ncp check)", path=path)) from None
    data = yaml.load(old, Loader=Loader) if root is not None else None
    if where.list_key is not None:
        items = data.get(where.list_key) if isinstance(data, dict) else None
        index = next((i for i, item in enumerate(items or []) if isinstance(item, dict) and item.get("id") == within),
                     None)
        if index is None:
            raise CannotStart(_("there is no {noun} with id {id} in {file}", noun=where.noun, id=f"'{within}'",
                                file=f"data/{where.path}"))
        loc = (where.list_key, index)
    for key, chooser in new.inside:
        value = yamledit.value_at(data, loc) if loc else data
        if not isinstance(value, dict) or not isinstance(value.get(key), list):
            raise CannotStart(_("{path}: {id} has no list '{key}:' -- add the record by hand", path=path,
                                id=f"'{within}'", key=key))
        loc += (key,)
        if chooser is None:
            break
        choices = [item.get(chooser) for item in value[key] if isinstance(item, dict)]
        if under not in choices:
            raise CannotStart(_("give --under, one of: {choices} (its {field})",
                                choices=", ".join(str(c) for c in choices), field=chooser))
        loc += (choices.index(under),)
    filled = prefilled(new, today)
    if "id" in new.model.model_fields:
        if not record_id:
            raise CannotStart(_("give the new record's id with --id"))
        if re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(record_id)}['\"]?\s*(#.*)?$", old, re.MULTILINE):
            raise CannotStart(_("{path} already has a record with id {id} -- choose another id", path=path,
                                id=record_id))
        filled["id"] = record_id
    if new.dated and date:
        _put(filled, new.dated, dt.date.fromisoformat(date))
    if new.titled and title_ru and new.titled in new.model.model_fields:
        filled[new.titled] = {"ru": title_ru}
    sequence = yamledit.node_at(root, loc)
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style or not sequence.value:
        raise CannotStart(_("{path}: the list '{key}' is empty or written in brackets -- add the record by hand",
                            path=path, key=loc[-1]))
    last = sequence.value[-1]
    column = last.start_mark.column
    end = last.end_mark.index
    while end > 0 and old[end - 1] in " \t\r\n":
        end -= 1
    at = old.find("\n", end)
    at = len(old) if at < 0 else at
    item = skeleton(new.model, languages, filled, " " * column)
    block = [" " * (column - 2) + "- " + item[0].lstrip(), *item[1:]]
    text = old[:at] + "\n" + "\n".join(block) + old[at:]
    if not text.endswith("\n"):
        text += "\n"
    return Placement(path, text, old[:at].count("\n") + 2, appended=True)
