"""Load ``data/contacts.yml`` (optional: without it, the footer and the contacts page show no details)."""

from __future__ import annotations

from ...core.errors import DataError
from ...core.kind import LoadContext
from ...core.validation import validate
from .model import Contacts

FILE = "contacts.yml"


def load(ctx: LoadContext) -> tuple[Contacts | None, list[DataError]]:
    doc, errors, exists = ctx.sources.data_file(FILE)
    if not exists or doc is None:
        return None, errors
    contacts, errs = validate(Contacts, doc.data, doc, ctx.languages)
    if contacts is not None and not (contacts.email or contacts.phone or contacts.call_centre or contacts.address):
        errs.append(doc.error((), "gives no way to reach the NCP",
                              "add at least one of: email, phone, call_centre, address"))
    return contacts, errors + errs
