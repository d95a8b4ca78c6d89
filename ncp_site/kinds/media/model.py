"""An article, interview or report about the NCP in the media, kept in ``data/media.yml``.

Each item says what the piece is in every site language (``title``), and may give its title as
published (``original_title``, in the article's own language). ``language`` is the language the
piece is written in (any ISO 639-1 code, not only the site's), so a visitor knows before following
the link. The date is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as far as it is known, or left out
(the page then shows none).
"""

from __future__ import annotations

from ...core.citations import Source
from ...core.documents import WebAddress
from ...core.localized import AnyLanguage, Localized, Name, Strict, Text
from ...core.partial_dates import PartialDateField
from ...core.validation import record_id


class MediaItem(Strict):
    id: str = record_id()
    title: Localized
    original_title: Text | None = None
    publisher: Name
    date: PartialDateField | None = None
    language: AnyLanguage
    url: WebAddress
    note: Localized | None = None
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under it)
