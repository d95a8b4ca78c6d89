"""The glossary: real coverage and peer-review findings, the glossary page, TBX/CSV for translators."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builders import LANGS, dedent, glossary_data, load_kind, make_project
from conftest import REPO

from ncp_site import cli
from ncp_site.kinds.glossary import exchange as glossary_exchange
from ncp_site.kinds.glossary.model import CATEGORIES, TermError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KAZAKH_LETTERS = set("әғқңөұүһі")


@pytest.fixture(scope="module")
def real():
    glossary, errors = load_kind(REPO, "glossary")
    assert not errors, "\n".join(map(str, errors))
    return glossary


@pytest.fixture(scope="module")
def built(project_root):
    """The glossary of the project the run's site was built from (tests/conftest.py)."""
    glossary, errors = load_kind(project_root, "glossary")
    assert not errors, "\n".join(map(str, errors))
    return glossary


# --- the real data ----------------------------------------------------------------------------

PEER_REVIEW_FINDINGS = [  # issue 3, "Why": (lang, deprecated variant, concept that replaces it)
    ("en", "appeal", "specific_instance"),
    ("en", "complaint", "specific_instance"),
    ("en", "compliant countries", "adherent"),
    ("en", "verify", "accepted_for_further_examination"),
    ("en", "OECD Guiding Principles for Multinational Enterprises", None),
    ("en", "Environmental Protection", None),
    ("en", "initial assessment statement", "final_statement"),
    ("en", "MNE", "multinational_enterprise"),
    ("en", "MNE", "ministry_of_national_economy"),
    ("ru", "координационный центр", "national_contact_point"),
    ("ru", "транснациональн", "multinational_enterprise"),
]


@pytest.mark.parametrize("lang, term, concept_id", PEER_REVIEW_FINDINGS)
def test_each_peer_review_finding_is_a_deprecated_variant_with_its_reason(real, lang, term, concept_id):
    found = [(c.id, d) for c in real.concepts.values() for d in c.terms[lang].deprecated
             if d.term == term or (term.endswith("н") and d.term.startswith(term))]
    assert found, f"{term} ({lang}) is not a deprecated variant"
    if concept_id:
        assert concept_id in {cid for cid, _ in found}
    for _, deprecated in found:
        assert deprecated.source
        assert all(len(deprecated.reason[code]) > 20 for code in LANGS), deprecated.reason


def test_guidelines_title_and_chapter_vi_findings_belong_to_the_right_concepts(real):
    titles = {c.id for c in real.concepts.values() for d in c.terms["en"].deprecated
              if d.term == "OECD Guiding Principles for Multinational Enterprises"}
    assert titles & {"guidelines_2011", "guidelines_2023"}
    chapters = {c.id for c in real.concepts.values() for d in c.terms["en"].deprecated
                if d.term == "Environmental Protection"}
    assert chapters and all(cid.startswith("chapter_vi_") for cid in chapters)


REQUIRED = ["guidelines_2011", "guidelines_2023", "national_contact_point", "adherent", "specific_instance", "submitter", "enterprise", "multinational_enterprise", "parties", "initial_assessment", "accepted_for_further_examination", "not_accepted", "good_offices", "mediation", "conciliation", "final_statement", "follow_up", "recommendations", "determination", "parallel_proceedings", "confidentiality", "reprisals", "core_effectiveness_criteria", "visibility", "accessibility", "transparency", "accountability", "impartiality_and_equitability", "predictability", "compatibility_with_the_guidelines", "responsible_business_conduct", "due_diligence", "stakeholder", "trade_union", "civil_society", "peer_review", "working_party_on_rbc", "national_action_plan_bhr", "un_guiding_principles"]


def test_the_glossary_covers_the_concepts_the_issue_lists(real):
    assert [cid for cid in REQUIRED if cid not in real.concepts] == []
    assert len(real.of_category("chapter")) == 22


def test_no_guess_is_presented_as_approved(real):
    for concept in real.concepts.values():
        for lang in LANGS:
            entry = concept.terms[lang]
            if entry.status == "approved":
                assert entry.reviewed_by and entry.reviewed_on, (concept.id, lang)


# --- term() ------------------------------------------------------------------------------------

