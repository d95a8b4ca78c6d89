"""XLIFF 2.0 and PO files of translation units, written and read with translate-toolkit.

XLIFF 2.0 (the default): one ``<unit>`` per translation unit, its ``name`` the unit's key
(``data/cases/kz0003.yml#summary``), its notes (``location``: ``path:line``; ``source-language``;
``ncp-state``; a stale unit's ``previous-source`` and ``source-diff``), one ``<segment>`` whose
``state`` is ``initial`` (new, or stale: then ``subState="ncp:stale"``), ``translated``
(unreviewed) or ``reviewed``. Inline codes are ``<pc>`` and ``<ph>`` with the markup they stand
for in ``dispStart``/``dispEnd``/``disp`` (``codes``).

PO: one entry per unit, its key in ``msgctxt``, ``#:`` its ``path:line``, ``#.`` the same notes,
a stale unit ``#, fuzzy`` with its previous source as ``#| msgid``. PO has no *reviewed* state: a
reviewer adds the flag ``ncp-reviewed`` to the entries they checked, and the import records those. Inline codes are written as tags:
``<link1>text</link1>``, ``<t.specific_instance>term</t.specific_instance>``, ``<macro1/>``; keep
them as they are (``pofilter --test=xmltags`` and Weblate's XML markup check compare them).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree
from translate.storage import po, xliff2
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import UnknownXML

from . import codes
from .units import TranslationUnit

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
FORMATS = ("xliff", "po")
_XLIFF_STATE = {"new": "initial", "stale": "initial", "unreviewed": "translated", "reviewed": "reviewed"}
REVIEWED_FLAG = "ncp-reviewed"
PO_HEADER_NOTE = (
    "Translations of the NCP site, exported by `ncp translations export`. Each entry's msgctxt names the "
    "text (path#field, or a page and its block). Inline codes are tags: keep <link1>…</link1>, "
    "<b1>…</b1>, <i1>…</i1> and <t.concept>…</t.concept> around the translated words (a term's words "
    "are the term in the translation's language: the glossary's preferred term or one of its forms), and "
    "<macro1/>, <html1/>, <code1/>, <url1/>, <attr1/>, <img1/> where they belong. Add the flag "
    f"'{REVIEWED_FLAG}' to an entry to record it as reviewed on import.")


def unit_id(key: str) -> str:
    """An XML-safe, stable id for a unit (its key is kept in ``name``)."""
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def notes(unit: TranslationUnit) -> list[tuple[str, str]]:
    out = [("location", unit.where), ("source-language", unit.source_lang), ("ncp-state", unit.state)]
    if unit.review is not None and unit.review.by:
        out.append(("reviewed", f"{unit.review.by}, {unit.review.date}" if unit.review.date else unit.review.by))
    if unit.state == "stale":
        if unit.previous is not None:
            out += [("previous-source", unit.previous), ("source-diff", unit.diff() or "")]
        else:
            out.append(("previous-source", "not found in the repository's history"))
    return out


# --- XLIFF 2.0 --------------------------------------------------------------------------------------

def _elem(parts: list) -> StringElem:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(StringElem(part))
        elif isinstance(part, codes.Span):
            node = etree.Element(f"{{{XLIFF_NS}}}pc", _pc_attributes(part.code))
            out.append(UnknownXML(sub=_elem(part.parts).sub, id=part.code.id, xml_node=node))
        else:
            node = etree.Element(f"{{{XLIFF_NS}}}ph", {"id": part.id, "disp": part.start, "type": "other"})
            out.append(UnknownXML(id=part.id, xml_node=node))
    return StringElem(out)


def _pc_attributes(code: codes.Code) -> dict[str, str]:
    if code.kind == "t":
        return {"id": code.id, "type": "other", "subType": "ncp:term", "dispStart": code.start, "dispEnd": ""}
    if code.kind == "link":
        return {"id": code.id, "type": "link", "dispStart": code.start, "dispEnd": code.end or ""}
    return {"id": code.id, "type": "fmt", "subType": "xlf:b" if code.kind == "b" else "xlf:i",
            "dispStart": code.start, "dispEnd": code.end or ""}


def write_xliff(units: list[TranslationUnit], source: str, target: str) -> bytes:
    store = xliff2.Xliff2File()
    store.setsourcelanguage(source)
    store.settargetlanguage(target)
    store.body.set("id", f"ncp-{source}-{target}")  # type: ignore[union-attr]  # a new file has its body
    for unit in units:
        xu = store.UnitClass("")
        store.addunit(xu)
        xu.setid(unit_id(unit.key))
        xu.rich_source = [_elem(unit.source)]
        if unit.target is not None:
            xu.rich_target = [_elem(unit.target)]
        xu.xmlelement.set("state", _XLIFF_STATE[unit.state])
        if unit.state == "stale":
            xu.xmlelement.set("subState", "ncp:stale")
        for category, text in notes(unit):
            xu.addnote(text, origin=category)
        xu.getunitelement().set("name", unit.key)
        _xliff2_layout(xu)
    return bytes(store)


def _xliff2_layout(xu) -> None:
    """translate-toolkit 3.20 writes ``xml:space`` and ``<notes>`` inside ``<segment>``; XLIFF 2.0 puts
    them on the ``<unit>`` (the segment allows neither). The one place that moves them."""
    segment, unit = xu.xmlelement, xu.getunitelement()
    space = "{http://www.w3.org/XML/1998/namespace}space"
    if segment.get(space):
        unit.set(space, segment.attrib.pop(space))
    found = segment.find(f"{{{XLIFF_NS}}}notes")
    if found is not None:
        unit.insert(0, found)


def _xliff_notes(xu, category: str) -> str | None:
    unit = xu.getunitelement()
    for note in unit.iter(f"{{{XLIFF_NS}}}note"):
        if note.get("category") == category:
            return note.text
    return None


def _parts(elem, codes_seen: list) -> list:
    out: list[codes.Part] = []
    for part in elem.sub if isinstance(elem, StringElem) else [elem]:
        if isinstance(part, UnknownXML):
            tag = etree.QName(part.xml_node).localname
            code_id = part.xml_node.get("id") or ""
            if tag not in ("pc", "ph") or not codes.is_code_id(code_id):
                raise codes.Damaged(f"<{tag} id=\"{code_id}\"> is not one of the source's codes")
            if tag == "pc":
                out.append(codes.Span(codes.Code(code_id, "", ""), _parts(StringElem(part.sub), codes_seen)))
            else:
                out.append(codes.Code(code_id, ""))
        elif isinstance(part, StringElem) and not part.isleaf():
            out += _parts(part, codes_seen)
        else:
            out.append(str(part))
    return _merged(out)


def _merged(parts: list) -> list:
    out: list = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        elif part != "":
            out.append(part)
    return out


# --- PO -------------------------------------------------------------------------------------------

def write_po(units: list[TranslationUnit], source: str, target: str, today=None) -> bytes:
    """The PO file; its dates are the build date (``SOURCE_DATE_EPOCH``), so the same texts give the same bytes."""
    store = po.pofile()
    stamp = f"{today.isoformat()} 00:00+0000" if today is not None else None
    header = store.init_headers(charset="UTF-8", encoding="8bit", x_generator="ncp translations export",
                                project_id_version="ncp-site", language=target, x_source_language=source,
                                **({"pot_creation_date": stamp, "po_revision_date": stamp} if stamp else {}))
    header.addnote(PO_HEADER_NOTE, origin="translator")
    for unit in units:
        pu = store.UnitClass(codes.as_tags(unit.source))
        pu.setcontext(unit.key)
        pu.addlocation(unit.where)
        for category, text in notes(unit):
            if category != "location":
                pu.addnote(f"{category}: {text}", origin="developer")
        if unit.target is not None:
            pu.target = codes.as_tags(unit.target)
        if unit.state == "stale":
            pu.markfuzzy(True)
            if unit.previous is not None:
                pu.prev_source = unit.previous
        store.addunit(pu)
    return bytes(store)


# --- reading --------------------------------------------------------------------------------------

@dataclass
class Incoming:
    """One unit of a translated file: its key, source (PO tag form), translation and whether it is marked reviewed."""

    key: str
    source: str
    target: list | None
    reviewed: bool
    damaged: str | None = None
    position: int = 0
    """The unit's place in the file (1-based), for messages."""


