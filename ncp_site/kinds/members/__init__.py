"""The NCP's legal basis and its members over time: tables and a diagram generated from the data."""

from ...core.kind import Kind
from . import load, pages
from .model import Institution

KIND = Kind(name="members", load=load.load, data=(load.ACTS.path, load.COMPOSITIONS.path), macros=pages.MACROS)

__all__ = ["KIND", "Institution"]
