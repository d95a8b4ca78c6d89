"""The organisations the data names, each with one name per language (``core.organisations``)."""

from ...core.kind import Kind, ReadsWording
from ...core.skeleton import NewRecord
from . import load
from .load import Organisations
from .model import Organisation

KIND = Kind(name="organisations", load=load.load, needs=ReadsWording, data=(load.FILES.path,), offers=load.offers,
            new=(NewRecord("organisation", Organisation, load.FILES, titled=None),))

__all__ = ["KIND", "Organisation", "Organisations"]
