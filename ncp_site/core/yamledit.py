"""Surgical edits of a YAML file's text: change one value and keep every other byte.

Tools that write data back (``ncp glossary import``) must not reformat the file, reorder keys or
drop the comments the secretariat wrote: re-dumping the YAML would do all three. Here an edit
replaces only the characters of one scalar (located by the parser's marks, on the line the
``YamlDoc`` reports for it), or inserts one ``key: value`` line next to a sibling key. The result
is checked by parsing it again before anyone writes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from .yamlsrc import Loader


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def _node_at(root: yaml.Node, loc: tuple) -> yaml.Node | None:
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
        if node is None:
            return None
    return node


def node_at(root: yaml.Node, loc: tuple) -> yaml.Node | None:
    """The node written at ``loc`` (keys and list indexes), or None."""
    return _node_at(root, loc)


def compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=Loader)


def scalar_edit(text: str, root: yaml.Node, loc: tuple, value: str, verbatim: bool = False) -> Edit:
    """Replace the scalar at ``loc`` by ``value``, in the style it was written in where possible.

    ``verbatim`` writes the value unquoted whatever it reads as (a date, say).
    """
    node = _node_at(root, loc)
    if not isinstance(node, yaml.ScalarNode):
        raise KeyError(f"no single value at {loc}")
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    if style in ("|", ">"):
        return Edit(start, end, _block(text[start:end], node.start_mark.column, value, style))
    if style == "'":
        return Edit(start, end, "'" + value.replace("'", "''") + "'")
    if style == "" and (verbatim or _plain_is_safe(value, flow=_in_flow(root, loc))):
        return Edit(start, end, value)
    return Edit(start, end, double_quoted(value))


def insert_after(text: str, root: yaml.Node, sibling_loc: tuple, key: str, value: str,
                 verbatim: bool = False) -> Edit:
    """A new ``key: value`` line right after the line of the key at ``sibling_loc`` (same indentation)."""
    mapping = _node_at(root, sibling_loc[:-1])
    if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
        raise KeyError(f"{sibling_loc[:-1]} is not a block mapping")
    pair = next(((k, v) for k, v in mapping.value if k.value == str(sibling_loc[-1])), None)
    if pair is None:
        raise KeyError(f"no key at {sibling_loc}")
    key_node, value_node = pair
    if not isinstance(value_node, yaml.ScalarNode) or value_node.start_mark.line != value_node.end_mark.line:
        raise KeyError(f"the value at {sibling_loc} is not on one line")
    line_end = text.find("\n", value_node.end_mark.index)
    if line_end < 0:
        line_end = len(text)
    shown = value if verbatim or _plain_is_safe(value, flow=False) else double_quoted(value)
    return Edit(line_end, line_end, "\n" + " " * key_node.start_mark.column + f"{key}: {shown}")


def apply(text: str, edits: list[Edit]) -> str:
    """Apply edits computed on the same original text (from the end, so that offsets stay valid)."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _plain_is_safe(value: str, flow: bool) -> bool:
    """Whether ``value`` written without quotes reads back as the same text."""
    if not value or value != value.strip() or "\n" in value or " #" in value or ": " in value or value.endswith(":"):
        return False
    if flow and any(c in value for c in ",[]{}"):
        return False
    try:
        return yaml.load(f"k: {value}\n", Loader=Loader) == {"k": value}
    except yaml.YAMLError:
        return False


def _in_flow(root: yaml.Node, loc: tuple) -> bool:
    return any(getattr(_node_at(root, loc[:depth]), "flow_style", False) for depth in range(len(loc)))


def _block(original: str, column: int, value: str, style: str) -> str:
    """A block scalar keeping its header (``|``, ``>-`` ...) and the indentation of its content."""
    header, _, body = original.partition("\n")
    content_lines = [line for line in body.split("\n") if line.strip()]
    indent = (len(content_lines[0]) - len(content_lines[0].lstrip())) if content_lines else column + 2
    if style == ">" and "\n" in value.strip():
        header = "|" + header.lstrip(">")  # keep the line breaks the new text has
    trailing = body[len(body.rstrip("\n")):] if body.strip() else "\n"
    lines = [(" " * indent + line) if line else "" for line in value.strip("\n").split("\n")]
    return header + "\n" + "\n".join(lines) + trailing


def value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        data = data[part]
    return data

