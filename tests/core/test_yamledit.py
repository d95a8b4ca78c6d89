"""Edits of a YAML text in place (``ncp new``, the translations' import, the glossary's exchange): each edit
reads back as the data changed in exactly that place, and the rest of the text stays as it was written. They
are read back as the project reads its data (libyaml's loader, which reads some plain texts otherwise than
PyYAML's own)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ncp_site.core import yamledit

STYLES = {
    "plain": "id: a\ntitle: Old title\nnext: 1\n",
    "single": "id: a\ntitle: 'Old title'\nnext: 1\n",
    "double": 'id: a\ntitle: "Old title"\nnext: 1\n',
    "anchor": "id: a\ntitle: &t Old title\nnext: 1\n",
    "tag": "id: a\ntitle: !!str Old title\nnext: 1\n",
    "flow": "id: a\ntitle: {en: Old title, ru: x}\nnext: 1\n",
}
LOC = {"flow": ("title", "en")}
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\ufeff"),
               max_size=40)
LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\ufeff#"),
               min_size=1, max_size=20)


def edited(text: str, edit) -> dict:
    return yaml.load(yamledit.apply(text, [edit]), Loader=yamledit.Loader)


def replaced(data: dict, loc: tuple, value) -> dict:
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return data


@pytest.mark.parametrize("style", STYLES)
@given(value=TEXT)
def test_a_replaced_value_reads_back_as_itself_and_nothing_else_changes(style, value):
    text = STYLES[style]
    loc = LOC.get(style, ("title",))
    edit = yamledit.scalar_edit(text, yamledit.compose(text), loc, value)
    assert edited(text, edit) == replaced(yaml.load(text, Loader=yamledit.Loader), loc, value)
    assert text[:edit.start].endswith(("title: ", "&t ", "!!str ", "{en: "))  # an anchor or tag stays


@pytest.mark.parametrize("header", ["|", "|-", ">", ">-"])
@given(lines=st.lists(LINE, min_size=1, max_size=4))
def test_a_block_value_keeps_its_header_and_indentation(header, lines):
    text = f"id: a\ntitle: {header}\n    Old title\n    over lines\nnext: 1\n"
    value = "\n".join(lines)
    new = yamledit.apply(text, [yamledit.scalar_edit(text, yamledit.compose(text), ("title",), value)])
    data = yaml.load(new, Loader=yamledit.Loader)
    assert data["next"] == 1 and data["title"].rstrip("\n") == value
    assert new.splitlines()[2].startswith("    ")
    if len(lines) > 1:
        assert data["title"].rstrip("\n").split("\n") == lines  # a folded block with line breaks becomes literal


def test_a_value_written_as_a_date_stays_unquoted_only_when_asked():
    text = "id: a\ndate: 2023-01-01\n"
    root = yamledit.compose(text)
    assert yamledit.apply(text, [yamledit.scalar_edit(text, root, ("date",), "2024-02-02")]) == 'id: a\ndate: "2024-02-02"\n'
    assert yamledit.apply(text, [yamledit.scalar_edit(text, root, ("date",), "2024-02-02", verbatim=True)]) == \
        "id: a\ndate: 2024-02-02\n"


@given(value=TEXT)
def test_a_key_inserted_after_another_reads_back(value):
    text = "id: a\ntitle:\n  en: Old\n  ru: Старый\nnext: 1\n"
    edit = yamledit.insert_after(text, yamledit.compose(text), ("title", "en"), "kk", value)
    assert edited(text, edit) == {"id": "a", "title": {"en": "Old", "kk": value, "ru": "Старый"}, "next": 1}


@pytest.mark.parametrize("text", [
    "items:\n  - one\n  - two\nnext: 1\n",
    "items: [one, two]\nnext: 1\n",
    "items: []\nnext: 1\n",
])
@given(values=st.lists(TEXT, min_size=1, max_size=3))
def test_texts_appended_to_a_list_read_back_in_order(text, values):
    edit = yamledit.append_items(text, yamledit.compose(text), ("items",), values)
    assert edited(text, edit) == {"items": yaml.load(text, Loader=yamledit.Loader)["items"] + values, "next": 1}


def test_mappings_appended_to_a_block_list_read_back():
    text = "rows:\n  - term: a\n    lang:\n      en: A\nnext: 1\n"
    row = {"term": "b: c", "lang": {"en": "B #1", "ru": "Б"}}
    edit = yamledit.append_items(text, yamledit.compose(text), ("rows",), [row])
    assert edited(text, edit) == {"rows": [{"term": "a", "lang": {"en": "A"}}, row], "next": 1}


@pytest.mark.parametrize("value", ["text", {"en": "E", "ru": "Р"}, [{"en": "E"}, {"en": "F"}]])
def test_a_key_inserted_before_another_reads_back(value):
    """A text, or a list of mappings (one mapping is written as a list of one)."""
    text = "id: a\nnext: 1\n"
    edit = yamledit.insert_key_before(text, yamledit.compose(text), (), "next", "added", value)
    assert edited(text, edit) == {"id": "a", "added": [value] if isinstance(value, dict) else value, "next": 1}


@pytest.mark.parametrize(("text", "index", "left"), [
    ("items:\n  - one\n  - two\n  - three\nnext: 1\n", 1, ["one", "three"]),
    ("items:\n  - key: one\n    more: x\n  - key: two\nnext: 1\n", 0, [{"key": "two"}]),
    ("items:\n  - only\nnext: 1\n", 0, []),
    ("items: [one, 'two, too', three]\nnext: 1\n", 0, ["two, too", "three"]),
])
def test_a_deleted_item_is_gone_and_the_rest_stays(text, index, left):
    edit = yamledit.delete_item(text, yamledit.compose(text), ("items", index))
    assert edited(text, edit) == {"items": left, "next": 1}


def test_a_deleted_key_is_gone_and_the_rest_stays():
    text = "id: a\nold: x\nnext: 1\n"
    assert edited(text, yamledit.delete_key(text, yamledit.compose(text), ("old",))) == {"id": "a", "next": 1}


@pytest.mark.parametrize(("call", "args"), [
    (yamledit.scalar_edit, (("title",), "x")),  # not a single value
    (yamledit.scalar_edit, (("missing",), "x")),
    (yamledit.insert_after, (("title", "missing"), "kk", "x")),
    (yamledit.insert_after, (("flow", "a"), "kk", "x")),  # a mapping on one line
    (yamledit.insert_after, (("title",), "kk", "x")),  # a value over several lines
    (yamledit.append_items, (("title",), ["x"])),  # not a list
    (yamledit.append_items, (("flowlist",), [{"k": "v"}])),  # a mapping into a list on one line
    (yamledit.insert_key_before, (("flow",), "a", "k", "v")),
    (yamledit.insert_key_before, ((), "missing", "k", "v")),
    (yamledit.delete_item, (("items", 5),)),
    (yamledit.delete_item, (("nested", 1),)),  # a list on one line holding more than texts
    (yamledit.delete_key, (("title",),)),  # not a one-line value
    (yamledit.delete_key, (("flow", "a"),)),
])
def test_an_edit_that_does_not_fit_the_text_is_refused(call, args):
    text = ("title:\n  en: Old\nflow: {a: b}\nflowlist: [a]\nitems:\n  - one\nnested: [[a], b]\n")
    with pytest.raises(KeyError):
        call(text, yamledit.compose(text), *args)


def test_node_at_a_place_that_is_not_there_is_none():
    root = yamledit.compose("a:\n  - x\nb: 1\n")
    assert yamledit.node_at(root, ("a", 0)).value == "x"
    assert [yamledit.node_at(root, loc) for loc in [("a", 3), ("a", "k"), ("b", "c"), ("z",)]] == [None] * 4
