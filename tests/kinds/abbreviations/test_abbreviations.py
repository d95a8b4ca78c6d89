"""The abbreviation register: one expansion per abbreviation and language, and every page's key built from it."""

from __future__ import annotations

import pytest
from builders import concept, dedent, load_kind, make_project

from ncp_site import cli


def term(preferred: str, abbreviation: str | None = None) -> dict:
    entry = {"preferred": preferred, "status": "draft"}
    if abbreviation:
        entry["abbreviation"] = abbreviation
    return entry


MINISTRY = concept("test_ministry", "institution", en=term("Ministry of National Economy", "MNE"),
                   ru=term("Министерство национальной экономики", "МНЭ"))
ENTERPRISE = concept("test_enterprise", en=term("multinational enterprise", "MNE"))

OWN = dedent("""
    abbreviations:
      - id: esg
        kk:
          abbr: ESG
          expansion: экологиялық, әлеуметтік және басқарушылық факторлар
        en:
          abbr: ESG
          expansion: environmental, social and governance
""")


def run_check(tmp_path, capsys, extra: list[dict], own: str | None = None) -> tuple[int, str, dict]:
    make_project(tmp_path, glossary_extra=extra)
    if own is not None:
        (tmp_path / "data" / "abbreviations.yml").write_text(own, encoding="utf-8")
    data = {p: p.read_bytes() for p in (tmp_path / "data").glob("*.yml")}
    status = cli.main(["--root", str(tmp_path), "check"])
    assert {p: p.read_bytes() for p in data} == data, "ncp check must never change a data file"
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return status, out, data


def line_in(path, fragment: str, after: str = "") -> int:
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    return text[:text.index(fragment, start)].count("\n") + 1


def test_register_collects_glossary_and_own_file(tmp_path, capsys):
    status, out, _ = run_check(tmp_path, capsys, [MINISTRY], OWN)
    assert status == 0, out
    glossary, _ = load_kind(tmp_path, "glossary")
    register, errors = load_kind(tmp_path, "abbreviations")
    assert errors == []
    assert [(a.abbr, a.expansion) for a in register.of("en")] == [
        ("ESG", "environmental, social and governance"), ("MNE", "Ministry of National Economy")]
    assert [a.abbr for a in register.of("ru")] == ["МНЭ"]
    assert register.markdown_key("kk") == "\n\n*[ESG]: экологиялық, әлеуметтік және басқарушылық факторлар\n"
    assert [a.abbr for a in register.used_in("the MNE and MNEs", "en")] == ["MNE"]


def test_two_expansions_in_the_glossary_name_both_places(tmp_path, capsys):
    status, out, _ = run_check(tmp_path, capsys, [MINISTRY, ENTERPRISE])
    path = tmp_path / "data" / "glossary.yml"
    first = line_in(path, "abbreviation: MNE", after="id: test_ministry")
    second = line_in(path, "abbreviation: MNE", after="id: test_enterprise")
    assert status == 1
    expected = (f"data/glossary.yml:{second}: concepts[{_index(path, 'test_enterprise')}].terms.en.abbreviation (en): "
                f"'MNE' has two expansions in English: 'Ministry of National Economy' (data/glossary.yml:{first}) "
                f"and 'multinational enterprise' (data/glossary.yml:{second}) -- ")
    assert expected in out, out


def test_conflict_between_glossary_and_own_file_names_both_files(tmp_path, capsys):
    own = OWN.replace("abbr: ESG\n      expansion: environmental", "abbr: MNE\n      expansion: environmental")
    assert own != OWN
    status, out, _ = run_check(tmp_path, capsys, [MINISTRY], own)
    glossary_line = line_in(tmp_path / "data" / "glossary.yml", "abbreviation: MNE")
    own_line = line_in(tmp_path / "data" / "abbreviations.yml", "abbr: MNE")
    assert status == 1
    assert (f"data/abbreviations.yml:{own_line}: abbreviations[0].en.abbr (en): 'MNE' has two expansions in English: "
            f"'Ministry of National Economy' (data/glossary.yml:{glossary_line}) and "
            f"'environmental, social and governance' (data/abbreviations.yml:{own_line})") in out, out


def test_the_same_abbreviation_defined_twice_is_reported(tmp_path, capsys):
    own = OWN.replace("abbr: ESG\n      expansion: environmental, social and governance",
                      "abbr: MNE\n      expansion: ministry of national economy")
    status, out, _ = run_check(tmp_path, capsys, [MINISTRY], own)
    assert status == 1
    assert "abbreviations[0].en.abbr (en): 'MNE' is already in the register (data/glossary.yml:" in out, out


@pytest.mark.parametrize("old, new, fragment, field, lang, words", [
    ("      expansion: environmental, social and governance\n", "", "  en:\n      abbr: ESG",
     "abbreviations[0].en.expansion", None, "is missing"),
    ("  - id: esg\n", "  - id: ESG\n", "id: ESG", "abbreviations[0].id", None,
     "'ESG' is not written as this field is -- write lower-case Latin letters, digits and underscores"),
    ("  en:\n      abbr: ESG", "  en:\n      abbr: ESG [x]", "abbr: ESG [x]", "abbreviations[0].en.abbr", None,
     "is not written as this field is -- write the abbreviation on one line, without [ ]"),
])
def test_mistakes_in_own_file_are_located(tmp_path, capsys, old, new, fragment, field, lang, words):
    own = OWN.replace(old, new)
    assert own != OWN
    status, out, _ = run_check(tmp_path, capsys, [], own)
    line = own[:own.index(fragment)].count("\n") + 1
    expected = f"data/abbreviations.yml:{line}: {field}: "
    assert status == 1
    assert expected in out, out
    assert words in next(m for m in out.splitlines() if m.startswith(expected))


def _index(path, concept_id: str) -> int:
    """Position of a concept in the glossary's list (the field name's index)."""
    import yaml
    concepts = yaml.safe_load(path.read_text(encoding="utf-8"))["concepts"]
    return next(i for i, c in enumerate(concepts) if c["id"] == concept_id)


# --- the real site ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_built_pages_carry_the_abbreviation_key_of_their_language(site, lang, project_root):
    glossary, _ = load_kind(project_root, "glossary")
    register, errors = load_kind(project_root, "abbreviations")
    assert errors == []
    for page, concept_id in (("action-plans/", "national_contact_point"), ("reports/", "oecd")):
        entry = register.by_lang[lang][glossary.concepts[concept_id].terms[lang].abbreviation]
        html = site.html(lang, page)
        assert f'<abbr title="{entry.expansion}">{entry.abbr}</abbr>' in html, page
        others = [a for other in ("kk", "ru", "en") if other != lang for a in register.of(other)
                  if a.abbr not in register.by_lang[lang]]
        assert not any(f'<abbr title="{a.expansion}">' in html for a in others)
