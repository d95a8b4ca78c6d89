"""Load ``data/legal-basis.yml`` and ``data/members.yml`` (both optional) and check their references."""

from __future__ import annotations

from ...core import documents
from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import _
from ...core.records import Located, RecordFiles, load_records
from ...core.vocabulary import require_concepts
from .model import Composition, Institution, LegalAct

ACTS = RecordFiles("legal-basis.yml", _("legal act"), "data/legal-basis.yml", list_key="acts", optional=True)
COMPOSITIONS = RecordFiles("members.yml", _("composition"), "data/members.yml", list_key="compositions", optional=True)


def load(ctx: LoadContext[ReadsGlossary]) -> tuple[Institution, list[DataError]]:
    acts, errors = load_records(ctx.sources, ACTS, LegalAct, lambda act, at: documents.versions_errors(
        at.doc, at.loc + ("documents",), act.documents, ctx.docs_dir, ctx.languages))
    known = {at.record.id: at for at in acts}
    for at in acts:
        if at.record.amends and at.record.amends not in known:
            errors.append(at.error(("amends",), _("{id} is not an act in {path}", id=f"'{at.record.amends}'",
                                                  path=ACTS.example),
                                   _("use one of: {codes}", codes=", ".join(known))))
    compositions, errs = load_records(ctx.sources, COMPOSITIONS, Composition,
                                      lambda composition, at: _composition_errors(composition, at, known, ctx))
    errors += errs
    glossary = ctx.loaded.glossary
    if compositions and glossary is not None:  # the diagram names the NCP and its Secretariat
        errors += require_concepts(glossary, compositions[0].doc.error,
                                   {cid: ("compositions",) for cid in ("national_contact_point", "ncp_secretariat")})
    institution = Institution(
        acts=sorted((at.record for at in acts), key=lambda a: (a.adopted, a.id)),
        compositions=sorted((at.record for at in compositions), key=lambda c: c.start, reverse=True))
    return institution, errors


def _composition_errors(composition: Composition, at: Located, acts: dict, ctx: LoadContext[ReadsGlossary]) -> list[DataError]:
    errors = [at.error(("legal_basis", i), _("{id} is not an act in {path}", id=f"'{act_id}'", path=ACTS.example),
                       _("add the act there or use one of: {codes}", codes=", ".join(acts)) if acts else
                       _("add the act there (there is none yet)"))
              for i, act_id in enumerate(composition.legal_basis) if act_id not in acts]
    glossary = ctx.loaded.glossary
    if glossary is not None:
        errors += require_concepts(glossary, at.doc.error, {f"group_{m.group}": at.loc + ("members", i, "group")
                                                            for i, m in enumerate(composition.members) if m.group})
    return errors
