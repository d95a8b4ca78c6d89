"""The source a translation was last reviewed against, found again in git by its fingerprint.

``data/translation-state.yml`` keeps only a fingerprint of the reviewed source (the text itself
is in the repository's history already). To show a translator what changed, the versions of the
source file are read back from ``git log``, newest first, until one has the recorded fingerprint.
Without git, or without that version (a shallow clone), the previous source is simply unknown.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from ..checks.translation_status import fingerprint
from ..core.yamlsrc import Loader

MAX_VERSIONS = 200
"""How far back a file's history is searched."""


class History:
    """Past versions of files, read from git once per file."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._versions: dict[str, list[str]] = {}

    def versions(self, path: str) -> list[str]:
        if path not in self._versions:
            self._versions[path] = list(self._read(path))
        return self._versions[path]

    def _git(self, *args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

    def _read(self, path: str):
        log = self._git("log", f"-n{MAX_VERSIONS}", "--format=%H", "--", path)
        for commit in (log or "").split():
            text = self._git("show", f"{commit}:./{path}")
            if text is not None:
                yield text

    def previous_page(self, path: str, reviewed: str) -> str | None:
        """The page's text when its fingerprint was ``reviewed``."""
        return next((text for text in self.versions(path) if fingerprint(text) == reviewed), None)

    def previous_field(self, path: str, loc: tuple, lang: str, reviewed: str) -> str | None:
        """A data field's ``lang`` text when its fingerprint was ``reviewed``."""
        for text in self.versions(path):
            try:
                value = yaml.load(text, Loader=Loader)
                for part in loc:
                    value = value[part]
                value = value[lang]
            except (yaml.YAMLError, KeyError, IndexError, TypeError):
                continue
            value = "\n".join(value) if isinstance(value, list) else str(value or "")
            if fingerprint(value) == reviewed:
                return value
        return None
