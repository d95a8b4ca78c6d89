"""JSON Schemas of the data files, for editors (VS Code's YAML extension): pydantic's, with our hooks.

An editor that knows a file's schema completes field names, shows each field's description on
hover and underlines an unknown field or code as it is typed. The schema is pydantic's
``model_json_schema`` of the same models that validate the data (``ncp schemas`` writes ``schemas/``;
a test keeps them in step), with the hooks below so that it accepts every valid file: a text is a
mapping of languages (a name may be one string), any mapping may say ``translation_pending`` and
``source_language``, an optional field may be left empty, and each field's description is the comment
``ncp new`` writes beside it. Languages are not all required (a pending translation leaves one out):
``ncp check`` remains the judge, the schema is a guide.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .localized import LanguageMap, SomeLanguages
from .skeleton import field_comment, field_notes, shape_of

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
    generator = type("EditorSchema", (EditorSchema,), {"languages": languages})
    record = model.model_json_schema(schema_generator=generator)
    record = _inlined(record, record.pop("$defs", {}))
    body = record if list_key is None else _object({list_key: {"type": "array", "items": record}}, [list_key])
    return {"$schema": DIALECT, "$id": f"{name}.json", "title": f"ncp-site data: {name}",
            "description": description or _doc(model), **{k: v for k, v in body.items() if k not in ("title",)}}


class EditorSchema(GenerateJsonSchema):
    """pydantic's JSON Schema as the data files are written, not as the models hold them."""

    languages: tuple[str, ...] = ()

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """A field's description is its comment in a new record; any field that may be left out may be left empty."""
        model = schema["cls"]
        found = super().model_schema(schema)
        properties = found.setdefault("properties", {})
        notes = field_notes(model)
        for name, info in model.model_fields.items():
            field = properties[name]
            if not info.is_required() and {"type": "null"} not in field.get("anyOf", []):
                field = {"anyOf": [{k: v for k, v in field.items() if k != "default"}, {"type": "null"}],
                         **({"default": field["default"]} if "default" in field else {})}
            field["description"] = field_comment(info, shape_of(info.annotation), notes.get(name))
            properties[name] = field
        found.update(_object(properties, found.get("required", []), open_=model.model_config.get("extra") == "allow"))
        found.pop("description", None)
        return {**found, **({"description": _doc(model)} if _doc(model) else {})}

    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        """A code's allowed values only: a wrong code is one error, not two (not one of; not a string)."""
        return {k: v for k, v in super().literal_schema(schema).items() if k != "type"}

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        """A language map (``LanguageMap``, ``SomeLanguages``) as written: a key per site language."""
        function = schema["function"]["function"]
        texts = getattr(function, "__self__", None)
        if not (isinstance(texts, type) and issubclass(texts, LanguageMap)) and function is not SomeLanguages._blank_is_none:
            return super().function_before_schema(schema)
        inner: Any = schema["schema"]
        while inner["type"] != "dict":
            inner = inner["schema"]
        value = self.generate_inner(inner["values_schema"])
        mapping = _object({lang: value for lang in self.languages}, [])
        return {"anyOf": [value, mapping]} if getattr(texts, "single_value_allowed", False) else mapping


def _inlined(node: Any, defs: dict) -> Any:
    """The schema with every ``$ref`` replaced by its definition (draft-07 ignores a description beside a ``$ref``)."""
    if isinstance(node, list):
        return [_inlined(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return {**_inlined(defs[node["$ref"].rsplit("/", 1)[-1]], defs),
                **{k: _inlined(v, defs) for k, v in node.items() if k != "$ref"}}
    return {k: _inlined(v, defs) for k, v in node.items()}


def _object(properties: dict, required: list[str], open_: bool = False) -> dict:
    return {"type": "object", "properties": {**properties, **TRANSLATION_KEYS}, "required": required,
            "additionalProperties": open_}


def _doc(model: type) -> str:
    doc = (model.__doc__ or "").strip()
    return doc.split("\n\n")[0].replace("\n", " ") if doc and not doc.startswith(model.__name__ + "(") else ""
