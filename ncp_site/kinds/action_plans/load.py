"""Load the action plans: one file per plan in ``data/action-plans/``; cross-plan references checked last."""

from __future__ import annotations

from pathlib import Path

from ...core import documents
from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import Message, _
from ...core.records import Located, RecordFiles, load_records
from ...core.vocabulary import require_concepts
from ...core.yamlsrc import YamlDoc, field_name
from .model import ActionPlan, Activity

FILES = RecordFiles("action-plans", _("plan"), "data/action-plans/action-plan-2023.yml")


def load(ctx: LoadContext[ReadsGlossary]) -> tuple[list[ActionPlan], list[DataError]]:
    """Every plan, with every error found; cross-plan references are checked last."""
    found, errors = load_records(ctx.sources, FILES, ActionPlan, lambda plan, at: plan_errors(plan, at, ctx))
    plans = [at.record for at in found]
    errors += _cross_plan_errors(plans, {at.record.id: at.doc for at in found})
    plans.sort(key=lambda p: p.sort_key, reverse=True)
    return plans, errors


def _activity_locs(plan: ActionPlan):
    for i, block in enumerate(plan.categories):
        for j, activity in enumerate(block.activities):
            yield activity, ("categories", i, "activities", j)


def plan_errors(plan: ActionPlan, at: Located, ctx: LoadContext[ReadsGlossary]) -> list[DataError]:
    errors = []
    doc, docs_dir, glossary, languages = at.doc, ctx.docs_dir, ctx.loaded.glossary, ctx.languages
    if (plan.year is None) == (plan.period is None):
        errors.append(doc.error(("year",), _("a plan needs either a year or a period (not both)"),
                                _("write 'year: 2023', or 'period:' with start: and end: dates")))
    if plan.period and plan.period.end < plan.period.start:
        errors.append(doc.error(("period", "end"), _("end ({end}) is before start ({start})", end=str(plan.period.end),
                                                     start=str(plan.period.start)),
                                _("check both dates of the period")))
    seen: dict[str, int] = {}
    for i, block in enumerate(plan.categories):
        if block.category in seen:
            errors.append(doc.error(("categories", i, "category"),
                                    _("{code} is listed twice (first on line {line})", code=f"'{block.category}'",
                                      line=seen[block.category]),
                                    _("put all activities of a category under one entry")))
        seen.setdefault(block.category, doc.line(("categories", i, "category")))
    errors += documents.versions_errors(doc, ("documents",), plan.documents, docs_dir, languages)
    for activity, loc in _activity_locs(plan):
        errors += _activity_errors(activity, loc, doc, docs_dir, glossary, languages)
    if glossary is not None:
        errors += require_concepts(glossary, doc.error, _labels_used(plan))
    return errors


def _labels_used(plan: ActionPlan) -> dict[str, tuple]:
    """Glossary concept of every code the plan uses (its label on the page) -> where it is first used."""
    used: dict[str, tuple] = {}
    for i, block in enumerate(plan.categories):
        used.setdefault(f"plan_category_{block.category}", ("categories", i, "category"))
    for activity, loc in _activity_locs(plan):
        used.setdefault(f"activity_{activity.status}", loc + ("status",))
        for k, group in enumerate(activity.target_groups):
            used.setdefault(f"group_{group}", loc + ("target_groups", k))
    return used


def _activity_errors(a: Activity, loc: tuple, doc: YamlDoc, docs_dir: Path,
                     glossary, languages) -> list[DataError]:
    errors = []

    def missing(name: str, problem: Message, fix: Message) -> DataError:
        """A field the status requires: named as missing, located at the status that requires it."""
        return DataError(doc.path, doc.line(loc + ("status",)), field_name(loc + (name,)), problem, fix)

    if a.status != "planned" and a.status_date is None:
        errors.append(missing("status_date", _("status {status} needs the date it was established", status=a.status),
                              _("add 'status_date: YYYY-MM-DD'")))
    if a.status == "done" and not a.evidence:
        errors.append(missing("evidence", _("a done activity needs evidence of completion"),
                              _("add 'evidence:' with a https:// address or a path under docs/")))
    if a.status == "carried_over" and not a.carried_over_to:
        errors.append(missing("carried_over_to", _("a carried-over activity must say where it went"),
                              _("add 'carried_over_to: <plan id>/<activity id>'")))
    if a.carried_over_to and a.status != "carried_over":
        errors.append(doc.error(loc + ("carried_over_to",), _("is set but the status is {status}", status=a.status),
                                _("set 'status: carried_over', or remove carried_over_to")))
    if a.evidence:
        errors += documents.link_errors(doc, loc + ("evidence",), a.evidence, docs_dir, languages)
    if glossary is not None:
        for k, body in enumerate(a.responsible):
            if body.concept and not glossary.has(body.concept):
                errors.append(doc.error(loc + ("responsible", k), _("the glossary has no concept {concept}",
                                                                    concept=f"'{body.concept}'"),
                                        _("use a concept id of data/glossary.yml (e.g. ncp_secretariat) or write "
                                          "'- name:' with {keys} lines", keys=", ".join(c + ":" for c in languages))))
    return errors


def _cross_plan_errors(plans: list[ActionPlan], docs: dict[str, YamlDoc]) -> list[DataError]:
    """Activity ids are unique across all plans; carried_over_to names an existing plan and activity."""
    errors = []
    where: dict[str, str] = {}
    for plan in plans:
        doc = docs[plan.id]
        for activity, loc in _activity_locs(plan):
            if activity.id in where:
                errors.append(doc.error(loc + ("id",), _("{id} is already an activity id ({where})", id=f"'{activity.id}'",
                                                         where=where[activity.id]),
                                        _("give each activity an id used in no other plan")))
            else:
                where[activity.id] = f"{doc.path}:{doc.line(loc + ('id',))}"
    by_id = {p.id: p for p in plans}
    for plan in plans:
        doc = docs[plan.id]
        for activity, loc in _activity_locs(plan):
            if not activity.continuation:
                continue
            target_plan, target_activity = activity.continuation
            field = loc + ("carried_over_to",)
            if target_plan == plan.id:
                errors.append(doc.error(field, _("points to its own plan"),
                                        _("name the plan that continues the activity")))
            elif target_plan not in by_id:
                errors.append(doc.error(field, _("there is no plan {id}", id=f"'{target_plan}'"),
                                        _("use one of: {codes} (or add {path})", codes=", ".join(sorted(by_id)),
                                          path=f"data/action-plans/{target_plan}.yml")))
            elif target_activity not in {a.id for a in by_id[target_plan].activities}:
                errors.append(doc.error(field, _("plan {plan} has no activity {activity}", plan=f"'{target_plan}'",
                                                 activity=f"'{target_activity}'"),
                                        _("use an activity id of {path}", path=f"data/action-plans/{target_plan}.yml")))
    return errors


