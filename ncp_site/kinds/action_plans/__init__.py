"""Action plans and roadmaps: typed plans and activities, their checks, progress and pages."""

from ...core.kind import Kind, ReadsGlossary
from ...core.skeleton import NewRecord
from . import load, pages
from .model import ActionPlan, Activity

KIND = Kind(name="action_plans", load=load.load, needs=ReadsGlossary, data=(load.FILES.path,), macros=pages.MACROS, pages=pages.plan_pages,
            new=(NewRecord("action-plan", ActionPlan, load.FILES),
                 NewRecord("activity", Activity, load.FILES, inside=(("categories", "category"), ("activities", None)))),
            confirmed=lambda plans: [day for plan in plans
                                     for day in (plan.adopted, *(a.status_date for a in plan.activities)) if day])

__all__ = ["KIND", "ActionPlan"]
