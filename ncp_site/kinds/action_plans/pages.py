"""What the action plans render: the list of plans and a page per plan (``action-plans/<id>/``)."""

from __future__ import annotations

from ...core import documents
from ...core.charts import bar_chart
from ...core.kind import GeneratedPage, Page
from ...core.rendering import Words, templates_of
from .model import CATEGORIES, ActionPlan, Activity, CategoryBlock

render = templates_of(__file__)


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


def render_plan_page(plan: ActionPlan, plans: list[ActionPlan], words: Words, lang: str, register) -> str:
    """``register``: the abbreviation register, for the key of the abbreviations the plan uses."""
    url = words.languages.prefix(lang) + plan_url(plan.id)
    by_id = {p.id: p for p in plans}
    targets = {a.id: (by_id[a.continuation[0]], a.continuation[1]) for a in plan.activities
               if a.continuation and a.continuation[0] in by_id}
    done = [(_cap(words.glossary.label("plan_category_" + block.category, lang)), plan.progress(block.category).done)
            for block in _ordered(plan)]
    chart = bar_chart("plan-progress-chart", f'{words.ui("plan.progress", lang)}: '
                      f'{words.glossary.label("activity_done", lang)}', done)
    return render("action_plan_page.md", lang=lang, words=words, plan=plan, categories=_ordered(plan),
                  progress_chart=chart,
                  targets=targets, continues=continuations(plans),
                  doc_href=lambda value: documents.href(value, url, words.languages),
                  abbreviations=register.used_in(plan.text(lang), lang))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ordered(plan: ActionPlan) -> list[CategoryBlock]:
    """The grid follows the NCP's order of the four categories."""
    return sorted(plan.categories, key=lambda b: CATEGORIES.index(b.category))


def plan_pages(project) -> list[GeneratedPage]:
    def page(plan: ActionPlan):
        return lambda lang: Page(f"{plan_url(plan.id)}index.md", lang, plan.title[lang],
                                 render_plan_page(plan, project.data.action_plans, project.words, lang,
                                                  project.data.abbreviations))
    return [GeneratedPage(f"{plan_url(plan.id)}index.md", page(plan)) for plan in project.data.action_plans]


MACROS = {
    "action_plans_list": lambda project, page: render_plan_list(project.data.action_plans, project.words, page.lang),
}