def test_spelling_accepts_the_entry_forms_only(real):
    assert real.spelling("specific_instance", "ru") == "конкретный случай"
    assert real.spelling("specific_instance", "en", "plural") == "specific instances"
    assert real.spelling("specific_instance", "kk", "нақты жағдайлардың") == "нақты жағдайлардың"
    with pytest.raises(TermError, match="not a Russian form"):
        real.spelling("specific_instance", "ru", "обращения")
    with pytest.raises(TermError, match="did you mean specific_instance"):
        real.spelling("specific_instanse", "en")


# --- the glossary page ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_shows_every_concept_with_its_anchor(site, built, lang):
    html = site.html(lang, "translators/glossary/")
    for concept in built.concepts.values():
        assert f'<div class="ncp-concept" id="{concept.id}">' in html
    for category in CATEGORIES:
        if built.of_category(category):
            assert f'id="category-{category.replace("_", "-")}"' in html
    assert html.index('id="category-title"') < html.index('id="category-procedure"') < html.index('id="category-chapter"')


def test_glossary_page_sets_the_three_languages_side_by_side_with_variants_and_review(site, built):
    html = site.html("ru", "translators/glossary/")
    entry = html[html.index('id="specific_instance"'):]
    entry = entry[:entry.index("</table>")]
    for lang in LANGS:
        assert f'<td lang="{lang}"><strong>{built.label("specific_instance", lang)}</strong></td>' in entry
    assert '<s lang="ru">обращение</s>' in entry and '<s lang="en">appeal</s>' in entry and '<s lang="kk">шағым</s>' in entry
    assert 'class="ncp-term-variants"' in entry
    assert "проект" in entry  # draft review status, in the page's language
    approved = built.concepts["specific_instance"].terms["en"]
    assert approved.status == "approved" and approved.reviewed_by in entry


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_gives_each_variant_its_reason_in_the_page_language(site, built, lang):
    from markupsafe import escape
    html = site.html(lang, "translators/glossary/")
    shown = 0
    for concept in built.concepts.values():
        entry = html[html.index(f'id="{concept.id}"'):]
        entry = entry[:entry.index("</table>")]
        for code in LANGS:
            for variant in concept.terms[code].deprecated:
                assert f": {escape(variant.reason[lang])} (" in entry, (concept.id, code, variant.term)
                for other in LANGS:
                    if variant.reason[other] != variant.reason[lang]:
                        assert str(escape(variant.reason[other])) not in entry, (concept.id, variant.term, other)
                shown += 1
    assert shown > 0, "premise: the glossary gives deprecated variants with their reasons"
    assert '<span lang="en">&#39;Appeal&#39; suggests' not in html  # the reason is no longer English on every page


def test_case_pages_take_status_and_chapter_labels_from_the_glossary(site, built, project_root):
    from builders import collect
    project, _ = collect(project_root)
    case = project.data.cases[0]
    for lang in LANGS:
        html = site.html(lang, f"cases/{case.id}/")
        assert built.label(f"status_{case.status}", lang) in html
        assert built.chapter_title(case.chapters[0], case.edition, lang) in html


# --- a deprecated variant's reason: one text per language ------------------------------------------

def test_every_reason_of_the_real_glossary_is_written_in_every_language(real):
    reasons = [d.reason for c in real.concepts.values() for code in LANGS for d in c.terms[code].deprecated]
    assert reasons, "premise: the glossary deprecates some variants"
    for reason in reasons:
        assert list(reason) == list(LANGS)
        assert reason["kk"] != reason["ru"] != reason["en"] != reason["kk"]
        for lang in ("kk", "ru"):  # outside the quoted variants, Cyrillic prose of its own language
            prose = re.sub(r"«[^»]*»", "", reason[lang])
            letters = [ch for ch in prose if ch.isalpha()]
            assert sum("а" <= ch.lower() <= "я" or ch.lower() in "ёәғқңөұүһі" for ch in letters) > 0.9 * len(letters), prose
        assert KAZAKH_LETTERS & set(re.sub(r"«[^»]*»", "", reason["kk"])), reason["kk"]


