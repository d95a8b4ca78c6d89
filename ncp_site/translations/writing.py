"""Several files written as one: each whole or not at all, and the ones already written put back if one fails."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import display_path
from ..core.files import write_atomically


def write_all(files: dict[Path, str], root: Path) -> None:
    written: list[tuple[Path, bytes | None]] = []
    try:
        for path, text in files.items():
            before = path.read_bytes() if path.is_file() else None
            write_atomically(path, text, display_path(path, root))
            written.append((path, before))
    except BaseException:
        for path, before in reversed(written):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, before, display_path(path, root))
        raise
