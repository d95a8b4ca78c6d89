"""Organisations: one record each, one name per language; mistakes located; other kinds name them by id."""

from __future__ import annotations

import pytest
from builders import dedent, load_kind, make_project, problem_at

VALID = dedent("""
    organisations:
      - id: chamber
        name:
          kk: «Мысал» палатасы
          ru: Палата «Пример»
          en: Example Chamber
        abbreviation: {en: EC}
        type: business_association
        website: https://chamber.example.kz/
      - id: ministry
        name: {kk: Министрлік, ru: Министерство, en: Ministry}
        type: government_body
""")


def project(tmp_path, text: str = VALID):
    make_project(tmp_path)
    (tmp_path / "data" / "organisations.yml").write_text(text, encoding="utf-8")


def test_valid_organisations_load_with_their_names_and_abbreviations(tmp_path):
    project(tmp_path)
    organisations, errors = load_kind(tmp_path, "organisations")
    assert errors == []
    chamber = organisations["chamber"]
    assert chamber.name["ru"] == "Палата «Пример»" and chamber.abbreviation == {"en": "EC"}
    assert chamber.type == "business_association" and chamber.website == "https://chamber.example.kz/"
    named = chamber.named()
    assert named.id == "chamber" and [named[lang] for lang in ("kk", "ru", "en")] == [
        "«Мысал» палатасы", "Палата «Пример»", "Example Chamber"]


BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, lang, words in the message)
    ("unknown type", "type: government_body", "type: ministry", "type: ministry", "organisations[1].type", None,
     "'ministry' is not allowed"),
    ("a name missing in a language", "      en: Example Chamber\n", "", "name:", "organisations[0].name", "en",
     "text is missing"),
    ("a script as the website", "https://chamber.example.kz/", "javascript:alert(1)", "website:",
     "organisations[0].website", None, "is not a web address"),
    ("a website over plain http", "https://chamber.example.kz/", "http://chamber.example.kz/", "website:",
     "organisations[0].website", None, "starting with https://"),
    ("an abbreviation in no language of the site", "abbreviation: {en: EC}", "abbreviation: {de: EK}", "abbreviation:",
     "organisations[0].abbreviation", None, "'de' is not a language of this site"),
    ("an id in capitals", "id: ministry", "id: Ministry", "id: Ministry", "organisations[1].id", None,
     "starting with a letter, e.g. atameken"),
    ("the same id twice", "id: ministry", "id: chamber", "id: chamber\n    name: {kk: Мин", "organisations[1].id", None,
     "'chamber' is already the id of an organisation"),
    ("one organisation under two ids", "en: Ministry}", "en: Example Chamber}", "name: {kk: Мин",
     "organisations[1].name", "en", "is already the name of the organisation 'chamber'"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "organisations.yml", text, fragment, field, lang)


def test_a_record_naming_an_organisation_whose_own_record_is_wrong_gets_no_second_error(tmp_path, capsys):
    """The organisation's own mistake is reported where it is; the members naming it are not reported again."""
    project(tmp_path, VALID.replace("type: government_body", "type: ministry"))
    (tmp_path / "data" / "legal-basis.yml").write_text(dedent("""
        acts:
          - id: order-1
            kind: ministerial_order
            number: "1"
            adopted: 2020-06-18
            title: {kk: Бұйрық., ru: Приказ., en: Order.}
    """), encoding="utf-8")
    (tmp_path / "data" / "members.yml").write_text(dedent("""
        compositions:
          - id: current
            start: 2024-01-01
            legal_basis: [order-1]
            title: {kk: Құрам, ru: Состав, en: Composition}
            secretariat: {kk: Институт, ru: Институт, en: Institute}
            members:
              - organisation: ministry
                membership: main
              - organisation: nowhere
                membership: main
    """), encoding="utf-8")
    _, errors = load_kind(tmp_path, "members")
    assert [(e.field, str(e.problem).split(" --")[0]) for e in errors] == [
        ("compositions[0].members[1].organisation", "there is no organisation 'nowhere'")]
