"""The glossary for translators: TBX and CSV export, and a reviewed CSV imported back.

TBX-Basic is what Weblate, Crowdin, memoQ and Trados import as a termbase: each concept is a
``termEntry``, each language a ``langSet``, each term a ``tig`` whose administrative status is
preferred, admitted or deprecated, so the translation tools warn about the deprecated ones (see
``export_tbx``). One file per language pair is what a Weblate glossary of that language reads.

CSV is for reviewers who work in a spreadsheet: one row per concept × language × term, with
these columns (for a kk/ru/en site):

``id``            the concept id (``specific_instance``)
``lang``          kk, ru or en
``status``        what the row is: ``preferred``, ``plural``, ``abbreviation``, ``form``, ``admitted``,
                  ``deprecated`` or ``definition``
``n``             the position (1, 2, ...) of a ``form``, ``admitted`` or ``deprecated`` row in its list
``term``          the text (the definition itself on a ``definition`` row)
``reason_kk``, ``reason_ru``, ``reason_en``
                  on ``deprecated`` rows: why the variant must not be used, one column per site language
                  (a Russian variant's row holds its reason in Kazakh, Russian and English alike:
                  the variant is the row's language, its reason a text in every language, side by side
                  as a translator compares them; columns rather than rows keep one row per variant)
``source``        the source of a ``deprecated`` variant; on a ``preferred`` row, the source of the concept
``review_status`` on ``preferred`` rows: ``draft`` or ``approved``
``reviewed_by``, ``reviewed_on``  on ``preferred`` rows: who approved the language's terms, and when

``action``        empty, or ``delete`` on a row whose term is to be removed (a form, a synonym, a deprecated
                  variant, a plural or an abbreviation; a preferred term or a definition is changed, not deleted)

``ncp glossary import`` reads such a file back (comma- or semicolon-separated, as Excel writes it in a
Russian or Kazakh locale; dates as YYYY-MM-DD or DD.MM.YYYY), lists every change it would make and
writes them only with ``--apply``, replacing just the changed values in ``data/glossary.yml`` (comments,
order and quoting stay as they were):

- a changed cell changes that value; an empty reason cell keeps the glossary's text in that language,
  a changed one is listed under the variant's language and the reason's
  (``specific_instance ru deprecated 1 reason (kk): "…" -> "…"``);
- a new row (``n`` empty, or after the last number) adds a form, a synonym or a deprecated variant (which
  needs its reason in every language and its source); a deprecated variant that was an admitted synonym
  or a form is removed from there: that is how a term is deprecated;
- ``delete`` in the ``action`` column removes the row's term (the row must still match the glossary).

A CSV exported before the reason was localized (one ``reason`` column) is refused: export it again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree
from translate.storage import tbx

from ...core import translation_meta
from ...core.errors import DataError, display_path
from ...core.files import write_atomically
from ...core.limits import NOT_TEXT, character_problem
from ...core.opendata import FORMULA_START, is_formula, spreadsheet_safe  # noqa: F401 (FORMULA_START: part of this module's interface)
from ...core.validation import validate
from ...core.yamledit import (Edit, append_items, apply, compose, delete_item, delete_key, insert_after,
                               insert_key_before, scalar_edit, value_at)
from ...core.yamlsrc import Loader, YamlDoc, parse_yaml, read_bounded
from .model import Concept, Glossary, GlossaryFile

REASON = "reason_"
"""The reason columns are named ``reason_<lang>``, one per site language."""
REQUIRED_COLUMNS = ("id", "lang", "status", "n", "term")
ROW_KINDS = ("preferred", "plural", "abbreviation", "form", "admitted", "deprecated", "definition")
_LISTS = {"form": "forms", "admitted": "admitted", "deprecated": "deprecated"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                "deprecated": "deprecatedTerm-admn-sts"}


def columns(languages) -> tuple[str, ...]:
    """The CSV's columns, in order, for a site's languages (``reason_kk, reason_ru, reason_en`` on kk/ru/en)."""
    return (*REQUIRED_COLUMNS, *(REASON + code for code in languages), "source", "review_status", "reviewed_by",
            "reviewed_on", "action")


# --- export -----------------------------------------------------------------------------------

PART_OF_SPEECH = {
    "title": "properNoun", "institution": "properNoun", "general": "noun", "procedure": "noun", "principle": "noun",
    "chapter": "noun", "submitter_type": "noun", "sector": "noun", "stage": "noun", "statement_kind": "noun",
    "stakeholder_group": "noun", "event_kind": "noun", "event_format": "noun", "plan_category": "noun",
    "report_kind": "noun",
}
"""TBX-Basic's partOfSpeech where a category's terms are all of one kind (names of documents and bodies are
proper nouns; concepts, chapters and groups are nouns); statuses, outcomes and roles mix adjectives and
phrases, so theirs is left out."""


def export_tbx(glossary: Glossary, source: str | None = None, targets: tuple[str, ...] | None = None) -> str:
    """The glossary as TBX-Basic, in the data's order (deterministic), written by translate-toolkit.

    ``source`` (the header's language, default the site's source language) and ``targets`` (default
    every other language) choose the langSets: one pair (ru, kk) is the file a Weblate glossary
    component of that language reads; all three languages make the whole termbase. Only TBX-Basic
    data categories are used (``tests/kinds/glossary/test_tbx_basic.py`` checks each rule):

    - termEntry: ``descrip type="subjectField"`` (the category), ``admin type="source"``;
    - langSet: ``descrip type="definition"``; an approved language's review as a ``transacGrp``
      (``transactionType`` modification, the reviewer as ``responsibility``, the date); what a
      terminologist should check (``review_note``) as a ``note`` starting ``Review:``;
    - tig: the term, ``termNote`` administrativeStatus (preferred, admitted for synonyms and the
      abbreviation, deprecated for a variant), partOfSpeech where known, termType abbreviation;
      a deprecated variant's ``admin type="source"`` and its reason as a ``note`` in the variant's
      own language.

    Inflected forms and plurals are not terms of their own (they are the same term, declined) and are
    left out; so are a deprecated variant's forms.
    """
    languages = glossary.languages
    source = source or languages.source
    targets = tuple(targets) if targets is not None else tuple(lang for lang in languages if lang != source)
    store = tbx.tbxfile(sourcelanguage=source)
    _tbx_basic_header(store, glossary, source, targets)
    for concept in glossary.concepts.values():
        unit = store.addsourceunit(concept.terms[source].preferred)
        unit.setid(concept.id)
        for lang in (source, *targets):
            terms = concept.terms[lang]
            spellings = list(dict.fromkeys([terms.preferred, *terms.admitted, *filter(None, [terms.abbreviation]),
                                            *(variant.term for variant in terms.deprecated)]))
            if lang == source:
                unit.set_source_terms(spellings)
            else:
                unit.set_target_terms(spellings, lang)
        _tbx_basic_data(unit, concept, (source, *targets))
    etree.indent(store.document, space="    ")
    return bytes(store).decode("utf-8")


def _tbx_basic_header(store, glossary: Glossary, source: str, targets: tuple[str, ...]) -> None:
    """TBX-Basic's martif type and header, in place of translate-toolkit's TBX skeleton."""
    document = store.document
    document.docinfo.system_url = "TBXBasiccoreStructV02.dtd"
    document.docinfo.public_id = None
    martif = document.getroot()
    martif.set("type", "TBX-Basic")
    martif.set(XML_LANG, source)
    header = martif.find("martifHeader")
    header.clear()
    file_desc = etree.SubElement(header, "fileDesc")
    pair = " / ".join((source, *targets))
    etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title").text = (
        f"Kazakhstan NCP glossary of the OECD Guidelines for Multinational Enterprises ({pair})")
    etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p").text = (
        f"Generated from {glossary.path} by `ncp glossary export`; edit the glossary data, not this file.")
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"


def _tbx_basic_data(unit, concept: Concept, langs: tuple[str, ...]) -> None:
    entry = unit.xmlelement
    first = entry.find("langSet")
    for element in (_element("descrip", "subjectField", concept.category), _element("admin", "source", concept.source)):
        first.addprevious(element)
    for lang_set in entry.findall("langSet"):
        lang = lang_set.get(XML_LANG)
        terms = concept.terms[lang]
        head = lang_set.find("tig")
        head.addprevious(_element("descrip", "definition", concept.definition[lang]))
        if terms.status == "approved":
            group = etree.Element("transacGrp")
            group.append(_element("transac", "transactionType", "modification"))
            group.append(_element("transacNote", "responsibility", terms.reviewed_by))
            etree.SubElement(group, "date").text = terms.reviewed_on.isoformat()
            head.addprevious(group)
        if terms.review_note:
            review = etree.Element("note")
            review.text = f"Review: {terms.review_note}"
            head.addprevious(review)
        deprecated = {variant.term: variant for variant in terms.deprecated}
        for tig in lang_set.findall("tig"):
            text = tig.findtext("term")
            variant = deprecated.get(text) if text not in (terms.preferred, *terms.admitted, terms.abbreviation) else None
            status = ("preferred" if text == terms.preferred else "deprecated" if variant is not None else "admitted")
            tig.append(_element("termNote", "administrativeStatus", ADMIN_STATUS[status]))
            if concept.category in PART_OF_SPEECH:
                tig.append(_element("termNote", "partOfSpeech", PART_OF_SPEECH[concept.category]))
            if text == terms.abbreviation and text != terms.preferred:
                tig.append(_element("termNote", "termType", "abbreviation"))
            if variant is not None:
                tig.append(_element("admin", "source", variant.source))
                etree.SubElement(tig, "note").text = variant.reason[lang]


def _element(tag: str, kind: str, text: str):
    element = etree.Element(tag, {"type": kind})
    element.text = text
    return element


def csv_rows(glossary: Glossary) -> list[dict[str, str]]:
    rows = []
    for concept in glossary.concepts.values():
        for lang in glossary.languages:
            t = concept.terms[lang]

            def row(kind, term, n="", reasons=None, source="", **review):
                rows.append({"id": concept.id, "lang": lang, "status": kind, "n": str(n), "term": term,
                             **{REASON + code: (reasons or {}).get(code, "") for code in glossary.languages},
                             "source": source, "review_status": "", "reviewed_by": "", "reviewed_on": "", "action": "",
                             **review})

            row("preferred", t.preferred, source=concept.source, review_status=t.status,
                reviewed_by=t.reviewed_by or "", reviewed_on=t.reviewed_on.isoformat() if t.reviewed_on else "")
            if t.plural:
                row("plural", t.plural)
            if t.abbreviation:
                row("abbreviation", t.abbreviation)
            for i, form in enumerate(t.forms, 1):
                row("form", form, i)
            for i, synonym in enumerate(t.admitted, 1):
                row("admitted", synonym, i)
            for i, variant in enumerate(t.deprecated, 1):
                row("deprecated", variant.term, i, variant.reason, variant.source)
            row("definition", concept.definition[lang])
    return rows


def export_csv(glossary: Glossary) -> str:
    """The CSV for reviewers. A text that a spreadsheet would run as a formula (it starts with
    ``= + - @``, a tab or a carriage return) is written with a leading ``'``, which spreadsheets show
    as text; so is a text that already starts with ``'`` before such a character, so that
    ``import_csv`` (which removes one ``'`` there) gives back exactly the glossary's text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(glossary.languages), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in r.items()} for r in csv_rows(glossary))
    return out.getvalue()


