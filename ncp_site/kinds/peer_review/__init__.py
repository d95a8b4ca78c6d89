"""Peer reviews of the NCP: the findings and recommendations, the NCP's response and its follow-up."""

from ...core.kind import Kind
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Finding, PeerReview

KIND = Kind(name="peer_review", load=load.load, data=(load.FILES.path,), macros=pages.MACROS,
            new=(NewRecord("peer-review", PeerReview, load.FILES),
                 NewRecord("recommendation", Finding, load.FILES, dated="status_date", titled="topic",
                           inside=(("findings", None),))),
            confirmed=lambda reviews: [day for r in reviews for day in (r.declassified, *(f.status_date for f in r.findings))])

__all__ = ["KIND", "PeerReview"]
