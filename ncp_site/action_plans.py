"""Action plans and roadmaps: typed plans and activities, their checks, progress and pages.

The peer review found the NCP's yearly plans to be high-level grids without target groups or
measurable progress. Each activity here carries its target stakeholder groups and a status with a
date and evidence, and progress is computed from those statuses, never typed in.

How progress counts (shown on every plan page):
- done of counted, per category and overall;
- dropped activities leave the denominator (the plan no longer intends them);
- carried-over activities count as not done in this plan and link to the activity continuing them;
- planned and in-progress activities count as not done.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from . import documents
from .abbreviations import Register
from .documents import LanguageVersions
from .errors import DataError
from .glossary import Glossary, require_concepts
from .i18n import Localized, Strict, lang_prefix
from .render import Words, render
from .validation import validate
from .yamlsrc import YamlDoc, field_name, load_record_file, yaml_files

Category = Literal["regulatory_support", "operational_organisational", "promotion", "specific_instances"]
CATEGORIES: tuple[str, ...] = Category.__args__
StakeholderGroup = Literal["government", "business", "trade_unions", "civil_society", "academia",
                           "other_ncps", "international_organisations", "general_public"]
ActivityStatus = Literal["planned", "in_progress", "done", "carried_over", "dropped"]
STATUSES: tuple[str, ...] = ActivityStatus.__args__
ID = r"^[a-z0-9][a-z0-9-]*$"


def _concept_or_name(value):
    return {"concept": value} if isinstance(value, str) else value


class Body(Strict):
    """A responsible body: a glossary concept id (``ncp_secretariat``) or a name in three languages."""

    concept: str | None = None
    name: Localized | None = None

    @model_validator(mode="after")
    def _one_of(self):
        if (self.concept is None) == (self.name is None):
            raise ValueError("give either a glossary concept id or a name -- "
                             "write e.g. '- ncp_secretariat', or '- name:' with kk:, ru:, en: lines")
        return self


Responsible = Annotated[Body, BeforeValidator(_concept_or_name)]


class Activity(Strict):
    id: str = Field(pattern=ID)
    title: Localized
    expected_output: Localized | None = None
    verification: Localized | None = None
    deadline: dt.date | None = None
    responsible: list[Responsible] = []
    target_groups: list[StakeholderGroup] = []
    sectors_or_regions: list[Localized] = []
    status: ActivityStatus
    status_date: dt.date | None = None
    evidence: str | None = None
    carried_over_to: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
    note: Localized | None = None

    @property
    def continuation(self) -> tuple[str, str] | None:
        """``(plan id, activity id)`` of the activity continuing this one."""
        if not self.carried_over_to:
            return None
        plan, activity = self.carried_over_to.split("/")
        return plan, activity


class CategoryBlock(Strict):
    category: Category
    activities: list[Activity] = Field(min_length=1)


class Period(Strict):
    start: dt.date
    end: dt.date


class ActionPlan(Strict):
    id: str = Field(pattern=ID)
    title: Localized
    year: int | None = Field(default=None, ge=2012, le=2100)
    period: Period | None = None
    adopted: dt.date | None = None
    documents: LanguageVersions = LanguageVersions()
    note: Localized | None = None
    categories: list[CategoryBlock] = Field(min_length=1)

    @property
    def activities(self) -> list[Activity]:
        return [a for block in self.categories for a in block.activities]

    @property
    def sort_key(self):
        start = self.period.start if self.period else dt.date(self.year or 1, 1, 1)
        return (start, self.id)

    def progress(self, category: str | None = None) -> Progress:
        chosen = [a for b in self.categories if category in (None, b.category) for a in b.activities]
        return Progress.of(chosen)

    def text(self, lang: str) -> str:
        """All the plan's visible text in one language (to find the abbreviations it uses)."""
        parts = [self.title[lang], self.note[lang] if self.note else ""]
        for a in self.activities:
            parts += [a.title[lang]] + [x[lang] for x in (a.expected_output, a.verification, a.note) if x]
            parts += [b.name[lang] for b in a.responsible if b.name] + [s[lang] for s in a.sectors_or_regions]
        return "\n".join(parts)


