"""Hypothesis strategies for broken data files: random documents, mutated records, mutated YAML text.

What the secretariat (or a spreadsheet, an editor, a copy from a PDF) may produce: wrong shapes,
invisible and right-to-left characters, huge values, deep nesting, stray YAML tokens, tags,
anchors and aliases, bytes that are not UTF-8.
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import strategies as st

INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0",  # zero-width, soft hyphen
             "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # direction marks and overrides
             "\u2066", "\u2067", "\u2068", "\u2069", "\u061c",
             "\u2028", "\u2029", "\x85", "\t", "\r", "\x00", "\x07", "\x1b", "\x7f", "\ud800", "\udfff",
             "\ufffe", "\uffff", "\U0001f600", "қ", "ә", "ң", "ё", "\u0301", "ا")

DAYS = ("9999-12-31", "0001-01-01", "0000-01-01", "2022-02-30", "2022-13-01", "1989-12-31", "2101-01-01",
        "2100-12-31", "1990-01-01", "2022-09-08 25:00", "2022-09-08 10:00", "2023-08", "2022-09-08T10:00:00+05:00",
        "2022-9-8", "20220908")
NUMBERS = ("1e400", "-0", "0x1F", "0o17", "1_000", ".inf", "-.inf", ".nan", "99999999999999999999999",
           "10-50", "<10", "50+", "-5", "5--1")

MARKER = Path(tempfile.gettempdir()) / f"ncp-fuzz-evaluated-{os.getpid()}"
"""The file a planted template creates if anything renders data text as a template (it must never exist)."""
TEMPLATES = ("{{ 7*7 }}", "{% if true %}yes{% endif %}", "{# comment #}", "{{ config.site_name }}", "{% raw %}",
             "{{ term('x') }}", "{%- set x = 1 -%}", "{{", "}}", "{%", "#}",
             f"{{{{ cycler.__init__.__globals__.os.popen('touch {MARKER}').read() }}}}",
             f"{{% for c in [].__class__.__base__.__subclasses__() %}}{{{{ c.__init__.__globals__.os.popen('touch "
             f"{MARKER}') if 'os' in c.__init__.__globals__ }}}}{{% endfor %}}")
"""Template syntax (Jinja, as mkdocs-macros reads it): data text is never rendered as a template."""

TOKENS = ("&a ", "*a", "&a [*a, *a, *a]", "*nothing", ": ", "- ", "-", "[", "]", "{", "}", ", ", "? ", ":",
          "!!python/object/apply:os.system ['true'] ", "!!binary ", "!!int ", "!!float ", "!!bool ", "!!str ",
          "!!timestamp ", "!!set ", "!!omap ", "!!map ", "!!seq ", "!!null ", "!custom ", "!<tag:x> ",
          "%YAML 1.1\n---\n", "%TAG ! tag:x:\n---\n", "---\n", "...\n", "|\n", ">-\n", "|+\n", "\t", "  ", "\n",
          "#", "'", '"', "\\", "<<: *a\n", "<<: {a: 1}\n", '"\\ud800"', '"\\0"', '"\\x1b"', '"\\U0010FFFF"',
          "~", "null", "true", "yes", "on", "=1+1", *DAYS, *NUMBERS, *INVISIBLE, *TEMPLATES)

BILLION_LAUGHS = ('lol0: &l0 [x, x, x, x, x, x, x, x, x]\n'
                  + "".join(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9)))


def text() -> st.SearchStrategy[str]:
    return st.text(st.characters() | st.sampled_from(INVISIBLE), max_size=20)


def huge() -> st.SearchStrategy[str]:
    return st.sampled_from([501, 50_001, 140_000]).map(lambda n: "я" * n)


def scalars(vocabulary: list[str]) -> st.SearchStrategy:
    return st.one_of(
        st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30), st.floats(), text(),
        st.sampled_from(DAYS + NUMBERS), st.dates(), st.sampled_from(vocabulary), huge(),
        st.tuples(st.sampled_from(vocabulary), text()).map("".join), templated(vocabulary),
    )


def templated(vocabulary: list[str]) -> st.SearchStrategy[str]:
    """A text of the data with template syntax in it (before, after or instead of it)."""
    return st.tuples(st.sampled_from(vocabulary) | st.just(""), st.sampled_from(TEMPLATES),
                     st.sampled_from(vocabulary) | st.just("")).map(" ".join)


def values(vocabulary: list[str]) -> st.SearchStrategy:
    """Any value a YAML file can hold, with keys and words taken from the real data."""
    keys = st.sampled_from(vocabulary) | text() | st.integers()
    return st.recursive(
        scalars(vocabulary),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=25)


def words(data) -> list[str]:
    """Every key and short text of a seed file: field names, codes, ids, language codes."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                found.add(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) < 40:
            found.add(value)

    walk(data)
    return sorted(found) or ["id"]


