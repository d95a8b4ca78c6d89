"""Load ``data/procedure.yml`` (optional: without it, pages show no timeline) and check what the
model alone cannot: unique ids, deadlines that name a stage, stages that end in procedure order."""

from __future__ import annotations

from ...core.errors import DataError
from ...core.kind import LoadContext
from ...core.messages import _
from ...core.validation import validate
from ...core.vocabulary import MILESTONES
from ...core.yamlsrc import YamlDoc
from .model import Procedure

FILE = "procedure.yml"


def load(ctx: LoadContext) -> tuple[Procedure | None, list[DataError]]:
    doc, errors, exists = ctx.sources.data_file(FILE)
    if not exists or doc is None:
        return None, errors
    procedure, errs = validate(Procedure, doc.data, doc, ctx.languages, context=ctx.sources.validation_context(),
                               entry=ctx.sources.entries.get(doc.path))
    errors += errs
    if procedure is None:
        return None, errors
    errors += _unique_ids(procedure, doc) + _deadline_stages(procedure, doc) + _stage_ends(procedure, doc)
    return procedure, errors


def _unique_ids(procedure: Procedure, doc: YamlDoc) -> list[DataError]:
    errors = []
    for field in ("stages", "deadlines", "checklist"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(procedure, field)):
            if item.id in seen:
                errors.append(doc.error((field, i, "id"), _("{id} is already the id of {entry}", id=f"'{item.id}'",
                                                            entry=f"{field}[{seen[item.id]}]"),
                                        _("give each entry its own id")))
            seen.setdefault(item.id, i)
    return errors


def _deadline_stages(procedure: Procedure, doc: YamlDoc) -> list[DataError]:
    known = [stage.id for stage in procedure.stages]
    return [doc.error(("deadlines", i, "stage"), _("{id} is not a stage of the procedure", id=f"'{d.stage}'"),
                      _("use one of: {codes}", codes=", ".join(known)))
            for i, d in enumerate(procedure.deadlines) if d.stage not in known]


def _stage_ends(procedure: Procedure, doc: YamlDoc) -> list[DataError]:
    """Each ``ends_at`` comes later in a specific instance than the one before; the last stage has one."""
    errors, previous = [], 0
    order = ", ".join(MILESTONES[1:])
    for i, stage in enumerate(procedure.stages):
        if stage.ends_at is None:
            continue
        position = MILESTONES.index(stage.ends_at)
        if position <= previous:
            errors.append(doc.error(("stages", i, "ends_at"),
                                    _("{code} cannot end this stage: a specific instance starts with it",
                                      code=f"'{stage.ends_at}'") if position == 0 else
                                    _("{code} cannot end this stage: an earlier stage already ends at it or later",
                                      code=f"'{stage.ends_at}'"),
                                    _("stages end at the dates of a specific instance in this order: {order}", order=order)))
            continue
        previous = position
    if procedure.stages[-1].ends_at is None:
        last = len(procedure.stages) - 1
        errors.append(doc.error(("stages", last, "id"), _("the last stage does not say which date of a specific instance "
                                                          "ends it"),
                                _("add 'ends_at:' with one of: {codes}", codes=order)))
    return errors
