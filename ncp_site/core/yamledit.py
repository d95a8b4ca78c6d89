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


def _node_at(root: yaml.Node | None, loc: tuple) -> yaml.Node | None:
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


def node_at(root: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    """The node written at ``loc`` (keys and list indexes), or None."""
    return _node_at(root, loc)


def compose(text: str) -> yaml.Node | None:
    """The text's node tree (None for a text with no document)."""
    return yaml.compose(text, Loader=Loader)


def scalar_edit(text: str, root: yaml.Node | None, loc: tuple, value: str, verbatim: bool = False) -> Edit:
    """Replace the scalar at ``loc`` by ``value``, in the style it was written in where possible.

    ``verbatim`` writes the value unquoted whatever it reads as (a date, say).
    """
    node = _node_at(root, loc)
    if not isinstance(node, yaml.ScalarNode):
        raise KeyError(f"no single value at {loc}")
    start, end = node.start_mark.index, node.end_mark.index
    while text.startswith(("&", "!"), start):  # an anchor (&name) or a tag stays as it was
        start = text.index(" ", start, end) + 1 if " " in text[start:end] else end
        while text.startswith(" ", start):
            start += 1
    style = node.style or ""
    if style in ("|", ">"):
        return Edit(start, end, _block(text[start:end], node.start_mark.column, value, style))
    if style == "'":
        return Edit(start, end, "'" + value.replace("'", "''") + "'")
    if style == "" and (verbatim or _plain_is_safe(value, flow=_in_flow(root, loc))):
        return Edit(start, end, value)
    return Edit(start, end, double_quoted(value))


def insert_after(text: str, root: yaml.Node | None, sibling_loc: tuple, key: str, value: str,
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
    try:  # read back where it may be written: on one line, before a comma or a closing bracket (``:0``, ``0?``)
        if flow:
            return (yaml.load(f"{{k: {value}, z: 0}}\n", Loader=Loader) == {"k": value, "z": 0}
                    and yaml.load(f"[0, {value}]\n", Loader=Loader) == [0, value])
        return yaml.load(f"k: {value}\n", Loader=Loader) == {"k": value}
    except yaml.YAMLError:
        return False


def _in_flow(root: yaml.Node | None, loc: tuple) -> bool:
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



# --- adding and removing list items and keys (a glossary row added or deleted) ---------------------

def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _content_end(text: str, node: yaml.Node) -> int:
    """The end of the last line that holds ``node``'s content (a block node's end mark may be on the next line)."""
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \n\t":
        end -= 1
    line_end = text.find("\n", end)
    return len(text) if line_end < 0 else line_end


def item_lines(value, indent: int) -> list[str]:
    """A list item written as block YAML lines (``- text``, or ``- key: value`` lines for a mapping)."""
    pad = " " * indent
    if isinstance(value, dict):
        lines: list[str] = []
        for i, (key, sub) in enumerate(value.items()):
            lead = pad + ("- " if i == 0 else "  ")
            if isinstance(sub, dict):
                lines.append(f"{lead}{key}:")
                lines += [f"{pad}    {k}: {_scalar(v)}" for k, v in sub.items()]
            else:
                lines.append(f"{lead}{key}: {_scalar(sub)}")
        return lines
    return [f"{pad}- {_scalar(value)}"]


def _scalar(value: str) -> str:
    return value if _plain_is_safe(value, flow=False) else double_quoted(value)


def append_items(text: str, root: yaml.Node | None, loc: tuple, values: list) -> Edit:
    """``values`` (texts, or mappings of texts) added at the end of the list at ``loc``, in its style."""
    node = _node_at(root, loc)
    if not isinstance(node, yaml.SequenceNode):
        raise KeyError(f"no list at {loc}")
    if node.flow_style or not node.value:
        if any(isinstance(value, dict) for value in values):
            raise KeyError(f"the list at {loc} is written on one line")
        close = node.end_mark.index - 1
        shown = [v if _plain_is_safe(v, flow=True) else double_quoted(v) for v in values]
        return Edit(close, close, (", " if node.value else "") + ", ".join(shown))
    last = node.value[-1]
    dash = last.start_mark.column - 2
    at = _content_end(text, last)
    return Edit(at, at, "".join("\n" + "\n".join(item_lines(value, dash)) for value in values))


def insert_key_before(text: str, root: yaml.Node | None, mapping_loc: tuple, before: str, key: str, value) -> Edit:
    """A new ``key:`` with a one-item list (or a text) on the line before the key ``before`` of a block mapping."""
    mapping = _node_at(root, mapping_loc)
    if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
        raise KeyError(f"{mapping_loc} is not a block mapping")
    pair = next(((k, v) for k, v in mapping.value if k.value == before), None)
    if pair is None:
        raise KeyError(f"no key {before} at {mapping_loc}")
    column = pair[0].start_mark.column
    at = _line_start(text, pair[0].start_mark.index)
    if isinstance(value, (dict, list)):
        items = value if isinstance(value, list) else [value]
        lines = [" " * column + f"{key}:"] + [line for item in items for line in item_lines(item, column + 2)]
    else:
        lines = [" " * column + f"{key}: {_scalar(value)}"]
    return Edit(at, at, "\n".join(lines) + "\n")


def delete_item(text: str, root: yaml.Node | None, loc: tuple) -> Edit:
    """The list item at ``loc`` removed (an emptied list is written ``[]``)."""
    node = _node_at(root, loc[:-1])
    if not isinstance(node, yaml.SequenceNode) or not isinstance(loc[-1], int) or not 0 <= loc[-1] < len(node.value):
        raise KeyError(f"no list item at {loc}")
    if node.flow_style:
        rest = [item.value for i, item in enumerate(node.value) if i != loc[-1]]
        if not all(isinstance(item, str) for item in rest):
            raise KeyError(f"the list at {loc[:-1]} holds more than texts")
        shown = [v if _plain_is_safe(v, flow=True) else double_quoted(v) for v in rest]
        return Edit(node.start_mark.index, node.end_mark.index, "[" + ", ".join(shown) + "]")
    item = node.value[loc[-1]]
    if len(node.value) == 1:
        key_end = text.rfind(":", 0, item.start_mark.index) + 1
        return Edit(key_end, _content_end(text, item), " []")
    start = _line_start(text, item.start_mark.index)
    end = _content_end(text, item)
    return Edit(start, min(end + 1, len(text)), "")


def delete_key(text: str, root: yaml.Node | None, loc: tuple) -> Edit:
    """The one-line ``key: value`` at ``loc`` removed from its block mapping."""
    mapping = _node_at(root, loc[:-1])
    if not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
        raise KeyError(f"{loc[:-1]} is not a block mapping")
    pair = next(((k, v) for k, v in mapping.value if k.value == str(loc[-1])), None)
    if pair is None or not isinstance(pair[1], yaml.ScalarNode) or pair[1].start_mark.line != pair[0].start_mark.line:
        raise KeyError(f"no one-line value at {loc}")
    start = _line_start(text, pair[0].start_mark.index)
    end = _content_end(text, pair[1])
    return Edit(start, min(end + 1, len(text)), "")
