"""Media: articles and interviews about the NCP published by others."""

from ...core.kind import Kind
from ...core.skeleton import NewRecord
from . import load, pages
from .model import MediaItem

KIND = Kind(name="media", load=load.load, data=(load.FILES.path,), macros=pages.MACROS,
            new=(NewRecord("media", MediaItem, load.FILES, dated="date"),))

__all__ = ["KIND", "MediaItem"]
