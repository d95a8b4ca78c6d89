"""Load ``data/media.yml`` (optional: no file, no media items yet), newest first."""

from __future__ import annotations

from ...core.errors import DataError
from ...core.kind import LoadContext
from ...core.messages import _
from ...core.records import RecordFiles, load_records
from .model import MediaItem

FILES = RecordFiles("media.yml", _("media item"), "data/media.yml", list_key="media", optional=True)


def load(ctx: LoadContext) -> tuple[list[MediaItem], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, MediaItem)
    return newest_first([at.record for at in found]), errors


def newest_first(items: list[MediaItem]) -> list[MediaItem]:
    dated = sorted(((m.date.first, m) for m in items if m.date), key=lambda d: (d[0], d[1].id), reverse=True)
    return [m for _, m in dated] + sorted((m for m in items if not m.date), key=lambda m: m.id)