def test_a_reason_missing_in_one_language_is_a_located_error(project):
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    kept = [t for t in text.splitlines(keepends=True) if "kk: 'Сот арқылы қорғауды меңзейді.'" not in t]
    assert len(kept) == text.count("\n") - 1
    path.write_text("".join(kept), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t.strip() == "reason:")
    _, errors = load_kind(project, "glossary")
    concepts = glossary_data()["concepts"]
    assert [str(e) for e in errors] == [
        (f"data/glossary.yml:{line}: concepts[{len(concepts)}].terms.en.deprecated[0].reason (kk): text is missing "
         "-- add the Kazakh text under 'kk:'")]


def test_a_reason_written_as_one_english_text_is_a_located_error(project):
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    old = ("          reason:\n            kk: 'Сот арқылы қорғауды меңзейді.'\n"
           "            ru: 'Наводит на мысль о судебной защите.'\n"
           "            en: 'Suggests a judicial remedy.'\n")
    assert text.count(old) == 1
    path.write_text(text.replace(old, "          reason: 'Suggests a judicial remedy.'\n"), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "reason: 'Suggests" in t)
    _, errors = load_kind(project, "glossary")
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"data/glossary.yml:{line}: concepts[")
    assert ".terms.en.deprecated[0].reason: should be a mapping, got the text" in str(errors[0])
    assert "give one text per language: kk:, ru:, en:" in str(errors[0])


# --- TBX --------------------------------------------------------------------------------------------

def test_tbx_export_parses_back_with_every_concept_and_language(real, tmp_path, capsys):
    out = tmp_path / "glossary.tbx"
    assert cli.main(["--root", str(REPO), "glossary", "export", "-o", str(out)]) == 0
    tree = ET.parse(out)
    entries = tree.getroot().findall("./text/body/termEntry")
    assert [e.get("id") for e in entries] == list(real.concepts)
    for entry in entries:
        concept = real.concepts[entry.get("id")]
        lang_sets = {ls.get(XML_LANG): ls for ls in entry.findall("langSet")}
        assert list(lang_sets) == ["ru", "kk", "en"]  # the source language first
        for lang, lang_set in lang_sets.items():
            terms = {(tig.findtext("term"), tig.findtext("termNote[@type='administrativeStatus']"))
                     for tig in lang_set.findall("tig")}
            assert (concept.terms[lang].preferred, "preferredTerm-admn-sts") in terms
            for deprecated in concept.terms[lang].deprecated:
                assert (deprecated.term, "deprecatedTerm-admn-sts") in terms
            assert lang_set.findtext("descrip[@type='definition']") == concept.definition[lang]
    appeal = tree.getroot().find(".//termEntry[@id='specific_instance']/langSet/tig[term='appeal']")
    variant = next(v for v in real.concepts["specific_instance"].terms["en"].deprecated if v.term == "appeal")
    assert [note.text for note in appeal.findall("note")] == [variant.reason["en"]]


def test_tbx_export_is_deterministic(real):
    assert glossary_exchange.export_tbx(real) == glossary_exchange.export_tbx(real)


# --- CSV round trip ----------------------------------------------------------------------------------

COMMENTED_CONCEPT = dedent("""
    # A reviewer's comment that no tool understands: it must survive an import.
    - id: specific_instance
      category: procedure
      source: "Guidelines 2023, Implementation Procedures, Part I, C"  # checked 2026
      definition:
        kk: Нақты жағдай.
        ru: Конкретный случай.
        en: >-
          An issue brought to an NCP.
      terms:
        en:
          preferred: specific instance
          plural: specific instances
          deprecated:
            - term: appeal
              reason:
                kk: 'Сот арқылы қорғауды меңзейді.'
                ru: 'Наводит на мысль о судебной защите.'
                en: 'Suggests a judicial remedy.'
              source: peer review 2024, rec. 3.1
          status: approved
          reviewed_by: NCP secretariat
          reviewed_on: 2026-11-22
        ru:
          preferred: конкретный случай
          forms: [конкретного случая, конкретному случаю]   # more to come
          status: draft
        kk:
          preferred: нақты жағдай
          forms:
            - нақты жағдайдың
            - нақты жағдайға
          status: draft
""")


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(tmp_path)
    path = root / "data" / "glossary.yml"
    text = "# The glossary of a test project.\n" + path.read_text(encoding="utf-8") + COMMENTED_CONCEPT
    path.write_text(text, encoding="utf-8")
    return root


