"""``ncp find``: from a text seen on the site to the file and line where it is written."""

from __future__ import annotations

from ncp_site import cli
from ncp_site.core.find import find, normalized
from ncp_site.core.sources import Sources

from ..builders import config, make_project, write_texts

CASE = """\
# Бөлімдер: a comment
id: kz0101
title:
  kk: Сынақ ісі
  ru: Тестовое дело
  en: Test case
summary:
  kk: Қысқаша.
  ru: >-
    Отраслевой профсоюз подал заявку
    в Национальный контактный пункт Казахстана
    по конкретному случаю.
  en: |
    First paragraph.

    The NCP's Secretariat received it.
keywords:
  ru: [профсоюз, Машиностроение]
"""
PAGE = """\
# О Национальном контактном пункте

НКП рассматривает **конкретные
случаи** и публикует [заявления](statements.md) о них.
Ёлочные игрушки.
"""


def project(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "docs" / "about").mkdir()
    write_texts(root, {"data/cases/kz0101.yml": CASE, "docs/about/index.ru.md": PAGE})
    return root


def found(root, query) -> list[str]:
    return [str(place) for place in find(Sources.read(config(root)), query)]


def test_data_texts_are_found_in_any_letter_case_with_their_field_language_and_line(tmp_path):
    root = project(tmp_path)
    assert found(root, "ТЕСТОВОЕ дело") == ["data/cases/kz0101.yml:5: title (ru): Тестовое дело"]
    assert found(root, "сынақ ІСІ") == ["data/cases/kz0101.yml:4: title (kk): Сынақ ісі"]
    assert found(root, "машиностроение") == ["data/cases/kz0101.yml:18: keywords.ru[1]: Машиностроение"]


def test_a_text_folded_over_lines_is_one_text_and_the_line_is_where_the_match_is(tmp_path):
    root = project(tmp_path)
    [place] = [p for p in found(root, "национальный контактный пункт казахстана") if p.startswith("data/cases/")]
    assert place.startswith("data/cases/kz0101.yml:11: summary (ru): …")
    assert found(root, "подал ЗАЯВКУ")[0].startswith("data/cases/kz0101.yml:10: summary (ru):")
    assert found(root, "заявку в национальный")[0].startswith("data/cases/kz0101.yml:9: summary (ru):")  # two lines
    assert found(root, "secretariat received")[0].startswith("data/cases/kz0101.yml:16: summary (en):")


def test_keys_and_comments_are_not_texts(tmp_path):
    root = project(tmp_path)
    assert [p for p in found(root, "summary") + found(root, "Бөлімдер") if "kz0101" in p] == []


def test_pages_are_searched_across_line_breaks_without_their_markup(tmp_path):
    root = project(tmp_path)
    [place] = found(root, "рассматривает конкретные случаи и публикует заявления")
    assert place.startswith("docs/about/index.ru.md:3: …") and "НКП рассматривает конкретные случаи и публикует заявления о " \
        "них." in place
    assert [p.split(":")[1] for p in found(root, "елочные")] == ["5"]  # ё and е are one letter here


def test_the_interface_wording_is_searched_too(tmp_path):
    root = project(tmp_path)
    places = found(root, "Permanent link")
    assert places and all(p.startswith("data/ui.yml:") for p in places)


def test_normalized_folds_case_yo_and_spaces():
    assert normalized("  ЁЛКА\tи\n Қазақстан ") == "елка и қазақстан"


def test_ncp_find_exits_1_with_advice_when_nothing_holds_the_text(tmp_path, capsys):
    root = project(tmp_path)
    assert cli.main(["--root", str(root), "find", "Тестовое", "дело"]) == 0
    assert capsys.readouterr().out == "data/cases/kz0101.yml:5: title (ru): Тестовое дело\n"
    assert cli.main(["--root", str(root), "find", "nowhere to be found"]) == 1
    assert "no data text or page holds 'nowhere to be found'" in capsys.readouterr().err
