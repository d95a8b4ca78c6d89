"""YAML with line numbers: every value keeps the line it was written on.

Built on libyaml's C parser (several times faster than the pure-Python one) where available.
Timestamps are kept as the text the author wrote, so that dates are validated by our models
(``2022-02-30`` must be reported with its line, not crash the parser).

Input is bounded (``limits``): a file's size, its nesting, and the values it gains through aliases
are checked before any value is built, so a 12-line "billion laughs" file is a located error, not
gigabytes of memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, display_path
from .limits import MAX_ALIAS_VALUES, MAX_FILE_BYTES, MAX_NESTING

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_constructor = yaml.constructor.SafeConstructor()
# The characters YAML forbids (YAML 1.1, section 5.1), as libyaml and PyYAML check them.
_FORBIDDEN = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_SHOWN_FORBIDDEN = 10


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
    """``('statements', 0, 'date')`` -> ``statements[0].date`` (a key pasted by mistake is shortened)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = str(part)
            out += ("." if out else "") + (key if len(key) <= 60 else key[:57] + "...")
    return out or "(file)"


def load_yaml(path: Path, root: Path | None = None) -> tuple[YamlDoc | None, list[DataError]]:
    """Read and parse one file: the document, or None and the errors that prevented reading it."""
    shown = display_path(path, root)
    raw, errors = read_bounded(Path(path), shown)
    if raw is None:
        return None, errors
    return parse_bytes(raw, shown)


def read_bounded(path: Path, shown: str, what: str = "(file)") -> tuple[bytes | None, list[DataError]]:
    """A source file's bytes, or None and why: it is missing, unreadable or over ``MAX_FILE_BYTES``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [DataError(shown, 1, what, f"is {size / 2**20:.1f} MB, more than the "
                                    f"{MAX_FILE_BYTES // 2**20} MB a source file may have",
                                    "split it into smaller files, or publish long texts as documents and link them")]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [DataError(shown, 1, what, "does not exist",
                                "create it (see the README's data section) or restore it from git")]
    except OSError as exc:
        return None, [DataError(shown, 1, what, f"cannot be read ({exc.strerror or exc})",
                                "check that the file is readable (its permissions, the disk)")]


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
    forbidden = forbidden_characters(text, shown)
    if forbidden:
        return None, forbidden
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        start, found = exc.context_mark, exc.problem_mark
        line = (start or found).line + 1 if (start or found) else 1
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if start and found and found.line != start.line:
            problem += f" (noticed on line {found.line + 1})"
        return None, [DataError(shown, line, "(yaml)", f"invalid YAML: {one_line(problem)}",
                                "check indentation, colons and quotes on this line and the one before")]
    except yaml.YAMLError as exc:
        return None, [DataError(shown, 1, "(yaml)", f"invalid YAML: {one_line(str(exc))}", "fix the YAML syntax")]
    doc = YamlDoc(shown, None, text=text)
    if node is None:
        return doc, []
    bounds = _bounds_error(node, shown)
    if bounds is not None:
        return None, [bounds]
    errors: list[DataError] = []
    doc.lines[()] = node.start_mark.line + 1
    doc.data = _build(node, (), doc, errors)
    return doc, errors


def one_line(text: str) -> str:
    return " ".join(text.split())


def forbidden_characters(text: str, shown: str, what: str = "(yaml)") -> list[DataError]:
    """A located error for each line holding a character YAML forbids (NUL, other control characters)."""
    errors, lines = [], set()
    for match in _FORBIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in lines:
            continue
        lines.add(line)
        if len(lines) > _SHOWN_FORBIDDEN:
            errors.append(DataError(shown, line, what, "more lines hold characters that are not allowed",
                                    "this may not be a text file; save it again as UTF-8 text"))
            break
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        errors.append(DataError(shown, line, what, f"column {column} holds the control character "
                                f"U+{ord(match.group()):04X}, which is not allowed",
                                "delete it (most editors do not show it: retype the text around it)"))
    return errors


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value


def _bounds_error(root: yaml.Node, shown: str) -> DataError | None:
    """Why the composed file may not be built: nesting too deep, an alias inside itself, or more than
    ``MAX_ALIAS_VALUES`` values gained through aliases. An aliased node is one object in the graph and
    its size is counted once, so this takes time in the file's size, not in the expansion's."""
    if isinstance(root, yaml.ScalarNode):
        return None
    size: dict[int, int] = {}  # values of each list or mapping, aliases expanded
    height: dict[int, int] = {}
    written = 1  # values as written: an alias counts as one
    opened: set[int] = set()
    stack = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key in size:
            stack.pop()
            continue
        children = _children(node)
        if key not in opened:
            opened.add(key)
            written += len(children)
            todo = [c for c in children if not isinstance(c, yaml.ScalarNode) and id(c) not in size]
            looped = next((c for c in todo if id(c) in opened), None)
            if looped is not None:
                return DataError(shown, looped.start_mark.line + 1, "(yaml)",
                                 "an alias (*) stands for the value that contains it",
                                 "refer with * only to an anchor (&) whose value does not contain the alias")
            if todo:
                stack.extend(todo)
                continue
        stack.pop()
        total, deepest = 1, 1
        for child in children:
            if isinstance(child, yaml.ScalarNode):
                total += 1
            else:
                total += size[id(child)]
                deepest = max(deepest, height[id(child)])
        size[key], height[key] = total, deepest + 1
        if deepest + 1 > MAX_NESTING:
            return DataError(shown, node.start_mark.line + 1, "(yaml)",
                             f"values are nested more than {MAX_NESTING} levels deep",
                             "nest lists and mappings less deeply (the data needs fewer than ten levels)")
    if size[id(root)] - written <= MAX_ALIAS_VALUES:
        return None
    return _alias_error(root, size, shown)


def _alias_error(root: yaml.Node, size: dict[int, int], shown: str) -> DataError:
    """The file gains too many values through aliases: name the anchor whose repetitions add the most."""
    uses: dict[int, int] = {}
    nodes = {id(root): root}
    queue = [root]
    while queue:
        node = queue.pop()
        for child in _children(node):
            if isinstance(child, yaml.ScalarNode):
                continue
            uses[id(child)] = uses.get(id(child), 0) + 1
            if id(child) not in nodes:
                nodes[id(child)] = child
                queue.append(child)
    blamed = max((nodes[k] for k, n in uses.items() if n > 1),
                 key=lambda n: (size[id(n)] * (uses[id(n)] - 1), -n.start_mark.line))
    return DataError(shown, blamed.start_mark.line + 1, "(yaml)",
                     f"the file expands to more than {MAX_ALIAS_VALUES:,} values through YAML aliases (&/*): "
                     f"the anchor on this line ({size[id(blamed)]:,} values) is repeated {uses[id(blamed)] - 1:,} times",
                     "write the repeated values out, or use fewer aliases")


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
    try:
        return constructor(_constructor, node)
    except (ValueError, KeyError, TypeError, yaml.YAMLError):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        errors.append(DataError(doc.path, node.start_mark.line + 1, field_name(loc),
                                f"'{one_line(node.value)[:40]}' cannot be read as {tag}",
                                "correct the value, or put it in quotes to keep it as text"))
        return node.value
