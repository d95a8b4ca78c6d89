"""YAML with line numbers: every value keeps the line it was written on.

Built on libyaml's C parser (several times faster than the pure-Python one) where available.
Timestamps are kept as the text the author wrote, so that dates are validated by our models
(``2022-02-30`` must be reported with its line, not crash the parser).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, display_path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class YamlDoc:
    """A parsed YAML file: plain Python data plus the line of every key and list item."""

    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    meta: Any = None  # translation_meta.TranslationMeta, filled when the project reads its sources
    text: str = ""

    def line(self, loc: tuple = ()) -> int:
        """Line of the deepest known prefix of ``loc`` (a key path such as ``('dates', 'submission')``)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def error(self, loc: tuple, problem: str, fix: str, lang: str | None = None) -> DataError:
        return DataError(self.path, self.line(loc), field_name(loc), problem, fix, lang)


def field_name(loc: tuple) -> str:
    """``('statements', 0, 'date')`` -> ``statements[0].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


def load_yaml(path: Path, root: Path | None = None) -> tuple[YamlDoc | None, list[DataError]]:
    """Read and parse one file: the document, or None and the errors that prevented reading it."""
    shown = display_path(path, root)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None, [DataError(shown, 1, "(file)", "does not exist",
                                "create it (see the README's data section) or restore it from git")]
    return parse_bytes(raw, shown)


def parse_bytes(raw: bytes, shown: str) -> tuple[YamlDoc | None, list[DataError]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [DataError(shown, line, "(file)", f"is not valid UTF-8 ({exc.reason})",
                                "save the file with UTF-8 encoding")]
    return parse_yaml(text, shown)


def yaml_files(folder: Path) -> list[Path]:
    """The data files of a folder, in a stable order."""
    return sorted(Path(folder).glob("*.yml")) + sorted(Path(folder).glob("*.yaml"))


def parse_yaml(text: str, shown: str) -> tuple[YamlDoc | None, list[DataError]]:
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        start, found = exc.context_mark, exc.problem_mark
        line = (start or found).line + 1 if (start or found) else 1
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if start and found and found.line != start.line:
            problem += f" (noticed on line {found.line + 1})"
        return None, [DataError(shown, line, "(yaml)", f"invalid YAML: {problem}",
                                "check indentation, colons and quotes on this line and the one before")]
    except yaml.YAMLError as exc:
        return None, [DataError(shown, 1, "(yaml)", f"invalid YAML: {exc}", "fix the YAML syntax")]
    doc = YamlDoc(shown, None, text=text)
    errors: list[DataError] = []
    if node is None:
        return doc, errors
    doc.lines[()] = node.start_mark.line + 1
    doc.data = _build(node, (), doc, errors)
    return doc, errors


def _build(node: yaml.Node, loc: tuple, doc: YamlDoc, errors: list[DataError]) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _build(key_node, loc, doc, errors)
            if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                key = str(key)
            here = loc + (key,)
            line = key_node.start_mark.line + 1
            if key in out:
                errors.append(DataError(doc.path, line, field_name(here),
                                        f"is written twice (first on line {doc.lines[here]})",
                                        "keep one of the two entries"))
                continue
            doc.lines[here] = line
            out[key] = _build(value_node, here, doc, errors)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            doc.lines[loc + (i,)] = item.start_mark.line + 1
            items.append(_build(item, loc + (i,), doc, errors))
        return items
    if node.tag == _TIMESTAMP:
        return node.value
    constructor = _constructor.yaml_constructors.get(node.tag)
    if constructor is None:
        return node.value
    return constructor(_constructor, node)
