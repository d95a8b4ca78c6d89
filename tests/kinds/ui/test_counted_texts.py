"""Counted phrases in data/ui.yml: one form per plural category of each language, chosen by the number."""

from __future__ import annotations

import pytest
from builders import load_kind, make_project
from conftest import REPO

from ncp_site import cli
from ncp_site.core.rendering import plural, plural_forms

RU_DAYS = "{n} день|{n} дня|{n} дней|{n} дня"


@pytest.mark.parametrize("n, expected", [(1, "1 день"), (3, "3 дня"), (5, "5 дней"), (21, "21 день"), (11, "11 дней")])
def test_russian_chooses_the_form_by_the_number(n, expected):
    assert plural(RU_DAYS, n, "ru") == expected


def test_kazakh_and_english_have_two_forms():
    assert plural_forms("kk") == plural_forms("en") == ["one", "other"]
    assert plural_forms("ru") == ["one", "few", "many", "other"]
    assert plural("{n} business day|{n} business days", 1, "en") == "1 business day"
    assert plural("{n} business day|{n} business days", 1307, "en") == "1,307 business days"
    assert plural("{n} жұмыс күні|{n} жұмыс күні", 10, "kk") == "10 жұмыс күні"


def test_a_text_without_forms_is_used_as_it_is():
    assert plural("{n} items", 2, "ru") == "2 items"


def test_wrong_number_of_forms_is_located(tmp_path, capsys):
    make_project(tmp_path)
    path = tmp_path / "data" / "ui.yml"
    text = path.read_text(encoding="utf-8")
    assert f'  ru: "{RU_DAYS}"' in text
    path.write_text(text.replace(f'  ru: "{RU_DAYS}"', '  ru: "{n} день|{n} дней"'), encoding="utf-8")
    line = text[:text.index(f'  ru: "{RU_DAYS}"')].count("\n") + 1
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert f"data/ui.yml:{line}: unit.days (ru): has 2 forms separated by '|'; this language counts with 4" in out


def test_the_real_counted_texts_have_their_forms():
    ui, errors = load_kind(REPO, "ui")
    assert errors == []
    counted = [key for key, text in ui.strings.items() if "|" in text["ru"]]
    assert counted
    for key in counted:
        for lang, text in ui.strings[key].items():
            assert len(text.split("|")) == len(plural_forms(lang)), (key, lang)
