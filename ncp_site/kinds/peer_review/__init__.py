"""Peer reviews of the NCP: the findings and recommendations, the NCP's response and its follow-up."""

from ...core.citations import Citable, CitedDocument
from ...core.kind import Kind
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Finding, PeerReview


def cited(reviews: list[PeerReview]) -> list[CitedDocument]:
    """A review as a source line names it (records cite it by its id)."""
    return [CitedDocument(r.id, r.citation or r.title, {lang: r.url for lang in r.title}) for r in reviews]


KIND = Kind(name="peer_review", load=load.load, needs=load.Needs, data=(load.FILES.path,), macros=pages.MACROS,
            new=(NewRecord("peer-review", PeerReview, load.FILES),
                 NewRecord("recommendation", Finding, load.FILES, dated="status_date", titled="topic",
                           inside=(("findings", None),))),
            confirmed=lambda reviews: [day for r in reviews for day in (r.declassified, *(f.status_date for f in r.findings))],
            documents=Citable(load.FILES, cited))

__all__ = ["KIND", "PeerReview"]
