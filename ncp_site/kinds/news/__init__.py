"""News: dated items about the NCP's work, linked to the specific instances and events they concern."""

from ...core.kind import Kind
from ...core.skeleton import NewRecord
from . import feed, load, pages
from .model import NewsItem

KIND = Kind(name="news", load=load.load, needs=load.Needs, data=(load.FILES.path,), macros=pages.MACROS,
            files=feed.files, feeds=(feed.NAME,),
            new=(NewRecord("news", NewsItem, load.FILES, dated="date"),),
            confirmed=lambda items: [item.date.first for item in items])

__all__ = ["KIND", "NewsItem"]
