"""The glossary for translators: TBX and CSV export, and a reviewed CSV imported back.

TBX (TBX-Basic style) is what Weblate and Crowdin import as a termbase: each concept is a
``termEntry``, each language a ``langSet``, each spelling a ``tig`` whose administrative status
is preferred, admitted or deprecated, so the translation tools warn about the deprecated ones.
A deprecated spelling's ``tig`` carries one ``Reason:`` note per site language, each with its
``xml:lang`` (the reason is written in every language, whatever the variant's own), and a
``Source:`` note. A language's ``review_note`` (what a terminologist should check) is a ``Review:``
note on its ``langSet``.

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

``ncp glossary import`` reads such a file back, lists every change it would make and writes them
only with ``--apply``, replacing just the changed values in ``data/glossary.yml`` (comments, order
and quoting stay as they were). It changes existing values and review statuses, and adds a missing
plural or abbreviation; it never deletes anything, and a new form, synonym or deprecated variant is
added to the YAML by hand. A reason cell left empty keeps the glossary's text in that language; a
changed one is listed under the variant's language and the reason's, e.g.
``specific_instance ru deprecated 1 reason (kk): "…" -> "…"``. A CSV exported before the reason was
localized (one ``reason`` column) is refused: export it again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ...core import translation_meta
from ...core.errors import DataError, display_path
from ...core.files import write_atomically
from ...core.opendata import FORMULA_START, is_formula, spreadsheet_safe  # noqa: F401 (FORMULA_START: part of this module's interface)
from ...core.validation import validate
from ...core.yamledit import Edit, apply, compose, insert_after, scalar_edit, value_at
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
            "reviewed_on")


# --- export -----------------------------------------------------------------------------------

def export_tbx(glossary: Glossary) -> str:
    """The whole glossary as TBX-Basic XML, in the data's order (deterministic)."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = (
        "Kazakhstan NCP glossary of the OECD Guidelines for Multinational Enterprises")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = (
        f"Generated from {glossary.path} by `ncp glossary export`; edit the glossary data, not this file.")
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for concept in glossary.concepts.values():
        body.append(_term_entry(concept))
    ET.indent(martif, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"


def _term_entry(concept: Concept) -> ET.Element:
    entry = ET.Element("termEntry", {"id": concept.id})
    ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = concept.category
    ET.SubElement(entry, "note").text = f"Source: {concept.source}"
    for lang, terms in concept.terms.items():
        lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
        ET.SubElement(lang_set, "descrip", {"type": "definition"}).text = concept.definition[lang]
        ET.SubElement(lang_set, "admin", {"type": "elementWorkingStatus"}).text = (
            "consolidatedElement" if terms.status == "approved" else "workingElement")
        if terms.status == "approved":
            transaction = ET.SubElement(lang_set, "transacGrp")
            ET.SubElement(transaction, "transac", {"type": "transactionType"}).text = "approval"
            ET.SubElement(transaction, "date").text = terms.reviewed_on.isoformat()
            ET.SubElement(transaction, "transacNote", {"type": "responsibility"}).text = terms.reviewed_by
        if terms.review_note:
            ET.SubElement(lang_set, "note").text = f"Review: {terms.review_note}"
        _tig(lang_set, terms.preferred, "preferred")
        if terms.plural:
            _tig(lang_set, terms.plural, "admitted", grammaticalNumber="plural")
        if terms.abbreviation:
            _tig(lang_set, terms.abbreviation, "admitted", termType="abbreviation")
        for form in terms.forms:
            _tig(lang_set, form, "admitted", termType="variant")
        for synonym in terms.admitted:
            _tig(lang_set, synonym, "admitted")
        for variant in terms.deprecated:
            for spelling in (variant.term, *variant.forms):
                tig = _tig(lang_set, spelling, "deprecated")
                for code, reason in variant.reason.items():
                    ET.SubElement(tig, "note", {XML_LANG: code}).text = f"Reason: {reason}"
                ET.SubElement(tig, "note").text = f"Source: {variant.source}"
    return entry


def _tig(lang_set: ET.Element, text: str, status: str, **notes: str) -> ET.Element:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = ADMIN_STATUS[status]
    for kind, value in notes.items():
        ET.SubElement(tig, "termNote", {"type": kind}).text = value
    return tig


def csv_rows(glossary: Glossary) -> list[dict[str, str]]:
    rows = []
    for concept in glossary.concepts.values():
        for lang in glossary.languages:
            t = concept.terms[lang]

            def row(kind, term, n="", reasons=None, source="", **review):
                rows.append({"id": concept.id, "lang": lang, "status": kind, "n": str(n), "term": term,
                             **{REASON + code: (reasons or {}).get(code, "") for code in glossary.languages},
                             "source": source, "review_status": "", "reviewed_by": "", "reviewed_on": "", **review})

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
    new: str
    insert_after: tuple | None = None  # a key that does not exist yet is added after this sibling

    def __str__(self) -> str:
        old = "(none)" if self.old is None else f'"{self.old}"'
        return f'{self.label} ({self.lang}): {old} -> "{self.new}"'


@dataclass
class ImportResult:
    changes: list[Change]
    errors: list[DataError]
    glossary_path: str
    applied: bool = False
    warnings: list[DataError] = field(default_factory=list)  # printed, but the import goes on


def import_csv(project, csv_path: Path, apply_changes: bool = False) -> ImportResult:
    """Compare a reviewed CSV with the glossary; with ``apply_changes``, write the changes surgically."""
    root = project.config.root
    yaml_path = project.config.data_dir / "glossary.yml"
    shown = display_path(yaml_path, root)
    glossary, doc = project.loaded.get("glossary"), project.sources.docs.get(shown)
    errors = [e for e in project.errors if e.path == shown]
    if glossary is None or doc is None or errors:
        return ImportResult([], errors + [DataError(shown, 1, "(file)", "the glossary has errors",
                                                    "fix them (ncp check) before importing a CSV")], shown)
    warnings: list[DataError] = []
    changes, errors = _changes(glossary, doc, csv_path, root, warnings)
    result = ImportResult(changes, errors, doc.path, warnings=warnings)
    if errors or not changes or not apply_changes:
        return result
    new_text, problems = _edited(doc.text, doc, changes, glossary.languages)
    if problems:
        result.errors += problems
        return result
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
                              "export the CSV as UTF-8")]
    if "\0" in text:
        return [], [DataError(shown, text.count("\n", 0, text.index("\0")) + 1, "(file)", "holds a NUL character",
                              "this is not a CSV text file: export the CSV again")]
    reader = csv.reader(io.StringIO(text))
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
        rows.append((line, {h: _cell(v, line, h, lang, shown, warnings) for h, v in zip(header, values)}))
    return rows, errors


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