@dataclass(frozen=True)
class Progress:
    """Done of counted: dropped activities are not counted; carried-over ones count as not done."""

    done: int
    counted: int
    by_status: dict[str, int]

    @classmethod
    def of(cls, activities: list[Activity]) -> Progress:
        by_status = Counter(a.status for a in activities)
        return cls(done=by_status["done"], counted=len(activities) - by_status["dropped"],
                   by_status={s: by_status[s] for s in STATUSES})

    @property
    def percent(self) -> float | None:
        return 100 * self.done / self.counted if self.counted else None


# --- loading and validation -------------------------------------------------------------

def load_action_plans(folder: Path, root: Path | None = None,
                      glossary: Glossary | None = None) -> tuple[list[ActionPlan], list[DataError]]:
    """Every plan in ``folder``, with every error found; cross-plan references are checked last."""
    root = Path(root) if root is not None else Path(folder).parents[1]
    plans: list[ActionPlan] = []
    docs: dict[str, YamlDoc] = {}
    errors: list[DataError] = []
    for path in yaml_files(folder):
        doc, errs = load_record_file(path, root, "data/action-plans/action-plan-2023.yml")
        errors += errs
        if doc is None:
            continue
        plan, errs = validate(ActionPlan, doc.data, doc)
        errors += errs
        if plan is None:
            continue
        errors += _plan_errors(plan, doc, path, root / "docs", glossary)
        if plan.id in docs:
            errors.append(doc.error(("id",), f"'{plan.id}' is already the id of {docs[plan.id].path}",
                                    "give each plan its own id"))
            continue
        docs[plan.id] = doc
        plans.append(plan)
    errors += _cross_plan_errors(plans, docs)
    plans.sort(key=lambda p: p.sort_key, reverse=True)
    return plans, errors


def _activity_locs(plan: ActionPlan):
    for i, block in enumerate(plan.categories):
        for j, activity in enumerate(block.activities):
            yield activity, ("categories", i, "activities", j)


def _plan_errors(plan: ActionPlan, doc: YamlDoc, path: Path, docs_dir: Path,
                 glossary: Glossary | None) -> list[DataError]:
    errors = []
    if path.stem != plan.id:
        errors.append(doc.error(("id",), f"'{plan.id}' differs from the file name '{path.name}'",
                                f"rename the file to {plan.id}.yml or change the id"))
    if (plan.year is None) == (plan.period is None):
        errors.append(doc.error(("year",), "a plan needs either a year or a period (not both)",
                                "write 'year: 2023', or 'period:' with start: and end: dates"))
    if plan.period and plan.period.end < plan.period.start:
        errors.append(doc.error(("period", "end"), f"end ({plan.period.end}) is before start ({plan.period.start})",
                                "check both dates of the period"))
    seen: dict[str, int] = {}
    for i, block in enumerate(plan.categories):
        if block.category in seen:
            errors.append(doc.error(("categories", i, "category"),
                                    f"'{block.category}' is listed twice (first on line {seen[block.category]})",
                                    "put all activities of a category under one entry"))
        seen.setdefault(block.category, doc.line(("categories", i, "category")))
    errors += documents.versions_errors(doc, ("documents",), plan.documents, docs_dir)
    for activity, loc in _activity_locs(plan):
        errors += _activity_errors(activity, loc, doc, docs_dir, glossary)
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
                     glossary: Glossary | None) -> list[DataError]:
    errors = []

    def missing(name: str, problem: str, fix: str) -> DataError:
        """A field the status requires: named as missing, located at the status that requires it."""
        return DataError(doc.path, doc.line(loc + ("status",)), field_name(loc + (name,)), problem, fix)

    if a.status != "planned" and a.status_date is None:
        errors.append(missing("status_date", f"status {a.status} needs the date it was established",
                              "add 'status_date: YYYY-MM-DD'"))
    if a.status == "done" and not a.evidence:
        errors.append(missing("evidence", "a done activity needs evidence of completion",
                              "add 'evidence:' with a https:// address or a path under docs/"))
    if a.status == "carried_over" and not a.carried_over_to:
        errors.append(missing("carried_over_to", "a carried-over activity must say where it went",
                              "add 'carried_over_to: <plan id>/<activity id>'"))
    if a.carried_over_to and a.status != "carried_over":
        errors.append(doc.error(loc + ("carried_over_to",), f"is set but the status is {a.status}",
                                "set 'status: carried_over', or remove carried_over_to"))
    if a.evidence:
        errors += documents.link_errors(doc, loc + ("evidence",), a.evidence, docs_dir)
    if glossary is not None:
        for k, body in enumerate(a.responsible):
            if body.concept and not glossary.has(body.concept):
                errors.append(doc.error(loc + ("responsible", k), f"the glossary has no concept '{body.concept}'",
                                        "use a concept id of data/glossary.yml (e.g. ncp_secretariat) "
                                        "or write '- name:' with kk:, ru:, en: lines"))
    return errors


