"""The JSON Schema of each kind of data file, as the kinds declare their files, and the line tying a file to it.

``ncp schemas`` writes them into ``schemas/`` and starts every data file with
``# yaml-language-server: $schema=<relative path>``, the comment VS Code's YAML extension (and
other editors using the YAML language server) reads to offer completion, hover help and inline
errors. A kind gets its schemas by declaring its records (``Kind.new``) or its files' models
(``Kind.file_models``); a data file with neither gets a schema that only says it is a mapping.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .core.schema import DIALECT, file_schema

FOLDER = "schemas"
HEADER = re.compile(r"^# yaml-language-server: \$schema=(\S+)[ \t]*\n")


def name_of(data_path: str) -> str:
    """``cases`` for ``data/cases/``, ``reports`` for ``data/reports.yml``."""
    return data_path.rsplit(".", 1)[0] if data_path.endswith((".yml", ".yaml")) else data_path


def schemas(kinds, languages: tuple[str, ...]) -> dict[str, dict]:
    """Schema name -> schema, one per data path the kinds keep their data in."""
    found: dict[str, dict] = {}
    for kind in kinds:
        for new in kind.new:
            if new.inside:  # kept inside another record: part of that record's schema
                continue
            name = name_of(new.files.path)
            description = (f"A {new.files.noun}, one file per record (data/{new.files.path}/<id>.yml)"
                           if new.files.list_key is None else
                           f"The {new.files.noun} records, listed under '{new.files.list_key}:'")
            found[name] = file_schema(name, new.model, languages, new.files.list_key, description)
        for path, model in kind.file_models.items():
            found[name_of(path)] = file_schema(name_of(path), model, languages)
        for path in kind.data:
            name = name_of(path)
            found.setdefault(name, {"$schema": DIALECT, "$id": f"{name}.json", "title": f"ncp-site data: {name}",
                                    "description": "checked by `ncp check` only (no schema of its fields yet)",
                                    "type": "object"})
    return dict(sorted(found.items()))


def text_of(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def header_for(root: Path, file: Path, name: str) -> str:
    """The first line tying ``file`` to ``schemas/<name>.json``, by a path relative to the file."""
    relative = Path(os.path.relpath(root / FOLDER / f"{name}.json", file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def data_files(kinds, data_dir: Path) -> list[tuple[Path, str]]:
    """Every data file of the kinds, with the name of its schema."""
    files = []
    for kind in kinds:
        for path in kind.data:
            where = data_dir / path
            found = sorted(where.glob("*.y*ml")) if where.is_dir() else [where] if where.is_file() else []
            files += [(file, name_of(path)) for file in found]
    return files


def with_header(text: str, header: str) -> str:
    """The text starting with ``header``, replacing an older schema line; every other byte kept."""
    match = HEADER.match(text)
    return header + (text[match.end():] if match else text)