def run(root: Path, capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "glossary", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def export_rows(root: Path, capsys) -> list[dict]:
    code, out = run(root, capsys, "export", "--format", "csv")
    assert code == 0
    return list(csv.DictReader(io.StringIO(out)))


def write_rows(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(rows, cid, lang, status, n=""):
    return next(r for r in rows if (r["id"], r["lang"], r["status"], r["n"]) == (cid, lang, status, str(n)))


def test_csv_has_one_row_per_concept_language_and_term(project, capsys):
    rows = export_rows(project, capsys)
    assert list(rows[0]) == ["id", "lang", "status", "n", "term", "reason_kk", "reason_ru", "reason_en", "source",
                             "review_status", "reviewed_by", "reviewed_on", "action"]
    assert list(rows[0]) == list(glossary_exchange.columns(LANGS))
    mine = [(r["lang"], r["status"], r["n"], r["term"]) for r in rows if r["id"] == "specific_instance"]
    assert mine[:3] == [("kk", "preferred", "", "нақты жағдай"), ("kk", "form", "1", "нақты жағдайдың"),
                        ("kk", "form", "2", "нақты жағдайға")]
    appeal = row(rows, "specific_instance", "en", "deprecated", 1)
    assert (appeal["term"], appeal["reason_kk"], appeal["reason_ru"], appeal["reason_en"], appeal["source"]) == (
        "appeal", "Сот арқылы қорғауды меңзейді.", "Наводит на мысль о судебной защите.", "Suggests a judicial remedy.",
        "peer review 2024, rec. 3.1")
    assert {r["reason_kk"] + r["reason_ru"] + r["reason_en"] for r in rows if r["status"] != "deprecated"} == {""}
    preferred = row(rows, "specific_instance", "en", "preferred")
    assert (preferred["review_status"], preferred["reviewed_by"], preferred["reviewed_on"]) == (
        "approved", "NCP secretariat", "2026-11-22")
    assert row(rows, "specific_instance", "en", "definition")["term"] == "An issue brought to an NCP."


def test_csv_round_trip_changes_exactly_that_term(project, capsys, tmp_path):
    path = project / "data" / "glossary.yml"
    before = path.read_text(encoding="utf-8")
    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "form", 2)["term"] = "конкретному случаю (дат.)"
    reviewed = write_rows(tmp_path / "reviewed.csv", rows)

    code, out = run(project, capsys, "import", str(reviewed))
    assert code == 0
    line = next(i for i, text in enumerate(before.splitlines(), 1) if "forms: [конкретного случая" in text)
    assert (f'data/glossary.yml:{line}: specific_instance form 2 (ru): "конкретному случаю" -> '
            f'"конкретному случаю (дат.)"') in out
    assert "1 change(s) would be made" in out
    assert path.read_text(encoding="utf-8") == before, "without --apply nothing is written"

    code, out = run(project, capsys, "import", str(reviewed), "--apply")
    assert code == 0 and "applied 1 change(s)" in out
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert changed == [("      forms: [конкретного случая, конкретному случаю]   # more to come",
                        "      forms: [конкретного случая, конкретному случаю (дат.)]   # more to come")]
    glossary, errors = load_kind(project, "glossary")
    assert not errors and glossary.entry("specific_instance", "ru").forms[1] == "конкретному случаю (дат.)"

    code, out = run(project, capsys, "import", str(reviewed))
    assert "no changes" in out


def test_csv_round_trip_keeps_and_changes_each_language_of_a_reason(project, capsys, tmp_path):
    path = project / "data" / "glossary.yml"
    before = path.read_text(encoding="utf-8")
    rows = export_rows(project, capsys)
    code, out = run(project, capsys, "import", str(write_rows(tmp_path / "same.csv", rows)), "--apply")
    assert code == 0 and "no changes: the CSV matches the glossary." in out, out
    assert path.read_text(encoding="utf-8") == before

    appeal = row(rows, "specific_instance", "en", "deprecated", 1)
    appeal["reason_kk"] = "Сот арқылы немесе әкімшілік қорғауды меңзейді."
    appeal["reason_en"] = ""  # an empty cell keeps the glossary's text
    code, out = run(project, capsys, "import", str(write_rows(tmp_path / "r.csv", rows)), "--apply")
    assert code == 0 and "applied 1 change(s)" in out, out
    line = next(i for i, t in enumerate(before.splitlines(), 1) if "kk: 'Сот арқылы қорғауды меңзейді.'" in t)
    assert (f'data/glossary.yml:{line}: specific_instance en deprecated 1 reason (kk): "Сот арқылы қорғауды '
            'меңзейді." -> "Сот арқылы немесе әкімшілік қорғауды меңзейді."') in out
    after = path.read_text(encoding="utf-8")
    assert [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b] == [
        ("            kk: 'Сот арқылы қорғауды меңзейді.'",
         "            kk: 'Сот арқылы немесе әкімшілік қорғауды меңзейді.'")]
    reason = load_kind(project, "glossary")[0].entry("specific_instance", "en").deprecated[0].reason
    assert dict(reason) == {"kk": "Сот арқылы немесе әкімшілік қорғауды меңзейді.",
                            "ru": "Наводит на мысль о судебной защите.", "en": "Suggests a judicial remedy."}


def test_the_real_glossary_survives_its_csv_round_trip_with_every_reason(real, capsys, tmp_path):
    csv_path = tmp_path / "glossary.csv"
    assert cli.main(["--root", str(REPO), "glossary", "export", "--format", "csv", "-o", str(csv_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    for concept in real.concepts.values():
        for code in LANGS:
            for n, variant in enumerate(concept.terms[code].deprecated, 1):
                exported = row(rows, concept.id, code, "deprecated", n)
                assert {lang: exported[f"reason_{lang}"] for lang in LANGS} == dict(variant.reason)
    capsys.readouterr()
    code, out = run(REPO, capsys, "import", str(csv_path))  # without --apply: nothing is written
    assert code == 0 and "no changes: the CSV matches the glossary." in out, out


def test_import_refuses_a_csv_with_the_single_reason_column_of_old_exports(project, capsys, tmp_path):
    rows = []
    for r in export_rows(project, capsys):
        reasons = [r.pop(f"reason_{lang}") for lang in LANGS]
        rows.append({**r, "reason": reasons[2]})
    code, out = run(project, capsys, "import", str(write_rows(tmp_path / "old.csv", rows)))
    assert code == 1
    assert ("old.csv:1: (header): unknown column(s) ['reason'] -- the reason has one column per language "
            "(reason_kk, reason_ru, reason_en): export the CSV again") in out


def test_import_approves_a_language_by_adding_its_reviewer_lines(project, capsys, tmp_path):
    path = project / "data" / "glossary.yml"
    before = path.read_text(encoding="utf-8")
    rows = export_rows(project, capsys)
    preferred = row(rows, "specific_instance", "kk", "preferred")
    preferred.update(review_status="approved", reviewed_by="A. Translator", reviewed_on="2026-12-01")
    row(rows, "specific_instance", "en", "definition")["term"] = "An issue brought to a National Contact Point."
    code, out = run(project, capsys, "import", str(write_rows(tmp_path / "r.csv", rows)), "--apply")
    assert code == 0, out
    after = path.read_text(encoding="utf-8")
    assert after.count("\n") == before.count("\n") + 2
    assert "      status: approved\n      reviewed_by: A. Translator\n      reviewed_on: 2026-12-01\n" in after
    assert "    en: >-\n      An issue brought to a National Contact Point.\n" in after
    for comment in ("# The glossary of a test project.", "# A reviewer's comment", "# checked 2026", "# more to come"):
        assert comment in after
    entry = load_kind(project, "glossary")[0].entry("specific_instance", "kk")
    assert (entry.status, entry.reviewed_by, str(entry.reviewed_on)) == ("approved", "A. Translator", "2026-12-01")


def test_unknown_ids_and_languages_are_reported_at_the_csv_line(project, capsys, tmp_path):
    path = project / "data" / "glossary.yml"
    before = path.read_bytes()
    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "form", 1)["term"] = "конкретного случая!"
    rows.insert(2, {**rows[0], "id": "no_such_concept"})
    rows.insert(4, {**rows[0], "lang": "de"})
    rows.append({**row(rows, "specific_instance", "kk", "form", 1), "n": "x"})
    reviewed = write_rows(tmp_path / "reviewed.csv", rows)
    code, out = run(project, capsys, "import", str(reviewed), "--apply")
    assert code == 1
    shown = "reviewed.csv"  # shown relative to the project, where the reviewer saved it
    assert f"{shown}:4: id (kk): 'no_such_concept' is not a concept of the glossary" in out
    assert f"{shown}:6: lang: 'de' is not a language of this site -- write kk, ru or en" in out
    assert f"{shown}:{len(rows) + 1}: n (kk): 'x' is not a number" in out
    assert "data/glossary.yml was not changed" in out
    assert path.read_bytes() == before


def test_import_rejects_an_unknown_column(project, capsys, tmp_path):
    rows = [{**r, "comment": ""} for r in export_rows(project, capsys)]
    code, out = run(project, capsys, "import", str(write_rows(tmp_path / "x.csv", rows)))
    assert code == 1 and ":1: (header): unknown column(s) ['comment']" in out


def test_export_refuses_a_broken_glossary(tmp_path, capsys):
    root = make_project(tmp_path)
    (root / "data" / "glossary.yml").write_text("concepts: [\n", encoding="utf-8")
    code, out = run(root, capsys, "export")
    assert code == 1 and "data/glossary.yml:" in out


def test_builders_glossary_has_no_variants(tmp_path):
    """The small test glossary stays neutral: the lint tests add their own variants."""
    assert all(not entry.get("deprecated") for c in glossary_data()["concepts"] for entry in c["terms"].values())


# --- CSV and spreadsheets: no cell runs as a formula ---------------------------------------------

FORMULA_TEXTS = {  # (YAML line in COMMENTED_CONCEPT, replacement) -> the text as the glossary holds it
    ("kk: Нақты жағдай.", "kk: '=HYPERLINK(\"http://evil.example\", \"Нақты жағдай\")'"):
        '=HYPERLINK("http://evil.example", "Нақты жағдай")',
    ("ru: Конкретный случай.", "ru: \"'+конкретный случай\""): "'+конкретный случай",
    ("en: 'Suggests a judicial remedy.'", "en: '@SUM(1) suggests a judicial remedy.'"):
        "@SUM(1) suggests a judicial remedy.",
    ("ru: 'Наводит на мысль о судебной защите.'", "ru: '-Наводит на мысль о судебной защите.'"):
        "-Наводит на мысль о судебной защите.",
    ("source: peer review 2024, rec. 3.1", "source: +peer review 2024, rec. 3.1"): "+peer review 2024, rec. 3.1",
    ("plural: specific instances", "plural: -specific instances"): "-specific instances",
}


@pytest.fixture
def formula_project(project) -> Path:
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in FORMULA_TEXTS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    glossary, errors = load_kind(project, "glossary")
    assert not errors, "\n".join(map(str, errors))
    return project


def test_csv_export_writes_formula_texts_as_text(formula_project, capsys):
    assert set(glossary_exchange.FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}  # the glossary strips tab and CR
    code, out = run(formula_project, capsys, "export", "--format", "csv")
    assert code == 0
    cells = [cell for r in csv.reader(io.StringIO(out)) for cell in r]
    assert not [c for c in cells if c.startswith(glossary_exchange.FORMULA_START)], "a cell starts a formula"
    for text in FORMULA_TEXTS.values():
        assert "'" + text in cells, text
    assert "нақты жағдай" in cells and "'нақты жағдай" not in cells, "other texts are written as they are"


def test_csv_round_trip_of_formula_texts_changes_nothing_and_warns_of_nothing(formula_project, capsys, tmp_path):
    path = formula_project / "data" / "glossary.yml"
    before = path.read_bytes()
    code, out = run(formula_project, capsys, "export", "--format", "csv")
    reviewed = tmp_path / "reviewed.csv"
    reviewed.write_text(out, encoding="utf-8")
    code, out = run(formula_project, capsys, "import", str(reviewed), "--apply")
    assert code == 0 and "no changes: the CSV matches the glossary." in out, out
    assert "warning" not in out
    assert path.read_bytes() == before


def test_import_warns_of_a_cell_that_starts_a_formula(project, capsys, tmp_path):
    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "form", 2)["term"] = "=1+1"
    row(rows, "specific_instance", "en", "deprecated", 1)["reason_kk"] = "@cmd|' /C calc'!A0"
    row(rows, "specific_instance", "kk", "form", 1)["term"] = "'-нақты жағдайдың"  # protected: imported as -нақты...
    reviewed = write_rows(tmp_path / "reviewed.csv", rows)
    code, out = run(project, capsys, "import", str(reviewed))
    assert code == 0, out
    lines = out.splitlines()
    line_of = {(r["lang"], r["status"], r["n"]): i for i, r in enumerate(rows, 2)}
    assert (f"reviewed.csv:{line_of[('ru', 'form', '2')]}: term (ru): warning: '=1+1' starts with '=', "
            "which a spreadsheet runs as a formula -- check the text") in out
    assert any(f"reviewed.csv:{line_of[('en', 'deprecated', '1')]}: reason (kk): warning:" in x for x in lines), out
    assert len([x for x in lines if ": warning: " in x]) == 2, out
    assert 'specific_instance form 1 (kk): "нақты жағдайдың" -> "-нақты жағдайдың"' in out
    assert 'specific_instance form 2 (ru): "конкретному случаю" -> "=1+1"' in out


def test_a_csv_cell_longer_than_the_csv_field_limit_is_a_located_error(project, capsys, tmp_path):
    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "definition")["term"] = "я" * 200_000
    reviewed = write_rows(tmp_path / "r.csv", rows)
    line = next(i for i, text in enumerate(reviewed.read_text(encoding="utf-8").splitlines(), 1) if "яяя" in text)
    before = (project / "data" / "glossary.yml").read_bytes()
    code, out = run(project, capsys, "import", str(reviewed), "--apply")
    assert code == 1 and "Traceback" not in out
    assert f"r.csv:{line}: (row): cannot be read as CSV (field larger than field limit (131072))" in out
    assert (project / "data" / "glossary.yml").read_bytes() == before


def test_an_imported_text_over_its_field_limit_is_refused(project, capsys, tmp_path):
    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "preferred")["term"] = "я" * 501
    before = (project / "data" / "glossary.yml").read_bytes()
    code, out = run(project, capsys, "import", str(write_rows(tmp_path / "r.csv", rows)), "--apply")
    assert code == 1 and "after import: is 501 characters long, more than the 500 allowed here" in out
    assert (project / "data" / "glossary.yml").read_bytes() == before