def dump(data) -> bytes:
    """The data as YAML: libyaml's writer (a tenth of an example's time with Python's), or Python's for a
    text libyaml cannot write (a lone surrogate, which Python's escapes)."""
    try:
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=120)
    except UnicodeEncodeError:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def random_documents(draw, vocabulary: list[str]) -> bytes:
    """A whole file of the wrong shape: any value, often a mapping keyed by the kind's own field names."""
    top = draw(st.one_of(values(vocabulary),
                         st.dictionaries(st.sampled_from(vocabulary), values(vocabulary), min_size=1, max_size=6)))
    return dump(top)


@st.composite
def mutated_records(draw, seed, vocabulary: list[str]) -> bytes:
    """The seed file's data with one to three values replaced, removed, added, wrapped or nested deep."""
    data = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, 3))):
        data = _mutate(draw, data, vocabulary)
    return dump(data)


def _mutate(draw, data, vocabulary):
    parents, node = [], data
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 9)) < 8:
        key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
        parents.append((node, key))
        node = node[key]
    action = draw(st.sampled_from(("replace", "replace", "delete", "add", "wrap", "nest", "repeat", "huge",
                                   "template")))
    if action == "replace":
        new = draw(values(vocabulary))
    elif action == "template":
        template = draw(st.sampled_from(TEMPLATES))  # joined, not str.format: the text may hold braces already
        new = template if not isinstance(node, str) else \
            draw(st.sampled_from((f"{node} {template}", f"{template} {node}", template)))
    elif action == "delete" and parents:
        parent, key = parents[-1]
        del parent[key]
        return data
    elif action == "add" and isinstance(node, dict):
        node[draw(st.sampled_from(vocabulary) | text())] = draw(values(vocabulary))
        return data
    elif action == "add" and isinstance(node, list):
        node.insert(draw(st.integers(0, len(node))), draw(values(vocabulary)))
        return data
    elif action == "wrap":
        new = draw(st.sampled_from(([node], {"kk": node, "ru": node, "en": node}, {draw(st.sampled_from(vocabulary)): node})))
    elif action == "nest":
        new = node
        for _ in range(draw(st.integers(1, 90))):
            new = [new]
    elif action == "repeat" and isinstance(node, list):
        new = node * draw(st.integers(2, 50))
    else:
        new = draw(huge())
    if not parents:
        return new
    parent, key = parents[-1]
    parent[key] = new
    return data


@st.composite
def mutated_texts(draw, seed_text: str) -> bytes:
    """The seed file's text with one to four edits: YAML tokens inserted, lines deleted, repeated,
    swapped or re-indented, values turned into anchors and aliases, bytes that are not UTF-8."""
    out = seed_text
    raw_bytes: list[tuple[int, bytes]] = []
    for _ in range(draw(st.integers(1, 4))):
        lines = out.split("\n")
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(("insert", "insert", "delete", "repeat", "swap", "indent", "alias",
                                       "anchor", "truncate", "bomb", "bytes", "text")))
        if action == "insert":
            at = draw(st.integers(0, len(out)))
            out = out[:at] + draw(st.sampled_from(TOKENS)) + out[at:]
        elif action == "text":
            at = draw(st.integers(0, len(out)))
            out = out[:at] + draw(text()) + out[at:]
        elif action == "delete":
            del lines[i:i + draw(st.integers(1, 5))]
            out = "\n".join(lines)
        elif action == "repeat":
            lines[i:i] = lines[i:i + draw(st.integers(1, 8))] * draw(st.integers(1, 3))
            out = "\n".join(lines)
        elif action == "swap":
            j = draw(st.integers(0, max(len(lines) - 1, 0)))
            if lines:
                lines[i], lines[j] = lines[j], lines[i]
            out = "\n".join(lines)
        elif action == "indent" and lines:
            shift = draw(st.integers(-4, 4))
            lines[i] = " " * shift + lines[i] if shift > 0 else lines[i][-shift:]
            out = "\n".join(lines)
        elif action in ("alias", "anchor") and lines and ": " in lines[i]:
            key, _, value = lines[i].partition(": ")
            lines[i] = f"{key}: &f{i} {value}" if action == "anchor" else f"{key}: *f{draw(st.integers(0, len(lines)))}"
            out = "\n".join(lines)
        elif action == "truncate":
            out = out[:draw(st.integers(0, len(out)))]
        elif action == "bomb":
            out = out + "\n" + BILLION_LAUGHS
        elif action == "bytes":
            raw_bytes.append((draw(st.integers(0, len(out))), draw(st.binary(min_size=1, max_size=4))))
    data = out.encode("utf-8", "surrogatepass")
    for at, chunk in raw_bytes:
        at = min(at, len(data))
        data = data[:at] + chunk + data[at:]
    return data
