"""The case-handling procedure: stages with indicative timeframes, deadlines, the submission checklist."""

from ...core.kind import Kind
from . import load, pages
from .model import Procedure

KIND = Kind(name="procedure", load=load.load, needs=pages.Needs, data=(load.FILE,), macros=pages.MACROS,
            file_models={load.FILE: Procedure})

__all__ = ["KIND", "Procedure"]
