"""Load ``data/organisations.yml`` (optional: no file, no organisation to name) and check the type labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsWording
from ...core.messages import _
from ...core.organisations import ORGANISATIONS, OrganisationName
from ...core.records import Located, RecordFiles, load_records
from ...core.vocabulary import missing_wording
from ...core.yamlsrc import field_name
from .model import TYPES, Organisation

FILES = RecordFiles("organisations.yml", _("organisation"), "data/organisations.yml", list_key="organisations",
                    optional=True)
TYPE_WORDING = "organisation_type."
"""The ``data/ui.yml`` key of each type's label: ``organisation_type.trade_union``."""


@dataclass(frozen=True)
class Organisations:
    """The valid organisations by id, and the ids written in the file whose record has a mistake."""

    by_id: dict[str, Organisation] = field(default_factory=dict)
    invalid: frozenset[str] = frozenset()

    def __getitem__(self, organisation_id: str) -> Organisation:
        return self.by_id[organisation_id]

    def __iter__(self):
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)


def load(ctx: LoadContext[ReadsWording]) -> tuple[Organisations, list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, Organisation)
    errors += _same_name_errors(found, ctx.languages)
    errors += missing_wording(ctx.loaded.ui, [TYPE_WORDING + t for t in TYPES], _("an organisation's type"))
    by_id = {at.record.id: at.record for at in found}
    return Organisations(by_id, frozenset(_written_ids(ctx) - set(by_id))), errors


def _same_name_errors(found: list[Located], languages) -> list[DataError]:
    """Two records with one name are one organisation twice: its names would drift apart again."""
    errors: list[DataError] = []
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for at in found:
        for lang in languages:
            key = (lang, " ".join(at.record.name[lang].split()).casefold())
            if key in first and first[key][0] != at.record.id:
                other, where = first[key]
                errors.append(DataError(at.doc.path, at.doc.line(at.loc + ("name", lang)), field_name(at.loc + ("name",)),
                                        f"is already the name of the organisation '{other}' ({where})",
                                        f"keep one record and name it by its id '{other}' everywhere", lang))
            first.setdefault(key, (at.record.id, at.where(("name", lang))))
    return errors


def _written_ids(ctx: LoadContext[ReadsWording]) -> set[str]:
    """The ids written in the file, valid records or not."""
    doc = ctx.sources.docs.get(ctx.sources.path(FILES.path))
    entries = doc.data.get(FILES.list_key) if doc is not None and isinstance(doc.data, dict) else None
    return {e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)}


def offers(organisations: Organisations) -> dict:
    """The names records may use, by id (``core.organisations``). An organisation whose own record has a
    mistake is offered without names: naming it is not a second error (its record's errors say what to fix),
    and data with errors is never published."""
    named = {oid: OrganisationName(oid) for oid in organisations.invalid}
    named.update((o.id, o.named()) for o in organisations)
    return {ORGANISATIONS: named}