def _cross_plan_errors(plans: list[ActionPlan], docs: dict[str, YamlDoc]) -> list[DataError]:
    """Activity ids are unique across all plans; carried_over_to names an existing plan and activity."""
    errors = []
    where: dict[str, str] = {}
    for plan in plans:
        doc = docs[plan.id]
        for activity, loc in _activity_locs(plan):
            if activity.id in where:
                errors.append(doc.error(loc + ("id",), f"'{activity.id}' is already an activity id ({where[activity.id]})",
                                        "give each activity an id used in no other plan"))
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
                errors.append(doc.error(field, "points to its own plan", "name the plan that continues the activity"))
            elif target_plan not in by_id:
                errors.append(doc.error(field, f"there is no plan '{target_plan}'",
                                        f"use one of: {', '.join(sorted(by_id))} (or add data/action-plans/{target_plan}.yml)"))
            elif target_activity not in {a.id for a in by_id[target_plan].activities}:
                errors.append(doc.error(field, f"plan '{target_plan}' has no activity '{target_activity}'",
                                        f"use an activity id of data/action-plans/{target_plan}.yml"))
    return errors


# --- rendering --------------------------------------------------------------------------

def plan_url(plan_id: str) -> str:
    return f"action-plans/{plan_id}/"


def continuations(plans: list[ActionPlan]) -> dict[str, tuple[ActionPlan, Activity]]:
    """Activity id -> (plan, activity) it continues: the reverse of ``carried_over_to``."""
    found = {}
    for plan in plans:
        for activity in plan.activities:
            if activity.continuation:
                found[activity.continuation[1]] = (plan, activity)
    return found


def render_plan_list(plans: list[ActionPlan], words: Words, lang: str) -> str:
    return render("action_plans_list.html", lang=lang, words=words, plans=plans, base="")


def render_plan_page(plan: ActionPlan, plans: list[ActionPlan], words: Words, lang: str,
                     register: Register) -> str:
    url = lang_prefix(lang) + plan_url(plan.id)
    by_id = {p.id: p for p in plans}
    targets = {a.id: (by_id[a.continuation[0]], a.continuation[1]) for a in plan.activities
               if a.continuation and a.continuation[0] in by_id}
    return render("action_plan_page.md", lang=lang, words=words, plan=plan, categories=_ordered(plan),
                  targets=targets, continues=continuations(plans),
                  doc_href=lambda value: documents.href(value, url),
                  abbreviations=register.used_in(plan.text(lang), lang))


def _ordered(plan: ActionPlan) -> list[CategoryBlock]:
    """The grid follows the NCP's order of the four categories."""
    return sorted(plan.categories, key=lambda b: CATEGORIES.index(b.category))
