"""Interface wording: a ``{name}`` slot the site fills must be in every language, wherever its word order puts it."""

from __future__ import annotations

from builders import dedent, line_of, load_kind, make_project

from ncp_site.core.rendering import fill

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
    assert "has the placeholders {number} but the Kazakh text has {n}" in errors[0].problem
    assert "has the placeholders none" in errors[1].problem


def test_the_real_wording_keeps_every_placeholder_in_every_language():
    from conftest import REPO
    _, errors = load_kind(REPO, "ui")
    assert errors == []


def test_fill_puts_the_value_where_the_language_wants_it():
    assert [fill(text, {"n": "IV"}) for text in ("{n} тарау", "глава {n}", "Chapter {n}")] == [
        "IV тарау", "глава IV", "Chapter IV"]