def read(data: bytes) -> tuple[list[Incoming], str | None, str | None]:
    """The units of an XLIFF 2.0 or PO file, with its source and target languages (None when unsaid)."""
    if data.lstrip().startswith(b"<"):
        return _read_xliff(data)
    return _read_po(data)


def _read_xliff(data: bytes):
    store = xliff2.Xliff2File.parsestring(data)
    out = []
    for n, xu in enumerate(store.units, 1):
        if xu.isheader():
            continue
        key = xu.getunitelement().get("name") or xu.getid()
        source = codes.as_tags(_parts(xu.rich_source[0], []))
        target, damaged = None, None
        if xu.target:
            try:
                target = _parts(xu.rich_target[0], [])
            except codes.Damaged as exc:
                damaged = str(exc)
        state = xu.xmlelement.get("state")
        out.append(Incoming(key, source, target, state in ("reviewed", "final"), damaged, n))
    return out, store.getsourcelanguage(), store.gettargetlanguage()


def _read_po(data: bytes):
    store = po.pofile.parsestring(data)
    header = store.parseheader()
    out = []
    for n, pu in enumerate(store.units, 1):
        if pu.isheader() or pu.isobsolete():
            continue
        target, damaged = None, None
        if pu.target:
            try:
                target = codes.from_tags(str(pu.target))
            except codes.Damaged as exc:
                damaged = str(exc)
        reviewed = pu.hastypecomment(REVIEWED_FLAG) and not pu.isfuzzy()
        out.append(Incoming(pu.getcontext(), str(pu.source), target, reviewed, damaged, n))
    return out, header.get("X-Source-Language"), header.get("Language")
