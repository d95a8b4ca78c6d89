"""The glossary's TBX against the TBX-Basic rules it relies on, and as translate-toolkit (Weblate's reader) reads it.

No machine-readable TBX-Basic definition (RNG, XCS) is published on the package registries reachable
here, so each rule of TBX-Basic (LISA/TerminOrgs TBX-Basic, with its XCS ``TBXBasicXCSV02.xcs``) that
the export relies on is a test of its own: the document structure, the data categories and the levels
they may stand at, and their picklist values.
"""

from __future__ import annotations

import pytest
from builders import REPO, load
from lxml import etree
from translate.storage import tbx

from ncp_site import cli
from ncp_site.kinds.glossary import exchange

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# TBX-Basic's data categories: (element, type) -> the levels it may stand at
ALLOWED = {
    ("descrip", "subjectField"): {"termEntry"},
    ("descrip", "definition"): {"termEntry", "langSet"},
    ("descrip", "context"): {"tig"},
    ("admin", "source"): {"termEntry", "langSet", "tig"},
    ("admin", "customerSubset"): {"termEntry", "tig"},
    ("admin", "projectSubset"): {"termEntry", "tig"},
    ("termNote", "administrativeStatus"): {"tig"},
    ("termNote", "partOfSpeech"): {"tig"},
    ("termNote", "termType"): {"tig"},
    ("termNote", "grammaticalGender"): {"tig"},
    ("termNote", "geographicalUsage"): {"tig"},
    ("termNote", "termLocation"): {"tig"},
    ("transacGrp", None): {"termEntry", "langSet", "tig"},
    ("note", None): {"termEntry", "langSet", "tig"},
}
PICKLISTS = {
    "administrativeStatus": {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts"},
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "properNoun", "other"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "transactionType": {"origination", "modification"},
}


@pytest.fixture(scope="module")
def glossary():
    return load(REPO).data.glossary


@pytest.fixture(scope="module", params=[("ru", ("kk",)), ("ru", ("en",)), ("ru", None)], ids=["ru-kk", "ru-en", "all"])
def exported(request, glossary):
    source, targets = request.param
    text = exchange.export_tbx(glossary, source, targets)
    return source, targets, text, etree.fromstring(text.encode("utf-8"))


def test_structure_is_tbx_basic(exported):
    source, targets, text, root = exported
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">')
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert root.get(XML_LANG) == source, "the header's language is the source language"
    assert [c.tag for c in root] == ["martifHeader", "text"]
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    entries = root.findall("text/body/termEntry")
    assert entries and all(e.get("id") for e in entries)
    assert len({e.get("id") for e in entries}) == len(entries)
    for entry in entries:
        langs = [ls.get(XML_LANG) for ls in entry.findall("langSet")]
        assert langs[0] == source and len(langs) == len(set(langs))
        assert set(langs) == {source, *(targets or ("kk", "en"))}
        for lang_set in entry.findall("langSet"):
            assert lang_set.findall("tig"), "every langSet has a term"
            for tig in lang_set.findall("tig"):
                assert [c.tag for c in tig][0] == "term" and len(tig.findall("term")) == 1 and tig.findtext("term")


def _level(element) -> str:
    return element.getparent().tag


def test_only_tbx_basic_data_categories_at_their_levels(exported):
    *_, root = exported
    for element in root.iter("descrip", "admin", "termNote", "transacGrp", "note"):
        kind = element.get("type") if element.tag not in ("transacGrp", "note") else None
        assert (element.tag, kind) in ALLOWED, (element.tag, kind)
        assert _level(element) in ALLOWED[(element.tag, kind)], (element.tag, kind, _level(element))
    for element in root.iter("termNote", "transac"):
        kind = element.get("type")
        if kind in PICKLISTS:
            assert element.text in PICKLISTS[kind], (kind, element.text)
    for group in root.iter("transacGrp"):
        assert [c.tag for c in group][0] == "transac" and group.find("date") is not None
        assert all(c.get("type") == "responsibility" for c in group.findall("transacNote"))
    for tig in root.iter("tig"):
        statuses = tig.findall("termNote[@type='administrativeStatus']")
        assert len(statuses) == 1, "one administrative status per term"


def test_what_the_old_export_had_is_gone(exported):
    *_, text, root = exported
    for forbidden in ("grammaticalNumber", "elementWorkingStatus", ">approval<", "Reason: "):
        assert forbidden not in text


def test_forms_and_plurals_are_not_admitted_terms(exported, glossary):
    *_, root = exported
    for entry in root.iter("termEntry"):
        concept = glossary.concepts[entry.get("id")]
        for lang_set in entry.findall("langSet"):
            terms = concept.terms[lang_set.get(XML_LANG)]
            written = [t.findtext("term") for t in lang_set.findall("tig")]
            expected = list(dict.fromkeys([terms.preferred, *terms.admitted, *filter(None, [terms.abbreviation]),
                                           *(v.term for v in terms.deprecated)]))
            assert written == expected
            forms = set(terms.forms) | {terms.plural} - set(expected)
            assert not forms & set(written)


def test_deprecated_terms_carry_their_source_and_reason_in_their_own_language(exported, glossary):
    *_, root = exported
    checked = 0
    for entry in root.iter("termEntry"):
        concept = glossary.concepts[entry.get("id")]
        assert entry.findtext("admin[@type='source']") == concept.source
        for lang_set in entry.findall("langSet"):
            lang = lang_set.get(XML_LANG)
            for variant in concept.terms[lang].deprecated:
                tig = next(t for t in lang_set.findall("tig") if t.findtext("term") == variant.term)
                assert tig.findtext("termNote[@type='administrativeStatus']") == "deprecatedTerm-admn-sts"
                assert tig.findtext("admin[@type='source']") == variant.source
                assert [n.text for n in tig.findall("note")] == [variant.reason[lang]]
                checked += 1
    assert checked > 0


def test_translate_toolkit_reads_deprecated_terms_as_forbidden(exported, glossary):
    """translate-toolkit (what Weblate reads a TBX glossary with) marks a deprecated term deprecated."""
    source, targets, text, _ = exported
    target = (targets or ("kk",))[0]
    store = tbx.tbxfile.parsestring(text.encode("utf-8"), sourcelanguage=source, targetlanguage=target)
    assert [u.getid() for u in store.units] == list(glossary.concepts)
    seen = 0
    for unit in store.units:
        concept = glossary.concepts[unit.getid()]
        terms = {t.text: t for t in unit.get_target_terms()}
        assert terms[concept.terms[target].preferred].administrative_status == "preferredTerm-admn-sts"
        for variant in concept.terms[target].deprecated:
            assert terms[variant.term].deprecated, (unit.getid(), variant.term)
            seen += 1
        assert not terms[concept.terms[target].preferred].deprecated
        assert unit.source == concept.terms[source].preferred
    assert seen > 0


def test_definitions_in_each_language_and_approval_as_a_modification(exported, glossary):
    *_, root = exported
    for entry in root.iter("termEntry"):
        concept = glossary.concepts[entry.get("id")]
        for lang_set in entry.findall("langSet"):
            lang = lang_set.get(XML_LANG)
            assert lang_set.findtext("descrip[@type='definition']") == concept.definition[lang]
            group = lang_set.find("transacGrp")
            terms = concept.terms[lang]
            if terms.status == "approved":
                assert group.findtext("transac") == "modification"
                assert group.findtext("transacNote[@type='responsibility']") == terms.reviewed_by
                assert group.findtext("date") == terms.reviewed_on.isoformat()
            else:
                assert group is None


def test_pair_files_from_the_command(tmp_path, capsys):
    out = tmp_path / "kk.tbx"
    assert cli.main(["--root", str(REPO), "glossary", "export", "--target", "kk", "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    assert {ls.get(XML_LANG) for ls in root.iter("langSet")} == {"ru", "kk"}
    assert cli.main(["--root", str(REPO), "glossary", "export", "--target", "xx", "-o", str(out)]) == 2
    assert "--source/--target xx: not a language of this site" in capsys.readouterr().err
