"""Government policies that promote responsible business conduct, and the NCP's role in each."""

from ...core.kind import Kind, ReadsWording
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Policy

KIND = Kind(name="policies", load=load.load, needs=ReadsWording, data=(load.FILES.path,), macros=pages.MACROS,
            new=(NewRecord("policy", Policy, load.FILES, titled="name"),))

__all__ = ["KIND", "Policy"]
