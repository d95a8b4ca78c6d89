"""Load the peer reviews: one file per review in ``data/peer-reviews/``, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ...core import documents
from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsGlossary, ReadsWording
from ...core.messages import _
from ...core.records import Identified, Located, RecordFiles, load_records, reference_errors
from ...core.vocabulary import missing_wording, require_concepts
from .model import AREAS, PeerReview

FILES = RecordFiles("peer-reviews", _("peer review"), "data/peer-reviews/peer-review-2024.yml")


class Plan(Identified, Protocol):
    @property
    def activities(self) -> Sequence[Identified]: ...


class Needs(ReadsGlossary, ReadsWording, Protocol):
    """The action plans whose activities a recommendation may relate to (checked at load, linked on its page)."""

    @property
    def action_plans(self) -> Sequence[Plan]: ...


def load(ctx: LoadContext[Needs]) -> tuple[list[PeerReview], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, PeerReview, lambda review, at: review_errors(review, at, ctx))
    errors += missing_wording(ctx.loaded.ui, [f"review.area.{a}" for a in AREAS], _("a finding's area"))
    return sorted((at.record for at in found), key=lambda r: (r.declassified, r.id), reverse=True), errors


def activity_plans(ctx: LoadContext[Needs]) -> dict[str, str]:
    """Activity id -> the id of the action plan holding it (activity ids are unique across plans)."""
    return {a.id: plan.id for plan in ctx.loaded.action_plans for a in plan.activities}


def review_errors(review: PeerReview, at: Located, ctx: LoadContext[Needs]) -> list[DataError]:
    errors = []
    if review.mission.end < review.mission.start:
        errors.append(at.error(("mission", "end"), _("end ({end}) is before start ({start})", end=str(review.mission.end),
                                                     start=str(review.mission.start)),
                               _("check both dates of the mission")))
    seen: dict[str, int] = {}
    activities = activity_plans(ctx)
    for i, finding in enumerate(review.findings):
        loc = ("findings", i)
        if finding.id in seen:
            errors.append(at.error(loc + ("id",), _("{id} is already a finding of this review (line {line})",
                                                    id=f"'{finding.id}'", line=seen[finding.id]),
                                   _("give each finding the review's own number")))
        seen.setdefault(finding.id, at.doc.line(at.loc + loc + ("id",)))
        if finding.status == "implemented" and not finding.evidence:
            errors.append(at.error(loc + ("status",), _("an implemented recommendation needs evidence"),
                                   _("add 'evidence:' with a https:// address or a path under docs/")))
        if finding.status != "not_reported" and finding.response is None:
            errors.append(at.error(loc + ("status",), _("status {status} needs the NCP's response", status=finding.status),
                                   _("add 'response:' saying what the NCP reported, or set status: not_reported")))
        if finding.evidence:
            errors += documents.link_errors(at.doc, at.loc + loc + ("evidence",), finding.evidence,
                                            ctx.docs_dir, ctx.languages)
        errors += reference_errors(Located(finding, at.doc, at.loc + loc), "related_activities",
                                   finding.related_activities, set(activities),
                                   _("action plan activity"), "data/action-plans/")
    glossary = ctx.loaded.glossary
    if glossary is not None:
        used: dict[str, tuple] = {}
        for i, finding in enumerate(review.findings):
            used.setdefault(f"review_status_{finding.status}", at.loc + ("findings", i, "status"))
        errors += require_concepts(glossary, at.doc.error, used)
    return errors
