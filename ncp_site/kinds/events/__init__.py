"""Events: the NCP's promotional events as data, checked, listed, counted and published as calendars."""

from ...core.kind import Kind
from ...core.skeleton import NewRecord
from . import load, pages
from .model import Event

KIND = Kind(name="events", load=load.load, data=(load.FILES.path,), macros=pages.MACROS, files=pages.output_files,
            site_files=pages.open_data, pages=pages.event_pages,
            new=(NewRecord("event", Event, load.FILES, dated="start"),))

__all__ = ["KIND", "Event"]