# --- import -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One value the CSV changes: where it is in the YAML, and its old and new text."""

    loc: tuple
    line: int
    label: str
    lang: str
    old: str | None
    new: str | None
    """The new text; None when the row deletes the value."""
    insert_after: tuple | None = None  # a key that does not exist yet is added after this sibling
    op: str = "set"
    """``set`` a value, ``append`` a list item (``item``), ``delete`` a list item or a key."""
    item: object = None

    def __str__(self) -> str:
        old = "(none)" if self.old is None else f'"{self.old}"'
        new = "(deleted)" if self.new is None else f'"{self.new}"'
        return f"{self.label} ({self.lang}): {old} -> {new}"


@dataclass
class ImportResult:
    changes: list[Change]
    errors: list[DataError]
    glossary_path: str
    applied: bool = False
    warnings: list[DataError] = field(default_factory=list)  # printed, but the import goes on
    new_text: str | None = None
    """The glossary's text after the changes (when they can be made)."""


def import_csv(project, csv_path: Path, apply_changes: bool = False, write: bool = True) -> ImportResult:
    """Compare a reviewed CSV with the glossary; ``new_text`` is the glossary with the changes made in place.

    With ``apply_changes`` and ``write`` the glossary is written (the command writes it itself with the
    pages whose ``term()`` calls follow a changed spelling: ``write=False``).
    """
    root = project.config.root
    yaml_path = project.config.data_dir / "glossary.yml"
    shown = display_path(yaml_path, root)
    glossary, doc = project.data.glossary, project.sources.docs.get(shown)
    errors = [e for e in project.errors if e.path == shown]
    if glossary is None or doc is None or errors:
        return ImportResult([], errors + [DataError(shown, 1, "(file)", "the glossary has errors",
                                                    "fix them (ncp check) before importing a CSV")], shown)
    warnings: list[DataError] = []
    changes, errors = _changes(glossary, doc, csv_path, root, warnings)
    result = ImportResult(changes, errors, doc.path, warnings=warnings)
    if errors or not changes:
        return result
    new_text, problems = _edited(doc.text, doc, changes, glossary.languages)
    if problems:
        result.errors += problems
        return result
    result.new_text = new_text
    if apply_changes and write:
        write_atomically(yaml_path, new_text, shown)
        result.applied = True
    return result


