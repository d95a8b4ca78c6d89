"""Load ``data/contacts.yml`` (optional: without it, the footer and the contacts page show no details)."""

from __future__ import annotations

from ...core.errors import DataError, DataWarning
from ...core.kind import LoadContext
from ...core.messages import Message, _
from ...core.validation import validate
from .model import Contacts

FILE = "contacts.yml"


RELEASE_FIELDS = {
    "email": _("is empty: the submission form has no recipient: visitors can only print or download their submission"),
    "address": _("is empty: visitors have no postal address to send a submission to or visit"),
}
"""What ``ncp check --release`` requires: the fields a visitor needs to reach the NCP, which only the
Secretariat can give (the sources do not), and why each is needed."""
RELEASE_WANTED = {
    "phone": _("is empty: visitors have the call centre but not the Secretariat's own telephone"),
    "office_hours": _("is empty: visitors do not know when the office can be visited or called"),
}
"""What ``ncp check --release`` lists as warnings: also only the Secretariat's to give, but a visitor can reach
the NCP without them, so publishing goes on."""


def load(ctx: LoadContext) -> tuple[Contacts | None, list[DataError]]:
    doc, errors, exists = ctx.sources.data_file(FILE)
    if not exists or doc is None:
        if ctx.release and not errors:
            errors.append(DataError(ctx.sources.path(FILE), 1, "(file)", _("does not exist, and visitors need the NCP's "
                                                                            "e-mail and postal address"),
                                    _("create it with {fields}", fields=", ".join(RELEASE_FIELDS))))
        return None, errors
    contacts, errs = validate(Contacts, doc.data, doc, ctx.languages, context=ctx.sources.validation_context(),
                             entry=ctx.sources.entries.get(doc.path))
    if contacts is not None and not (contacts.email or contacts.phone or contacts.call_centre or contacts.address):
        errs.append(doc.error((), _("gives no way to reach the NCP"),
                              _("add at least one of: email, phone, call_centre, address")))
    if contacts is not None and ctx.release:
        errs += release_errors(contacts, doc)
        ctx.warnings.extend(DataWarning.of(e) for e in release_errors(contacts, doc, RELEASE_WANTED))
    return contacts, errors + errs


def release_errors(contacts: Contacts, doc, fields: dict[str, Message] = RELEASE_FIELDS) -> list[DataError]:
    """Each of ``fields`` (a visitor needs them) still empty, at its line (or the file's first), before publishing."""
    errors = []
    for name, why in fields.items():
        if getattr(contacts, name):
            continue
        written = isinstance(doc.data, dict) and name in doc.data
        errors.append(DataError(doc.path, doc.line((name,)) if written else 1, name, why,
                                _("fill in {field} in kk, ru and en once the Secretariat confirms it; never a guessed "
                                  "value", field=name) if name in ("address", "office_hours") else
                                _("fill in {field} once the Secretariat confirms it; never a guessed value", field=name)))
    return errors
