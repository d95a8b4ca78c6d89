"""The OECD's due diligence guidance: the general guidance and the sectoral ones, with their languages."""

from ...core.kind import Kind
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Guidance

KIND = Kind(name="due_diligence", load=load.load, data=(load.FILES.path,), macros=pages.MACROS,
            new=(NewRecord("guidance", Guidance, load.FILES),))

__all__ = ["KIND", "Guidance"]
