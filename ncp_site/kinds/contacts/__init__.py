"""How to reach the NCP: the contacts page, the submission page and every page's footer."""

from ...core.kind import Kind
from . import load, pages
from .model import Contacts

KIND = Kind(name="contacts", load=load.load, data=(load.FILE,), macros=pages.MACROS,
            file_models={load.FILE: Contacts})

__all__ = ["KIND", "Contacts"]