def _read_rows(csv_path: Path, shown: str, languages,
               warnings: list[DataError] | None = None) -> tuple[list[tuple[int, dict]], list[DataError]]:
    raw, errors = read_bounded(Path(csv_path), shown)
    if raw is None:
        return [], errors
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [DataError(shown, raw[:exc.start].count(b"\n") + 1, "(file)", f"is not valid UTF-8 ({exc.reason})",
                              "export the CSV as UTF-8 (in Excel: Save As, \"CSV UTF-8\")")]
    if "\0" in text:
        return [], [DataError(shown, text.count("\n", 0, text.index("\0")) + 1, "(file)", "holds a NUL character",
                              "this is not a CSV text file: export the CSV again")]
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","  # Excel in a ru/kk locale writes ;
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _rows(reader, shown, columns(languages), warnings)
    except csv.Error as exc:  # a cell longer than the csv module's field limit, say
        return [], [DataError(shown, reader.line_num or 1, "(row)", f"cannot be read as CSV ({exc})",
                              "check the quotes in this row: an unclosed quote makes the rest of the file one cell")]


def _rows(reader, shown: str, known: tuple[str, ...],
          warnings: list[DataError] | None) -> tuple[list[tuple[int, dict]], list[DataError]]:
    header = next(reader, None)
    if header is None:
        return [], [DataError(shown, 1, "(header)", "the file is empty", "start from `ncp glossary export --format csv`")]
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in known]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    errors = []
    if unknown or missing:
        reasons = [c for c in known if c.startswith(REASON)]
        fix = (f"the reason has one column per language ({', '.join(reasons)}): export the CSV again "
               "and copy the reviewed texts into it" if "reason" in unknown
               else f"keep the exported columns: {', '.join(known)}")
        errors.append(DataError(shown, 1, "(header)",
                                f"unknown column(s) {unknown}" if unknown else f"missing column(s) {missing}", fix))
        return [], errors
    rows, previous_end = [], reader.line_num
    for values in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            errors.append(DataError(shown, line, "(row)", f"has {len(values)} cells, the header {len(header)}",
                                    "keep one cell per column (quote texts that contain commas)"))
            continue
        lang = values[header.index("lang")].strip()
        refused = [_character_error(v, found, line, h, lang, shown) for h, v in zip(header, values)
                   if (found := NOT_TEXT.search(v))]
        if refused:
            errors += refused
            continue
        rows.append((line, {h: _cell(v, line, h, lang, shown, warnings) for h, v in zip(header, values)}))
    return rows, errors


