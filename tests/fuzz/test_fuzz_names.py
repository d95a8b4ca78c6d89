"""Fuzzing the never-publish list: a listed name written any way a careless editor, a spreadsheet, a
slug maker or an attacker may write it is found, in a text and in a data file ``ncp check`` reads.

The spellings: words in any order and case, with Russian or Kazakh endings, with letters swapped for
look-alikes from other scripts (a fixed table of well-known pairs, not derived from the code under
test), joined by spaces, punctuation or slug separators, then written as is, percent-encoded, as HTML
character references, as JSON ``\\u`` escapes or as a slug.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

import pytest
import yaml
from builders import strings_of
from fuzz import profiles  # noqa: F401 (loads the Hypothesis profile NCP_FUZZ names)
from fuzz.seeds import make_seed_project
from hypothesis import given
from hypothesis import strategies as st

from ncp_site.checks.never_publish import ENVIRONMENT, read_list
from ncp_site.core.cache import SourceCache
from ncp_site.core.config import load_config
from ncp_site.project import Project

NAMES = {  # entry (line in the list) -> its words, each in forms its languages give it (the first as listed)
    1: (("Иван", "Ивана", "Ивану", "Иваном", "Иване"),
        ("Петров", "Петрова", "Петрову", "Петровым", "Петрове", "Петровых")),
    2: (("Айгерім", "Айгерімге", "Айгерімнің", "Айгеріммен"),
        ("Сәрсенова", "Сәрсенованың", "Сәрсеноваға", "Сәрсеновадан", "Сәрсеновамен", "Сәрсеновой", "Сәрсенову")),
    3: (("Ivan", "Ivan's"), ("Petrov", "Petrov's", "Petrovs")),
    4: (("Ерлан", "Ерланға", "Ерланның"), ("Жұмабеков", "Жұмабековке", "Жұмабековтің", "Жұмабековтан", "Жұмабековым")),
}
LIST = "\n".join(" ".join(forms[0] for forms in words) for _, words in sorted(NAMES.items())) + "\n"
LOOK_ALIKES = {  # a letter -> letters of other scripts that look the same
    "a": "аα", "c": "сϲ", "e": "е", "i": "іι", "o": "оο", "p": "рρ", "s": "ѕ", "v": "νѵ", "x": "х", "y": "у",
    "A": "АΑ", "B": "ВΒ", "C": "С", "E": "ЕΕ", "H": "НΗ", "I": "ІΙ", "K": "КΚ", "M": "МΜ", "O": "ОΟ", "P": "РΡ",
    "T": "ТΤ", "X": "ХΧ",
    "а": "a", "е": "e", "о": "oο", "р": "p", "с": "c", "у": "y", "і": "i", "х": "x",
    "А": "AΑ", "В": "BΒ", "Е": "EΕ", "К": "KΚ", "М": "MΜ", "Н": "HΗ", "О": "OΟ", "Р": "PΡ", "С": "C", "Т": "TΤ",
    "Х": "XΧ",
}
SEPARATORS = (" ", "  ", ", ", " - ", "-", "_", ".", "+", "\n", "\u00a0", " / ")
ENCODINGS = ("as written", "percent", "references", "json", "slug")


@st.composite
def spellings(draw) -> tuple[int, str]:
    """A listed name (its entry) written one of the ways above."""
    entry = draw(st.sampled_from(sorted(NAMES)))
    encoding = draw(st.sampled_from(ENCODINGS))
    words = []
    for forms in NAMES[entry]:
        word = draw(st.sampled_from(forms))
        cases = (word.lower(),) if encoding == "slug" else (word, word.upper(), word.lower(), word.capitalize())
        word = draw(st.sampled_from(cases))  # a slug is made lower case before a look-alike may creep in
        swapped = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        word = "".join(draw(st.sampled_from(LOOK_ALIKES[c])) if swap and c in LOOK_ALIKES else c
                       for c, swap in zip(word, swapped))
        words.append(word)
    words = draw(st.permutations(words))
    separator = draw(st.sampled_from([s for s in SEPARATORS if not (encoding == "json" and s == "\n")]))
    spelling = separator.join(words)
    if encoding == "percent":
        spelling = quote(spelling, safe="")
    elif encoding == "references":
        spelling = "".join(f"&#{ord(c)};" if draw(st.booleans()) else html.escape(c) for c in spelling)
    elif encoding == "json":
        spelling = json.dumps(spelling)[1:-1]
    elif encoding == "slug":
        spelling = re.sub(r"[\W_]+", "-", re.sub("['’]", "", spelling)).strip("-") + ".pdf"
    return entry, spelling


def context() -> st.SearchStrategy[str]:
    """Words around the name, kept apart from it by a space."""
    words = ["Өтінім", "жалоба", "the", "2022", "ж.", "(", ")", "«", "»", "—"]
    return st.lists(st.sampled_from(words), max_size=4).map(" ".join)


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    path = tmp_path_factory.mktemp("never-publish") / "list.txt"
    path.write_text(LIST, encoding="utf-8")
    names, errors = read_list(path)
    assert errors == []
    return path, names


@given(spelling=spellings(), before=context(), after=context())
def test_every_spelling_of_a_listed_name_is_found(listed, spelling, before, after):
    entry, written = spelling
    text = f"{before} {written} {after}"
    assert entry in {hit.entry for hit in listed[1].find(text)}, text
    assert listed[1].redact(text).count("[never-publish entry") >= 1


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    root = tmp_path_factory.mktemp("names-seed")
    make_seed_project(root)
    config = load_config(root)
    return root, config, SourceCache.under(root, repr(config))  # in memory: the unchanged files' results kept


@given(spelling=spellings(), data=st.data())
def test_every_spelling_planted_in_a_data_file_is_reported_there(listed, seed, spelling, data):
    root, config, cache = seed
    files = sorted(p for p in (root / "data").rglob("*.yml"))
    path = data.draw(st.sampled_from(files))
    original = path.read_bytes()
    document = yaml.load(original, Loader=yaml.CSafeLoader)
    places = [loc for loc, _ in strings_of(document)]
    if not places:
        return
    loc = data.draw(st.sampled_from(places))
    target = document
    for key in loc[:-1]:
        target = target[key]
    entry, written = spelling
    target[loc[-1]] = f"Өтінім: {written}, 2022."
    path.write_text(yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        project = Project.load(config, environ={ENVIRONMENT: str(listed[0])}, cache=cache)
    finally:
        path.write_bytes(original)
    shown = path.relative_to(root).as_posix()
    found = [e for e in project.errors if e.path == shown and f"never-publish list (entry {entry})" in str(e.problem)]
    assert found, "\n".join(map(str, project.errors))