def _changes(glossary: Glossary, doc: YamlDoc, csv_path: Path, root: Path,
             warnings: list[DataError] | None = None) -> tuple[list[Change], list[DataError]]:
    shown = display_path(csv_path, root)
    rows, errors = _read_rows(csv_path, shown, glossary.languages, warnings)
    index = {c.id: i for i, c in enumerate(glossary.concepts.values())}
    changes: dict[tuple, tuple[Change, int]] = {}

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

    for line, row in rows:
        cid, lang, kind = row["id"].strip(), row["lang"].strip(), row["status"].strip()
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
        base = ("concepts", index[cid], "terms", lang)
        entry = glossary.entry(cid, lang)
        term = row["term"].strip()
        label = f"{cid} {kind}" + (f" {row['n'].strip()}" if kind in _LISTS else "")
        if not term:
            bad("term", "is empty", "write the text; to delete a value, edit data/glossary.yml by hand")
            continue
        if kind in _LISTS:
            items = getattr(entry, _LISTS[kind])
            try:
                n = int(row["n"])
            except ValueError:
                n = 0
            if not 1 <= n <= len(items):
                bad("n", f"{kind} number '{row['n']}' does not exist in {cid} ({lang}: {len(items)})",
                    f"add a new {kind} to {doc.path} by hand (import changes existing values only)")
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
    return [c for c, _ in changes.values()], errors


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
        try:
            dt.date.fromisoformat(when)
        except ValueError:
            bad("reviewed_on", f"'{when}' is not a date", "write the date as YYYY-MM-DD")
            return
    if who:
        change(line, base + ("reviewed_by",), f"{cid} reviewed_by", lang, who, after=base + ("status",))
    if when:
        change(line, base + ("reviewed_on",), f"{cid} reviewed_on", lang, when, after=base + ("status",))


def _current(doc: YamlDoc, loc: tuple) -> str | None:
    try:
        value = value_at(doc.data, loc)
    except (KeyError, IndexError, TypeError):
        return None
    return None if value is None else str(value)


def _edited(text: str, doc: YamlDoc, changes: list[Change], languages) -> tuple[str, list[DataError]]:
    """The glossary text with the changes made, verified to differ from the original in those values only."""
    root = compose(text)
    edits: list[Edit] = []
    expected = yaml.load(text, Loader=Loader)
    for c in sorted(changes, key=lambda c: c.loc, reverse=True):  # reviewed_on is inserted after reviewed_by
        is_date = c.loc[-1] == "reviewed_on"  # a YAML date, written unquoted
        try:
            if c.old is None:
                edits.append(insert_after(text, root, c.insert_after, c.loc[-1], c.new, verbatim=is_date))
            else:
                edits.append(scalar_edit(text, root, c.loc, c.new, verbatim=is_date))
        except KeyError as exc:
            return text, [DataError(doc.path, c.line, c.label, f"cannot be changed in place ({exc})",
                                    "make this change in the YAML by hand", c.lang)]
        parent = value_at(expected, c.loc[:-1])
        parent[c.loc[-1]] = dt.date.fromisoformat(c.new) if is_date else c.new
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
        _, more = validate(GlossaryFile, parsed_doc.data, parsed_doc, languages)
        errors += more
    return [DataError(e.path, e.line, e.field, "after import: " + e.problem, "nothing was written; " + e.fix, e.lang)
            for e in errors]


def _stripped(data):
    if isinstance(data, str):
        return data.strip()
    if isinstance(data, dict):
        return {k: _stripped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_stripped(v) for v in data]
    return data