def test_an_imported_cell_holding_a_control_character_is_refused_at_its_csv_line(project, capsys, tmp_path):
    """The rule of every text (``limits.NOT_TEXT``): before, the import wrote them and the build then failed."""
    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "preferred")["term"] = "конкретный случай\x1b[31m"
    row(rows, "specific_instance", "en", "deprecated", 1)["reason_kk"] = "Сот\x07"
    reviewed = write_rows(tmp_path / "r.csv", rows)
    lines = reviewed.read_text(encoding="utf-8").splitlines()
    before = (project / "data" / "glossary.yml").read_bytes()
    code, out = run(project, capsys, "import", str(reviewed), "--apply")
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    term = next(i for i, text in enumerate(lines, 1) if "\x1b" in text)
    reason = next(i for i, text in enumerate(lines, 1) if "\x07" in text)
    assert (f"r.csv:{term}: term (ru): character 18 of the cell holds the control character U+001B, which no text "
            "may hold -- delete it from the cell") in out
    assert f"r.csv:{reason}: reason (kk): character 4 of the cell holds the control character U+0007" in out
    assert (project / "data" / "glossary.yml").read_bytes() == before


@pytest.mark.parametrize("failure", ["disk full", "SIGTERM"])
def test_import_apply_that_cannot_finish_writing_leaves_the_glossary_as_it_was(project, capsys, tmp_path,
                                                                                monkeypatch, failure):
    import errno
    import os
    import signal

    from ncp_site.core import files

    rows = export_rows(project, capsys)
    row(rows, "specific_instance", "ru", "form", 2)["term"] = "конкретному случаю (дат.)"
    reviewed = write_rows(tmp_path / "reviewed.csv", rows)
    data = project / "data"
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}

    def fsync(fd):
        if failure == "SIGTERM":
            os.kill(os.getpid(), signal.SIGTERM)
        else:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", fsync)
    code, out = run(project, capsys, "import", str(reviewed), "--apply")
    assert "Traceback" not in out
    if failure == "SIGTERM":
        assert code == 128 + signal.SIGTERM and "data/glossary.yml was left as it was" in out
    else:
        assert code == 1 and "data/glossary.yml:1: (file): could not be written (No space left on device)" in out
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before, "no temporary file, the glossary unchanged"