def _character_error(value: str, found, line: int, column: str, lang: str, shown: str) -> DataError:
    """A cell holding a character no text may hold (``limits.NOT_TEXT``), as the data's own check reports it."""
    field, lang = ("reason", column[len(REASON):]) if column.startswith(REASON) else (column, lang)
    return DataError(shown, line, field, f"character {found.start() + 1} of the cell holds "
                     f"{character_problem(found.group())}, which no text may hold",
                     "delete it from the cell (it may have been pasted in with the text), then import again",
                     lang or None)


def _cell(value: str, line: int, column: str, lang: str, shown: str, warnings: list[DataError] | None) -> str:
    """A cell's text: the ``'`` that ``export_csv`` put before a formula character is removed; a
    cell that starts a formula without it (typed or pasted in a spreadsheet) is reported (a reason
    cell under the language of its column: ``reason (kk)``)."""
    if value.startswith("'") and is_formula(value.lstrip("'")):
        return value[1:]
    if is_formula(value) and warnings is not None:
        field, lang = ("reason", column[len(REASON):]) if column.startswith(REASON) else (column, lang)
        warnings.append(DataError(
            shown, line, field, f"warning: {value[:20]!r} starts with {value[0]!r}, which a spreadsheet runs as a formula",
            "check the text (a formula's result may have replaced it); it is imported as written",
            lang or None))
    return value


