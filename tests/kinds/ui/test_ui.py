"""Interface wording: a ``{name}`` slot the site fills must be in every language, wherever its word order puts it;
a key the site uses but data/ui.yml lacks is a located error, not a KeyError."""

from __future__ import annotations

import pytest
import yaml
from builders import case_record, dedent, line_of, load, load_kind, make_project

from ncp_site.core.errors import DataErrors
from ncp_site.core.rendering import fill
from ncp_site.kinds.cases.pages import case_pages

WORDING = dedent("""
    case.chapter_n:
      kk: "{n} тарау"
      ru: "глава {n}"
      en: "Chapter {number}"
    events.at_least:
      kk: "кемінде {n}"
      ru: "не менее {n}"
      en: "at least"
""")


def test_a_placeholder_missing_or_renamed_in_a_language_is_located(tmp_path):
    make_project(tmp_path)
    (tmp_path / "data" / "ui.yml").write_text(WORDING, encoding="utf-8")
    _, errors = load_kind(tmp_path, "ui")
    assert sorted((e.line, e.field, e.lang) for e in errors) == [
        (line_of(WORDING, 'en: "Chapter'), "case.chapter_n", "en"),
        (line_of(WORDING, 'en: "at least"'), "events.at_least", "en"),
    ]
    assert "has the placeholders {number} but the Kazakh text has {n}" in str(errors[0].problem)
    assert "has the placeholders none" in str(errors[1].problem)


def test_the_real_wording_keeps_every_placeholder_in_every_language():
    from conftest import REPO
    _, errors = load_kind(REPO, "ui")
    assert errors == []


def test_fill_puts_the_value_where_the_language_wants_it():
    assert [fill(text, {"n": "IV"}) for text in ("{n} тарау", "глава {n}", "Chapter {n}")] == [
        "IV тарау", "глава IV", "Chapter IV"]


def test_a_missing_key_stops_rendering_with_a_located_error(tmp_path):
    """Found by the fuzzer: `{}` as data/ui.yml passed the check and the case page raised KeyError."""
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "ui.yml"
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    del strings["case.chapter_n"]
    path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    project = load(root)
    with pytest.raises(DataErrors) as raised:
        for page in case_pages(project):
            page.render("en")
    assert [str(e) for e in raised.value.errors] == [(
        "data/ui.yml:1: case.chapter_n: is missing, and the site uses it -- add 'case.chapter_n:' with one line "
        "per language (see the key's neighbours)")]
