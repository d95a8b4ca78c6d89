"""What changed in the working copy since the last commit, as git sees it.

``ncp check`` lists the problems of the files the Secretariat just edited first, and ``./ncp publish``
shows the edits in plain words before saving them. Without git (an archive, a copy) nothing is known
and nothing is reordered.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ADDED, CHANGED, DELETED = "added", "changed", "deleted"


@dataclass(frozen=True)
class Change:
    path: str  # relative to the project root, with forward slashes: ``data/cases/kz0002.yml``
    state: str  # ADDED, CHANGED or DELETED


def git(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess | None:
    """``git -C root args``, its output as text; None when git is missing or the call timed out."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=timeout,
                              check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None


def changes(root: Path) -> list[Change] | None:
    """Every file added, changed or deleted under ``root`` since the last commit (staged or not, new files
    included, ignored files not); None when ``root`` is not in a git working copy."""
    top = git(root, "rev-parse", "--show-toplevel")
    if top is None or top.returncode != 0:
        return None
    status = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", ".")
    if status is None or status.returncode != 0:
        return None
    inside = Path(root).resolve().relative_to(Path(top.stdout.strip()).resolve())
    found = []
    for entry in status.stdout.split("\0"):
        if len(entry) < 4:
            continue
        code, path = entry[:2], PurePosixPath(entry[3:])
        if code in ("AD", "DA"):  # added, then deleted before any commit: nothing changed
            continue
        state = ADDED if code == "??" or "A" in code else DELETED if "D" in code else CHANGED
        found.append(Change(str(path.relative_to(inside.as_posix()) if str(inside) != "." else path), state))
    return sorted(found, key=lambda change: change.path)


def changed_paths(root: Path) -> set[str] | None:
    """The paths of ``changes``, or None without git."""
    found = changes(root)
    return None if found is None else {change.path for change in found}
