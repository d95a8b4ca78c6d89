"""Open data: a data kind's public records as JSON, CSV and a JSON Schema, and the columns the
data dictionary describes.

The JSON keeps the records' shape (``{"<key>": [record, ...]}``); its schema comes from the
record's pydantic model (serialization mode), so it says what the export writes. The CSV has one
row per record: nested fields are joined with ``_`` (``enterprise_sector``), localized fields become
one column per language (``title_kk``, ``title_ru``, ``title_en``), lists are JSON text in one cell.
A cell a spreadsheet would run as a formula is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell a spreadsheet would run as a formula starts with one of these (CSV/formula injection)."""
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATA_DIR = "data/"


def is_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text: ``'`` before a formula character (and before a ``'`` already there)."""
    return "'" + value if isinstance(value, str) and is_formula(value.lstrip("'")) else value


@dataclass(frozen=True)
class Column:
    name: str  # ``title_kk``
    field: str  # the field it comes from, dotted: ``enterprise.sector``
    path: tuple[str, ...]  # where its value is in a JSON record: ``("title", "kk")``
    kind: str  # ``text``, ``localized``, ``list``: how the value is written


@dataclass(frozen=True)
class Dataset:
    """One kind's open data: ``data/<name>.json`` (``{key: records}``), ``.csv`` and ``.schema.json``."""

    name: str  # ``cases``
    key: str  # the JSON's top-level key: ``specific_instances``
    model: Any  # the pydantic model of a record
    records: list[dict]  # JSON-ready, in a stable order
    extra: dict  # JSON Schema of fields the export adds to the model's: name -> schema
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """A field's label on the pages, per language (``enterprise.sector`` -> ``{"kk": "Сала", ...}``): the data
    dictionary names each field with the very words of the pages."""

    @property
    def json_path(self) -> str:
        return f"{DATA_DIR}{self.name}.json"

    @property
    def csv_path(self) -> str:
        return f"{DATA_DIR}{self.name}.csv"

    @property
    def schema_path(self) -> str:
        return f"{DATA_DIR}{self.name}.schema.json"


def schema(dataset: Dataset) -> dict:
    """The JSON Schema of ``data/<name>.json``, from the record's model."""
    record = dataset.model.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs = record.pop("$defs", {})
    record["properties"].update(dataset.extra)
    defs[dataset.model.__name__] = record
    return {"$schema": SCHEMA_DIALECT, "$id": dataset.schema_path.rsplit("/", 1)[-1],
            "title": dataset.name, "type": "object", "additionalProperties": False,
            "required": [dataset.key],
            "properties": {dataset.key: {"type": "array", "items": {"$ref": f"#/$defs/{dataset.model.__name__}"}}},
            "$defs": defs}


def _resolve(node: dict, defs: dict) -> dict:
    if "$ref" in node:
        return defs[node["$ref"].rsplit("/", 1)[-1]]
    variants = [v for v in node.get("anyOf", []) if v.get("type") != "null"]
    return _resolve(variants[0], defs) if len(variants) == 1 else node


def columns(dataset: Dataset, languages) -> list[Column]:
    """The CSV's columns, from the schema (so a field empty in every record still has its column)."""
    full = schema(dataset)
    defs = full["$defs"]
    found: list[Column] = []

    def walk(node: dict, path: tuple[str, ...]):
        node = _resolve(node, defs)
        name, dotted = "_".join(path), ".".join(path)
        if node.get("type") == "object" and "properties" in node:
            for child, sub in node["properties"].items():
                walk(sub, path + (child,))
        elif node.get("type") == "object":
            found.extend(Column(f"{name}_{lang}", dotted, path + (lang,), "localized") for lang in languages)
        elif node.get("type") == "array":
            found.append(Column(name, dotted, path, "list"))
        else:
            found.append(Column(name, dotted, path, "text"))

    walk(defs[dataset.model.__name__], ())
    return found


def _cell(record: dict, column: Column) -> str:
    value: Any = record
    for step in column.path:
        value = value.get(step) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(dataset: Dataset, languages) -> str:
    cols = columns(dataset, languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in cols])
    for record in dataset.records:
        writer.writerow([spreadsheet_safe(_cell(record, c)) for c in cols])
    return out.getvalue()


def json_text(dataset: Dataset) -> str:
    return json.dumps({dataset.key: dataset.records}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_text(dataset: Dataset) -> str:
    return json.dumps(schema(dataset), ensure_ascii=False, indent=2) + "\n"
