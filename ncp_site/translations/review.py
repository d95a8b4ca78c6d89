"""Who reviewed: said with ``--by``, else git's ``user.name`` (a translator's own computer knows it)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def reviewer(by: str | None, root: Path) -> tuple[str | None, str | None]:
    """The reviewer's name, or None and what to do."""
    if by and by.strip():
        return by.strip(), None
    try:
        done = subprocess.run(["git", "-C", str(root), "config", "user.name"], capture_output=True, timeout=10,
                              check=False)
        name = done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else ""
    except (OSError, subprocess.TimeoutExpired):
        name = ""
    if name:
        return name, None
    return None, "say who reviewed -- add --by 'Name Surname' (or set git config user.name)"
