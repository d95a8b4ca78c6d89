"""What a peer review renders: the follow-up tracker (progress by area, then every recommendation)."""

from __future__ import annotations

from ...core import documents
from ...core.kind import PageContext
from ...core.languages import relative_url
from ...core.rendering import templates_of
from .model import AREAS, STATUSES, PeerReview

render = templates_of(__file__)

PLAN_URL = "action-plans/{}/#{}"
"""Where the action plans kind publishes an activity (checked by the built site's link checker)."""


def _review(project, review_id: str | None) -> PeerReview:
    reviews = project.data.peer_review
    if review_id is None:
        return reviews[0]
    for review in reviews:
        if review.id == review_id:
            return review
    raise ValueError(f"there is no peer review '{review_id}' -- use one of: {', '.join(r.id for r in reviews)}")


def render_tracker(project, page: PageContext, review_id: str | None = None) -> str:
    """``{{ peer_review_tracker() }}``: the newest review's tracker, or the one named."""
    if not project.data.peer_review:
        return render("review_none.html", lang=page.lang, words=project.words)
    review = _review(project, review_id)
    prefix = project.words.languages.prefix(page.lang)
    plan_of = {a.id: (plan, a) for plan in project.data.action_plans or [] for a in plan.activities}
    return render("review_tracker.md", lang=page.lang, words=project.words, review=review, areas=AREAS,
                  statuses=STATUSES, plan_of=plan_of,
                  activity_href=lambda aid: relative_url(page.url, prefix + PLAN_URL.format(plan_of[aid][0].id, aid)),
                  doc_href=lambda value: documents.href(value, page.url, project.words.languages))


MACROS = {"peer_review_tracker": render_tracker}
