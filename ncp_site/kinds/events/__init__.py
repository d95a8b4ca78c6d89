"""Events: the NCP's promotional events as data, checked, listed, counted and published as calendars."""

from ...core.kind import Kind, ReadsGlossary
from ...core.skeleton import NewRecord
from . import feed, load, pages
from .model import Event

KIND = Kind(name="events", load=load.load, needs=ReadsGlossary, data=(load.FILES.path,), macros=pages.MACROS,
            files=pages.output_files, feeds=(feed.NAME,), open_data=pages.open_dataset, pages=pages.event_pages,
            record_pages=pages.record_pages,
            new=(NewRecord("event", Event, load.FILES, dated="start"),))

__all__ = ["KIND", "Event"]
