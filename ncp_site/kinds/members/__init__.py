"""The NCP's legal basis and its members over time: tables and a diagram generated from the data."""

from ...core.kind import Kind, ReadsGlossary
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Composition, Institution, LegalAct, Member

KIND = Kind(name="members", load=load.load, needs=ReadsGlossary, data=(load.ACTS.path, load.COMPOSITIONS.path), macros=pages.MACROS,
            new=(NewRecord("legal-act", LegalAct, load.ACTS), NewRecord("composition", Composition, load.COMPOSITIONS, dated="start"),
                 NewRecord("member", Member, load.COMPOSITIONS, titled=None, inside=(("members", None),))),
            confirmed=lambda institution: [act.adopted for act in institution.acts])

__all__ = ["KIND", "Institution"]
