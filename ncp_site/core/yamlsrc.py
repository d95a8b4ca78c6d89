"""YAML with line numbers: every value keeps the line it was written on.

Built on libyaml's C parser (several times faster than the pure-Python one) where available.
Timestamps are kept as the text the author wrote, so that dates are validated by our models
(``2022-02-30`` must be reported with its line, not crash the parser).

Input is bounded (``limits``): a file's size, its nesting, and the values it gains through aliases
are checked while it is built, so a 12-line "billion laughs" file is a located error, not
gigabytes of memory.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataWarning, display_path
from .limits import MAX_ALIAS_VALUES, MAX_FILE_BYTES, MAX_NESTING, MAX_NUMBER_DIGITS, NOT_TEXT, character_problem
from .messages import Message, _

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_constructor = yaml.constructor.SafeConstructor()
_resolver = yaml.resolver.Resolver()  # the implicit types of YAML 1.1, as the safe loaders resolve them
_STR = "tag:yaml.org,2002:str"
_MAY_BE_TYPED = frozenset(key for key in _resolver.yaml_implicit_resolvers if key)
"""First characters of a plain scalar that may be a number, a boolean, null...: any other is text."""
# The characters YAML forbids (YAML 1.1, section 5.1), as libyaml and PyYAML check them, and the three line
# breaks YAML knows but editors do not show (NEL, LS, PS): every line number after them would be the parser's,
# past the editor's. Written as the escapes \L and \P they are text (\N is a control character, limits.NOT_TEXT).
_FORBIDDEN = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_SHOWN_FORBIDDEN = 10
_YAML_TAG = "tag:yaml.org,2002:"
_TAG_WORDS = {"int": _("a whole number"), "float": _("a number"), "bool": _("true or false"), "null": _("empty"),
              "binary": _("base64 data"), "str": _("text")}
_NUMBER_TAGS = (_YAML_TAG + "int", _YAML_TAG + "float")
_COLLECTION_TAGS = (_YAML_TAG + "map", _YAML_TAG + "seq")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


@dataclass
class YamlDoc:
    """A parsed YAML file: plain Python data plus the line of every key and list item."""

    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    meta: Any = None  # translation_meta.TranslationMeta, filled when the project reads its sources
    text: str = ""
    written: dict[tuple, str] = field(default_factory=dict)
    """What was written where YAML read a plain value as a number or true/false (``no``, ``0070``): a text
    field given one is explained with the words as written (``validation``)."""
    warnings: list[DataError] = field(default_factory=list)
    """Publishable, but probably not what was meant (a text cut at `` #``)."""

    def line(self, loc: tuple = ()) -> int:
        """Line of the deepest known prefix of ``loc`` (a key path such as ``('dates', 'submission')``)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def error(self, loc: tuple, problem: Message, fix: Message, lang: str | None = None) -> DataError:
        return DataError(self.path, self.line(loc), field_name(loc), problem, fix, lang)


class KeptDoc(YamlDoc):
    """A parsed file from ``ncp``'s cache (``core.cache``): its values and lines are unpickled when first read.

    Most runs need neither for a file whose every check comes from the cache, and unpickling them all was
    a fifth of a warm ``ncp check`` at 1,000 cases and 5,000 events. The text is the file's bytes decoded;
    the translation metadata and the warnings, small and read by every run, are kept apart and given here at once."""

    def __init__(self, path: str, snapshot: bytes, raw: bytes, meta: Any, warnings: list | None = None):
        self.path, self.meta, self.warnings = path, meta, list(warnings or [])
        self._snapshot, self._raw = snapshot, raw
        self._doc: tuple[Any, dict, dict] | None = None

    @staticmethod
    def snapshot(doc: YamlDoc) -> bytes:
        """What is kept of ``doc``: its values, lines and values as written (the text is its bytes, the metadata
        and warnings kept apart)."""
        return pickle.dumps((doc.data, doc.lines, doc.written), protocol=pickle.HIGHEST_PROTOCOL)

    def _values(self) -> tuple[Any, dict, dict]:
        if self._doc is None:
            self._doc = pickle.loads(self._snapshot)
        return self._doc

    data = property(lambda self: self._values()[0], lambda self, value: self._set(0, value))
    lines = property(lambda self: self._values()[1], lambda self, value: self._set(1, value))
    written = property(lambda self: self._values()[2], lambda self, value: self._set(2, value))
    text = property(lambda self: self._raw.decode("utf-8-sig"), lambda self, value: setattr(self, "_raw", value.encode()))

    def _set(self, index: int, value: Any) -> None:
        data, lines, written = self._values()
        self._doc = (value, lines, written) if index == 0 else (data, value, written) if index == 1 else (data, lines, value)


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
            return None, [DataError(shown, 1, what, _("is {size} MB, more than the {limit} MB a source file may have",
                                                      size=f"{size / 2**20:.1f}", limit=MAX_FILE_BYTES // 2**20),
                                    _("split it into smaller files, or publish long texts as documents and link them"))]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [DataError(shown, 1, what, _("does not exist"),
                                _("create it (see guide/data.md) or restore it from git"))]
    except OSError as exc:
        return None, [DataError(shown, 1, what, _("cannot be read ({reason})", reason=exc.strerror or str(exc)),
                                _("check that the file is readable (its permissions, the disk)"))]


def parse_bytes(raw: bytes, shown: str, languages: tuple[str, ...] = ()) -> tuple[YamlDoc | None, list[DataError]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [DataError(shown, line, "(file)", _("is not valid UTF-8 ({reason})", reason=exc.reason),
                                _("save the file with UTF-8 encoding"))]
    return parse_yaml(text, shown, languages)


def parse_yaml(text: str, shown: str, languages: tuple[str, ...] = ()) -> tuple[YamlDoc | None, list[DataError]]:
    """The document, or None and why it cannot be read; ``languages``: the site's, which name a text's language
    in the warnings found while reading (``title (en)`` rather than ``title.en``)."""
    forbidden = forbidden_characters(text, shown)
    if forbidden:
        return None, forbidden
    doc = YamlDoc(shown, None, text=text)
    builder = _Builder(text, doc, languages)
    try:
        doc.data = builder.document()
    except _Refused as refused:
        return None, [refused.error]
    except yaml.MarkedYAMLError as exc:
        return None, [DataError(shown, *syntax_advice(text, exc))]
    except yaml.YAMLError as exc:
        return None, [DataError(shown, 1, "(yaml)", _("invalid YAML: {details}", details=one_line(str(exc))),
                                _("fix the YAML syntax"))]
    doc.lines.update(builder.lines)
    return doc, builder.errors


def syntax_advice(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str, Message, Message]:
    """``(line, field, problem, fix)`` for what the parser could not read, in the Secretariat's words where the
    mistake is a known trap (a colon or a tab inside a text, a text starting with a quote or a sign YAML
    reserves, a line out of alignment), else the parser's own words."""
    start, found = exc.context_mark, exc.problem_mark
    lines = text.splitlines() or [""]

    def at(mark) -> str:
        return lines[mark.line] if mark is not None and mark.line < len(lines) else ""

    def quoted(line: str) -> str:
        """The line with its value in double quotes: what to write instead."""
        key, colon, value = line.strip().partition(": ")
        value = value if colon else key
        fixed = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        example = f"{key}: {fixed}" if colon else fixed
        return example if len(example) <= 70 else example[:66] + '..."'

    problem, context = exc.problem or "", exc.context or ""
    last = len(lines)  # at the end of a file with no final line break, libyaml counts one line more
    found_line = min(found.line + 1, last) if found else 1
    start_line = min(start.line + 1, last) if start else found_line
    char = at(found)[found.column:found.column + 1] if found else ""
    value = at(start).partition(": ")[2].lstrip()[:1] if start else ""
    if "tab character" in problem or char == "\t":
        return (found_line, "(yaml)", _("a tab is used to indent this line"),
                _("indent with spaces only: delete the tab and type spaces (YAML cannot read tabs)"))
    if problem.startswith("mapping values are not allowed") and found:
        before = at(found)[:found.column]
        if ": " in before or before.rstrip().endswith(":") and before.strip().startswith("- "):
            return (found_line, "(yaml)", _("a colon followed by a space inside a text"),
                    _with_example(quoted(at(found))))
        return (found_line, "(yaml)", _("this line is indented more than the key above it"),
                _("give the keys of one level the same number of spaces"))
    if "quoted scalar" in context and "end of stream" in problem:
        return (start_line, "(yaml)", _("a quote opened on this line is never closed"),
                _("close the quote at the end of the text, or write the text without it"))
    if "block mapping" in context and "expected key" in problem and found and start and found.line == start.line:
        if value in "\"'":
            return (found_line, "(yaml)", _("the text starts with a quote, so it ends at the next quote and "
                                            "the rest of the line cannot follow"),
                    _("put the whole text in double quotes and write the quotes inside it as «» or \\\""))
        if value in "[{":
            return (found_line, "(yaml)", _("a text starting with {sign} is read as a list or a mapping", sign=value),
                    _with_example(quoted(at(start))))
    if "block mapping" in context and "expected key" in problem or "expected <block end>" in problem:
        return (found_line, "(yaml)", _("this line is not aligned with the lines of its level (from line {line})",
                                        line=start_line),
                _("give the keys of one level the same number of spaces, and start each list item '- ' under "
                  "its key"))
    if ("alias" in context or "anchor" in context) and start:
        return (start_line, "(yaml)", _("a text starting with {sign} is read as a YAML alias or anchor",
                                        sign=value or "*"), _with_example(quoted(at(start))))
    if "cannot start any token" in problem and char:
        return (found_line, "(yaml)", _("a text cannot start with {sign} in YAML", sign=char),
                _with_example(quoted(at(found))))
    if "block scalar" in context and start:
        return (start_line, "(yaml)", _("a text starting with {sign} is read as a block of lines", sign=value or "|"),
                _with_example(quoted(at(start))))
    if "mapping keys are not allowed" in problem:
        return (found_line, "(yaml)", _("a text starting with '? ' is read as a key"), _with_example(quoted(at(found))))
    if "simple key" in context and "expected ':'" in problem:
        return (start_line, "(yaml)", _("this line is neither 'key: value' nor a list item '- '"),
                _("write 'key: value'; a text continued on the next line is indented further than its key, or quoted"))
    details = " ".join(str(p) for p in (context, problem) if p)
    if start and found and found.line != start.line:
        details = str(_("{details} (noticed on line {line})", details=details, line=found_line))
    return (start_line, "(yaml)", _("invalid YAML: {details}", details=one_line(details)),
            _("check indentation, colons and quotes on this line and the one before"))


def _with_example(example: str) -> Message:
    return _("put the whole text in double quotes, e.g. {example}", example=example)


def _digits(number: str) -> int:
    """The digits of a written number (``0x`` and a sign are not; a hexadecimal digit is)."""
    return sum(c.isalnum() for c in re.sub(r"^[-+]?0[xob]", "", number.strip()))


def _shown_tag(tag: str) -> str:
    return f"'{tag}'" if len(tag) <= 40 else f"'{tag[:37]}...'"


def one_line(text: str) -> str:
    return " ".join(text.split())


def forbidden_characters(text: str, shown: str, what: str = "(yaml)", forbidden: re.Pattern = _FORBIDDEN) -> list[DataError]:
    """A located error for each line holding a character YAML forbids (NUL, other control characters), or
    with ``forbidden=limits.NOT_TEXT`` one that no text may hold (a page's)."""
    errors, lines = [], set()
    for match in forbidden.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line in lines:
            continue
        lines.add(line)
        if len(lines) > _SHOWN_FORBIDDEN:
            errors.append(DataError(shown, line, what, _("more lines hold characters that are not allowed"),
                                    _("this may not be a text file; save it again as UTF-8 text")))
            break
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        errors.append(DataError(shown, line, what, _("column {column} holds {character}, which is not allowed",
                                                     column=column, character=character_problem(match.group())),
                                _("delete it (most editors do not show it: retype the text around it)")))
    return errors


class _Refused(Exception):
    """A file the builder stops reading: nested too deep, an alias inside itself, too many aliased values."""

    def __init__(self, error: DataError):
        self.error = error


def _copy(value: Any) -> Any:
    """An aliased value is built once; each use gets its own copy (later steps may change the data)."""
    if type(value) is dict:
        return {key: _copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy(item) for item in value]
    return value


class _Builder:
    """Builds the data, the line of every key and item, and the bounds, in one pass over libyaml's events.

    Walking the parser's events (rather than composing a node graph and walking it again) is about
    three times faster on large data: ``ncp check`` spends most of its time here. An anchored value
    is built once and remembered with its size and lines; each alias adds a copy and its size to
    the file's budget, so an alias bomb stops at the line where it passes the limit.
    """

    def __init__(self, text: str, doc: YamlDoc, languages: tuple[str, ...] = ()):
        self.languages = languages
        self.events = yaml.parse(text, Loader=Loader)
        self.doc = doc
        self.text = text
        self.may_hide = "\\" in text or NOT_TEXT.search(text) is not None
        """Whether a value may hold a character no text may (written as an escape, or one YAML allows)."""
        self.errors: list[DataError] = []
        self.lines: list[tuple[tuple, int]] = []
        self.anchors: dict[str, tuple[Any, list[tuple[tuple, int]], int]] = {}
        self.open_anchors: set[str] = set()
        self.plain: dict[str, Any] = {}  # plain scalars resolve the same way each time they occur
        self.values = 0
        self.gained = 0
        self.depth = 0

    def refuse(self, line: int, problem: Message, fix: Message) -> _Refused:
        return _Refused(DataError(self.doc.path, line, "(yaml)", problem, fix))

    def document(self) -> Any:
        events = self.events
        next(events)  # the stream's start
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            return None
        started = event.start_mark
        event = next(events)
        self.doc.lines[()] = _line(event)
        data = self.value(event, (), True)
        next(events)  # the document's end
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(  # libyaml's marks (yaml._yaml.Mark) are marks too, not to the stubs:
                "expected a single document in the stream", started,  # type: ignore[arg-type]
                "but found another document", event.start_mark)  # type: ignore[arg-type]
        return data

    def value(self, event, loc: tuple, record: bool) -> Any:
        """The value that starts with ``event``; ``record``: keep its lines (not for keys or a repeated key)."""
        kind = type(event)
        self.values += 1
        if kind is yaml.ScalarEvent:
            value = self.scalar(event, loc, record)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, [], 1)
            return value
        if kind is yaml.AliasEvent:
            return self.alias(event, loc, record)
        if event.tag is not None and event.tag != "!" and event.tag not in _COLLECTION_TAGS:
            self.errors.append(self.tag_error(event, loc))
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.refuse(event.start_mark.line + 1, _("values are nested more than {limit} levels deep",
                                                           limit=MAX_NESTING),
                              _("nest lists and mappings less deeply (the data needs fewer than ten levels)"))
        anchor, first_line, first_value = event.anchor, len(self.lines), self.values
        if anchor is not None:
            self.open_anchors.add(anchor)
        value = self.mapping(loc, record) if kind is yaml.MappingStartEvent else self.sequence(loc, record)
        self.depth -= 1
        if anchor is not None:
            self.open_anchors.discard(anchor)
            inner = [(sub[len(loc):], line) for sub, line in self.lines[first_line:]]
            self.anchors[anchor] = (value, inner, self.values - first_value + 1)
        return value

    def scalar(self, event, loc: tuple, record: bool = False) -> Any:
        tag, text = event.tag, event.value
        if self.may_hide and (found := NOT_TEXT.search(text)):
            self.errors.append(self.character_error(event, loc, found.group()))
        if record and not event.style and _COMMENT_AFTER.match(self.text, event.end_mark.index):
            self.cut_by_comment(event, loc)
        if tag is None or tag == "!":
            if not event.implicit[0] or (text and text[0] not in _MAY_BE_TYPED):
                return text  # quoted, or plain text that no implicit type can start with
            if text in self.plain:
                value = self.plain[text]
            else:
                tag = _resolver.resolve(yaml.ScalarNode, text, event.implicit)
                self.plain[text] = value = self.construct(tag, text, event, loc)
            if record and value is not None and not isinstance(value, str):
                self.doc.written[loc] = text
            return value
        return self.construct(tag, text, event, loc)

    def cut_by_comment(self, event, loc: tuple) -> None:
        """A text of several words followed by `` #``: YAML took the rest of the line for a comment, which is
        right for ``status: closed  # since 2024`` and silently wrong for ``(ref. #2026-05)``."""
        text = event.value
        if " " not in text.strip() or event.start_mark.line != event.end_mark.line:
            return
        end = self.text.find("\n", event.end_mark.index)
        rest = self.text[event.end_mark.index:None if end < 0 else end].strip()
        lang = loc[-1] if loc and loc[-1] in self.languages else None
        self.doc.warnings.append(DataWarning(
            self.doc.path, event.end_mark.line + 1, field_name(loc[:-1] if lang else loc),
            _("the text ends before {rest}: YAML reads ' #' and what follows as a comment, so the text is {text}",
              rest=f"'{one_line(rest)[:40]}'", text=f"'{one_line(text)[:60]}'"),
            _("if the # belongs to the text, put the whole text in double quotes"), lang))

    def construct(self, tag: str, text: str, event, loc: tuple) -> Any:
        if tag == _STR or tag == _TIMESTAMP:
            return text
        constructor = _constructor.yaml_constructors.get(tag)
        line, written = event.start_mark.line + 1, f"'{one_line(text)[:40]}'" + ("..." if len(text) > 40 else "")
        if constructor is None and event.tag in (None, "!"):
            return text  # a plain ``<<`` or ``=`` (YAML's merge and value keys, which this data never uses): text
        if constructor is None:
            self.errors.append(self.tag_error(event, loc))
            return text
        if tag in _NUMBER_TAGS and (digits := _digits(text)) > MAX_NUMBER_DIGITS:
            self.errors.append(DataError(self.doc.path, line, field_name(loc),
                                         _("{value} is a number of {digits:,} digits, more than the {limit} a number "
                                           "in this data may have", value=written, digits=digits, limit=MAX_NUMBER_DIGITS),
                                         _("correct the number, or put the value in quotes if it is text")))
            return text
        try:
            return constructor(_constructor, yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style))
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            what = _TAG_WORDS.get(tag.removeprefix(_YAML_TAG), tag.replace(_YAML_TAG, "!!"))
            self.errors.append(DataError(self.doc.path, line, field_name(loc),
                                         _("{value} cannot be read as {what}", value=written, what=what),
                                         _("correct the value, or put it in quotes to keep it as text")))
            return text

    def tag_error(self, event, loc: tuple) -> DataError:
        """A tag the data never uses (``!foo``, ``!!python/object``): the value would be read as something it is not."""
        tag = event.tag if not event.tag.startswith(_YAML_TAG) else "!!" + event.tag[len(_YAML_TAG):]
        return DataError(self.doc.path, event.start_mark.line + 1, field_name(loc),
                         _("the YAML tag {tag} is not used in this data", tag=_shown_tag(tag)),
                         _("remove {tag} before the value (write the value alone)", tag=_shown_tag(tag)))

    def character_error(self, event, loc: tuple, char: str) -> DataError:
        """Where a character no text may hold is written: its line and column, the escape that wrote it."""
        at, written = self.written_at(event, char)
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        if written:
            return DataError(self.doc.path, line, field_name(loc),
                             _("column {column} holds {character} (written {escape}), which no text may hold",
                               column=column, character=character_problem(char), escape=written),
                             _("delete it: remove {escape} from the value", escape=written))
        return DataError(self.doc.path, line, field_name(loc),
                         _("column {column} holds {character}, which no text may hold",
                           column=column, character=character_problem(char)),
                         _("delete it (most editors do not show it: retype the text around it)"))

    def written_at(self, event, char: str) -> tuple[int, str | None]:
        """The offset in the file where ``char`` of a scalar is written, and the escape that wrote it (or None)."""
        start, end = event.start_mark.index, event.end_mark.index
        if event.style == '"':
            for match in _ESCAPE.finditer(self.text, start, end):
                code = match.group(1)
                decoded = chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPES.get(code, code)
                if decoded == char:
                    return match.start(), match.group()
        found = self.text.find(char, start, end)
        return (found, None) if found >= 0 else (start, None)

    def mapping(self, loc: tuple, record: bool) -> dict:
        out: dict = {}
        first_line: dict = {}
        events = self.events
        while True:
            event = next(events)
            if type(event) is yaml.MappingEndEvent:
                return out
            line = _line(event)
            key = self.value(event, loc, False)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = str(key)
            here = loc + (key,)
            if key in out:
                if record:
                    self.errors.append(DataError(self.doc.path, line, field_name(here),
                                                 _("is written twice (first on line {line})", line=first_line[key]),
                                                 _("keep one of the two entries")))
                self.value(next(events), here, False)
                continue
            first_line[key] = line
            if record:
                self.lines.append((here, line))
            out[key] = self.value(next(events), here, record)

    def sequence(self, loc: tuple, record: bool) -> list:
        items: list = []
        events = self.events
        while True:
            event = next(events)
            if type(event) is yaml.SequenceEndEvent:
                return items
            here = loc + (len(items),)
            if record:
                self.lines.append((here, _line(event)))
            items.append(self.value(event, here, record))

    def alias(self, event, loc: tuple, record: bool) -> Any:
        line = event.start_mark.line + 1
        if event.anchor in self.open_anchors:
            raise self.refuse(line, _("an alias (*) stands for the value that contains it"),
                              _("refer with * only to an anchor (&) whose value does not contain the alias"))
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias '{event.anchor}'", event.start_mark)
        value, inner, size = self.anchors[event.anchor]
        self.gained += size
        self.values += size - 1  # value() counted the alias once: an anchor holding this alias holds its copy
        if self.gained > MAX_ALIAS_VALUES:
            raise self.refuse(line, _("the file expands to more than {limit:,} values through YAML aliases (&/*) by "
                                      "this line, where {alias} repeats {size:,} values",
                                      limit=MAX_ALIAS_VALUES, alias=f"*{event.anchor}", size=size),
                              _("write the repeated values out, or use fewer aliases"))
        if record:
            self.lines.extend((loc + sub, number) for sub, number in inner)
        return _copy(value)


def _line(event: yaml.Event) -> int:
    """The line an event starts on (libyaml marks every event it makes)."""
    return event.start_mark.line + 1 if event.start_mark is not None else 1
