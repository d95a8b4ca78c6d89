"""Load the events: ``data/events/<year>.yml``, each a list under ``events:``; ids unique across files."""

from __future__ import annotations

import datetime as dt

from ...core import documents
from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import Message, _
from ...core.records import Located, RecordFiles, load_records
from ...core.vocabulary import GROUPS, labels, missing_labels
from ...core.yamlsrc import field_name
from .model import FORMATS, KINDS, ROLES, Event

FILES = RecordFiles("events", _("event"), "data/events/2022.yml", list_key="events")
_KIND_WORDS = {"day": _("a day"), "time": _("a time"), "month": _("a month")}


def load(ctx: LoadContext[ReadsGlossary]) -> tuple[list[Event], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, Event, lambda event, at: event_errors(event, at, ctx))
    glossary = ctx.loaded.glossary
    if glossary is not None:
        errors += vocabulary_errors(glossary)
    return sorted((at.record for at in found), key=lambda e: e.sort_key), errors


def event_errors(e: Event, at: Located, ctx: LoadContext[ReadsGlossary]) -> list[DataError]:
    """What one field cannot check alone: dates in order, fields other fields require, material links."""
    errors = []
    doc, loc, languages = at.doc, at.loc, ctx.languages

    def missing(name: str, because: str, problem: Message, fix: Message | None = None) -> DataError:
        """A field another one requires: named as missing, located at the field that requires it."""
        return DataError(doc.path, doc.line(loc + (because,)), field_name(loc + (name,)), problem,
                         fix or _("add '{name}:' (one name, or {keys} lines)", name=name,
                                  keys=", ".join(c + ":" for c in languages)))

    if e.end is not None:
        if e.end.kind != e.start.kind:
            errors.append(doc.error(loc + ("end",),
                                    _("end ({end}) is {end_kind} but start ({start}) is {start_kind}", end=str(e.end),
                                      end_kind=_KIND_WORDS[e.end.kind], start=str(e.start),
                                      start_kind=_KIND_WORDS[e.start.kind]),
                                    _("write both as days (YYYY-MM-DD) or both as times (YYYY-MM-DD HH:MM)")))
        elif (e.end.day, e.end.time or dt.time()) < (e.start.day, e.start.time or dt.time()):
            errors.append(doc.error(loc + ("end",), _("end ({end}) is before start ({start})", end=str(e.end),
                                                      start=str(e.start)),
                                    _("check both dates; leave end out for a one-day event")))
    if e.format in ("in_person", "hybrid") and e.location is None:
        errors.append(missing("location", "format", _("an event whose format is {format} needs a location",
                                                      format=e.format)))
    if e.ncp_role == "participated" and not e.has_organiser:
        errors.append(missing("organisers", "ncp_role", _("an event the NCP took part in needs its organiser"),
                              _("add 'organisers: [<id>]' with the ids of organisations in data/organisations.yml "
                                "(or 'organiser:' with {keys} lines for an organiser that is not one organisation, "
                                "e.g. another country's NCP)", keys=", ".join(c + ":" for c in languages))))
    for j, material in enumerate(e.materials):
        where = loc + ("materials", j, "documents")
        if not material.documents.available():
            errors.append(doc.error(where, _("lists no document"),
                                    _("add the document of at least one language ({keys})",
                                      keys=", ".join(c + ":" for c in languages))))
        errors += documents.versions_errors(doc, where, material.documents, ctx.docs_dir, languages)
    return errors


def vocabulary_errors(glossary) -> list[DataError]:
    """Every kind, format, role and stakeholder group an event may use must have its label in the glossary."""
    needed = {"format": labels("format_", FORMATS), "ncp_role": labels("event_role_", ROLES),
              "kind": labels("event_kind_", KINDS),
              "stakeholder_groups": labels("group_", GROUPS)}
    return missing_labels(glossary, needed, _("an event"))