def _day(text: str) -> str | None:
    """An ISO date from ``YYYY-MM-DD`` or Excel's ``DD.MM.YYYY`` (ru/kk locales); None when neither."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _changes(glossary: Glossary, doc: YamlDoc, csv_path: Path, root: Path,
             warnings: list[DataError] | None = None) -> tuple[list[Change], list[DataError]]:
    shown = display_path(csv_path, root)
    rows, errors = _read_rows(csv_path, shown, glossary.languages, warnings)
    index = {c.id: i for i, c in enumerate(glossary.concepts.values())}
    changes: dict[tuple, tuple[Change, int]] = {}
    added: dict[tuple, list] = {}
    deleted: set[tuple] = set()

    def change(line: int, loc: tuple, label: str, lang: str, new: str, after: tuple | None = None):
        old = _current(doc, loc)
        if old is not None and old.strip() == new.strip():
            return
        if loc in changes and changes[loc][0].new != new:
            errors.append(DataError(shown, line, label, f'conflicts with line {changes[loc][1]} ("{changes[loc][0].new}")',
                                    "give one value"))
            return
        changes[loc] = (Change(loc, doc.line(loc if old is not None else (after or loc)), label, lang, old, new,
                               after if old is None else None), line)

    def delete(line: int, loc: tuple, label: str, lang: str):
        if loc not in deleted:
            deleted.add(loc)
            changes[("delete", *loc)] = (Change(loc, doc.line(loc), label, lang, _current(doc, loc), None,
                                                op="delete"), line)

    for line, row in rows:
        cid, lang, kind = row["id"].strip(), row["lang"].strip(), row["status"].strip()
        action = row.get("action", "").strip().lower()

        def bad(field, problem, fix):
            errors.append(DataError(shown, line, field, problem, fix, lang if lang in glossary.languages else None))
        if cid not in index:
            bad("id", f"'{cid}' is not a concept of the glossary", f"use an id from {doc.path} (see `ncp glossary export`)")
            continue
        if lang not in glossary.languages:
            bad("lang", f"'{lang}' is not a language of this site", "write kk, ru or en")
            continue
        if kind not in ROW_KINDS:
            bad("status", f"'{kind}' is not a row status", f"use one of: {', '.join(ROW_KINDS)}")
            continue
        if action not in ("", "delete"):
            bad("action", f"'{action}' is not an action", "leave it empty, or write delete to remove the row's term")
            continue
        base = ("concepts", index[cid], "terms", lang)
        entry = glossary.entry(cid, lang)
        term = row["term"].strip()
        n_text = row["n"].strip()
        label = f"{cid} {kind}" + (f" {n_text}" if kind in _LISTS and n_text else "")
        if not term:
            bad("term", "is empty", "write the text; to delete the term, write delete in the action column")
            continue
        if action == "delete":
            _delete_row(kind, entry, base, n_text, term, line, label, lang, delete, bad)
            continue
        if kind in _LISTS:
            items = getattr(entry, _LISTS[kind])
            if n_text and not n_text.isdigit():
                bad("n", f"'{n_text}' is not a number", "leave n empty for a new term, or keep the exported number")
                continue
            n = int(n_text) if n_text else 0
            spelled = [i.term if kind == "deprecated" else i for i in items]
            if not 1 <= n <= len(items):  # a new term: n left empty, or numbered after the last one
                if term in spelled:
                    continue
                value = term
                if kind == "deprecated":
                    reasons = {code: row.get(REASON + code, "").strip() for code in glossary.languages}
                    source = row.get("source", "").strip()
                    if not all(reasons.values()) or not source:
                        bad("reason", "a new deprecated variant needs its reason in every language and its source",
                            f"fill {', '.join(REASON + c for c in glossary.languages)} and source")
                        continue
                    value = {"term": term, "reason": reasons, "source": source}
                    for other in ("admitted", "forms"):  # deprecating a synonym: it is no longer accepted
                        if term in getattr(entry, other):
                            at = getattr(entry, other).index(term)
                            delete(line, base + (other, at), f"{cid} {'form' if other == 'forms' else other} {at + 1}",
                                   lang)
                added.setdefault(base + (_LISTS[kind],), []).append((line, f"{cid} {kind} (new)", lang, value))
                continue
            if kind == "deprecated":
                loc = base + ("deprecated", n - 1)
                change(line, loc + ("term",), label + " term", lang, term)
                if row.get("source", "").strip():
                    change(line, loc + ("source",), f"{label} source", lang, row["source"].strip())
                for code in glossary.languages:  # the variant's reason in every language, each its own value
                    if row.get(REASON + code, "").strip():
                        change(line, loc + ("reason", code), f"{cid} {lang} deprecated {n} reason", code,
                               row[REASON + code].strip())
            else:
                change(line, base + (_LISTS[kind], n - 1), label, lang, term)
        elif kind == "definition":
            change(line, ("concepts", index[cid], "definition", lang), label, lang, term)
        elif kind in ("plural", "abbreviation"):
            change(line, base + (kind,), label, lang, term, after=base + ("preferred",))
        else:  # preferred: the term, the concept's source, the language's review
            change(line, base + ("preferred",), label, lang, term)
            if row.get("source", "").strip():
                change(line, ("concepts", index[cid], "source"), f"{cid} source", lang, row["source"].strip())
            _review_changes(row, line, base, cid, lang, change, bad)
    for loc, items in added.items():
        exists = _current_node(doc, loc) is not None
        for line, label, lang, value in items:
            shown_value = value["term"] if isinstance(value, dict) else value
            changes[("append", *loc, shown_value)] = (Change(loc, doc.line(loc if exists else loc[:-1]), label, lang,
                                                             None, shown_value, op="append", item=value), line)
    return [c for c, _ignored in changes.values()], errors


def _delete_row(kind, entry, base, n_text, term, line, label, lang, delete, bad) -> None:
    if kind in ("preferred", "definition"):
        bad("action", f"a {kind} cannot be deleted", "change its text instead (every concept has one per language)")
        return
    if kind in ("plural", "abbreviation"):
        if getattr(entry, kind) != term:
            bad("term", f"'{term}' is not the glossary's {kind}", "export the CSV again and mark the row there")
            return
        delete(line, base + (kind,), label, lang)
        return
    items = getattr(entry, _LISTS[kind])
    n = int(n_text) if n_text.isdigit() else 0
    spelled = [i.term if kind == "deprecated" else i for i in items]
    if not 1 <= n <= len(items) or spelled[n - 1] != term:
        bad("n", f"{kind} {n_text or '(no number)'} '{term}' is not in the glossary as exported",
            "export the CSV again and write delete on the row of the term to remove")
        return
    delete(line, base + (_LISTS[kind], n - 1), label, lang)


def _review_changes(row: dict, line: int, base: tuple, cid: str, lang: str, change, bad) -> None:
    status = row.get("review_status", "").strip()
    if not status:
        return
    if status not in ("draft", "approved"):
        bad("review_status", f"'{status}' is not a review status", "write draft or approved")
        return
    change(line, base + ("status",), f"{cid} review_status", lang, status)
    who, when = row.get("reviewed_by", "").strip(), row.get("reviewed_on", "").strip()
    if status == "approved" and not (who and when):
        bad("reviewed_by", "an approved term needs a reviewer and a date",
            "fill reviewed_by and reviewed_on (YYYY-MM-DD), or keep review_status draft")
        return
    if when:
        day = _day(when)
        if day is None:
            bad("reviewed_on", f"'{when}' is not a date", "write the date as YYYY-MM-DD (or DD.MM.YYYY)")
            return
        when = day
    if who:
        change(line, base + ("reviewed_by",), f"{cid} reviewed_by", lang, who, after=base + ("status",))
    if when:
        change(line, base + ("reviewed_on",), f"{cid} reviewed_on", lang, when, after=base + ("status",))


def _current(doc: YamlDoc, loc: tuple) -> str | None:
    try:
        value = value_at(doc.data, loc)
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(value, dict):
        return str(value.get("term"))
    return None if value is None else str(value)


def _current_node(doc: YamlDoc, loc: tuple):
    try:
        return value_at(doc.data, loc)
    except (KeyError, IndexError, TypeError):
        return None


def _edited(text: str, doc: YamlDoc, changes: list[Change], languages) -> tuple[str, list[DataError]]:
    """The glossary text with the changes made, verified to differ from the original in those values only."""
    root = compose(text)
    edits: list[Edit] = []
    expected = yaml.load(text, Loader=Loader)
    appended: dict[tuple, list[Change]] = {}
    for c in changes:
        if c.op == "append":
            appended.setdefault(c.loc, []).append(c)
    try:
        for c in sorted((c for c in changes if c.op == "set"), key=lambda c: c.loc, reverse=True):
            is_date = c.loc[-1] == "reviewed_on"  # a YAML date, written unquoted
            new = c.new or ""  # a set always has its new text (a deletion is op "delete")
            if c.old is None:
                edits.append(insert_after(text, root, c.insert_after or (), c.loc[-1], new, verbatim=is_date))
            else:
                edits.append(scalar_edit(text, root, c.loc, new, verbatim=is_date))
            parent = value_at(expected, c.loc[:-1])
            parent[c.loc[-1]] = dt.date.fromisoformat(new) if is_date else new
        for loc, group in appended.items():
            items = [c.item for c in group]
            if _current_node(doc, loc) is not None:
                edits.append(append_items(text, root, loc, items))
                value_at(expected, loc).extend(items)
            else:
                edits.append(insert_key_before(text, root, loc[:-1], "status", loc[-1], items))
                value_at(expected, loc[:-1])[loc[-1]] = list(items)
        for c in sorted((c for c in changes if c.op == "delete"), key=lambda c: c.loc, reverse=True):
            if isinstance(c.loc[-1], int):
                edits.append(delete_item(text, root, c.loc))
            else:
                edits.append(delete_key(text, root, c.loc))
            del value_at(expected, c.loc[:-1])[c.loc[-1]]
    except KeyError as exc:
        return text, [DataError(doc.path, c.line, c.label, f"cannot be changed in place ({exc})",
                                "make this change in the YAML by hand", c.lang)]
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    if any(a.end > b.start for a, b in zip(ordered, ordered[1:])):
        return text, [DataError(doc.path, 1, "(file)", "two changes of the CSV touch the same lines of the glossary",
                                "import them one at a time (two CSVs), or make them by hand")]
    new_text = apply(text, edits)
    problems = _verify(new_text, expected, doc, languages)
    return new_text, problems
def _verify(new_text: str, expected, doc: YamlDoc, languages) -> list[DataError]:
    """The edited text must parse to the expected data (stripped texts) and still be a valid glossary."""
    try:
        got = yaml.load(new_text, Loader=Loader)
    except yaml.YAMLError as exc:
        return [DataError(doc.path, 1, "(file)", f"the edited glossary would not be valid YAML ({exc})",
                          "nothing was written; make the change by hand")]
    if _stripped(got) != _stripped(expected):
        return [DataError(doc.path, 1, "(file)", "the edit would change more than the listed values",
                          "nothing was written; make the change by hand")]
    parsed_doc, errors = parse_yaml(new_text, doc.path)
    if parsed_doc is not None:
        errors += translation_meta.extract(parsed_doc, languages)
        _ignored, more = validate(GlossaryFile, parsed_doc.data, parsed_doc, languages)
        errors += more
    return [DataError(e.path, e.line, e.field, f"after import: {e.problem}", f"nothing was written; {e.fix}", e.lang)
            for e in errors]


def _stripped(data):
    if isinstance(data, str):
        return data.strip()
    if isinstance(data, dict):
        return {k: _stripped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_stripped(v) for v in data]
    return data
