"""JSON Schemas of the data files, read off the models, for editors (VS Code's YAML extension).

An editor that knows a file's schema completes field names, shows each field's description on
hover and underlines an unknown field or code as it is typed. The schema is generated from the
same models that validate the data (``ncp schemas`` writes ``schemas/``; a test keeps them in step),
and accepts every valid file: a text is a mapping of languages (a name may be one string), any
mapping may say ``translation_pending`` and ``source_language``, a date may be ``not_reported``.
It is looser than the models (a date is any text, languages are not all required, since a
pending translation leaves one out): ``ncp check`` remains the judge, the schema is a guide.
"""

from __future__ import annotations

from pydantic import BaseModel

from .localized import LanguageMap, LocalizedMarkdown, LocalizedTextList
from .skeleton import Shape, field_comment, field_notes, shape_of

DIALECT = "http://json-schema.org/draft-07/schema#"
TRANSLATION_KEYS = {
    "translation_pending": {
        "type": "object", "description": "languages whose translation is pending, each with the date it is due "
        "(e.g. en: 2026-12-31)"},
    "source_language": {"type": "string", "description": "the language this text was written in (default: ru)"},
}


def file_schema(name: str, model: type[BaseModel], languages: tuple[str, ...], list_key: str | None = None,
                description: str = "") -> dict:
    """The schema of one kind of data file: one record, or records listed under ``list_key``."""
    record = model_schema(model, languages)
    body = record if list_key is None else _object({list_key: {"type": "array", "items": record}}, [list_key])
    return {"$schema": DIALECT, "$id": f"{name}.json", "title": f"ncp-site data: {name}",
            "description": description or _doc(model), **{k: v for k, v in body.items() if k not in ("title",)}}


def model_schema(model: type[BaseModel], languages: tuple[str, ...]) -> dict:
    notes = field_notes(model)
    properties, required = {}, []
    for name, info in model.model_fields.items():
        shape = shape_of(info.annotation)
        schema = shape_schema(shape, languages)
        schema["description"] = field_comment(info, shape, notes.get(name))
        if shape.optional or not info.is_required():
            schema = _nullable(schema)
        properties[name] = schema
        if info.is_required():
            required.append(name)
    schema = _object(properties, required, open_=model.model_config.get("extra") == "allow")
    schema["title"] = model.__name__
    if _doc(model):
        schema["description"] = _doc(model)
    return schema


def shape_schema(shape: Shape, languages: tuple[str, ...]) -> dict:
    if shape.loose:
        return {}
    if shape.kind == "model" and shape.model is not None:
        return model_schema(shape.model, languages)
    if shape.kind == "texts":
        return _texts(languages, shape.language_map)
    if shape.kind == "versions":
        return _object({lang: {"type": ["string", "null"]} for lang in languages}, [])
    if shape.kind == "list":
        item = shape_schema(shape.item, languages) if shape.item else {}
        return {"type": "array", "items": item}
    if shape.kind == "code":
        return {"enum": list(shape.codes)}
    if shape.kind == "dict":
        return {"type": "object"}
    if shape.kind == "number":
        return {"type": "number"}
    if shape.kind == "flag":
        return {"type": "boolean"}
    if shape.kind in ("date", "text"):
        return {"type": "string"}
    return {}


def _function(method) -> object:
    """The function behind a class method: which class's ``item_schema`` a language map uses."""
    return method.__func__


def _texts(languages: tuple[str, ...], cls: type[LanguageMap] | None) -> dict:
    """A language map; what each language holds depends on the map (a line, a list of keywords, a term entry)."""
    if cls is not None and issubclass(cls, LocalizedTextList):
        value: dict = {"type": "array", "items": {"type": "string"}}
    elif cls is None or _function(cls.item_schema) in (_function(LanguageMap.item_schema),
                                                       _function(LocalizedMarkdown.item_schema)):
        value = {"type": "string"}
    else:
        value = {}
    mapping = _object({lang: value for lang in languages}, [])
    if cls is not None and cls.single_value_allowed:
        return {"anyOf": [{"type": "string"}, mapping]}
    return mapping


def _object(properties: dict, required: list[str], open_: bool = False) -> dict:
    return {"type": "object", "properties": {**properties, **TRANSLATION_KEYS}, "required": required,
            "additionalProperties": open_}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}], "description": schema.pop("description", "")}


def _doc(model: type) -> str:
    doc = (model.__doc__ or "").strip()
    return doc.split("\n\n")[0].replace("\n", " ") if doc and not doc.startswith(model.__name__ + "(") else ""
