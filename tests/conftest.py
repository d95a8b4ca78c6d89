"""One build of the real site per test session; tests assert on its HTML in every language."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

LANG_PREFIX = {"kk": "", "ru": "ru/", "en": "en/"}
BUILD_EPOCH = "1700000000"  # 14 November 2023: fixed, so assertions do not depend on the test day


def run_mkdocs_build(project: Path, site_dir: Path, epoch: str = BUILD_EPOCH,
                     env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project``; ``env`` adds to the environment (``NCP_NEVER_PUBLISH``...)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
           "NCP_SITE_URL": "http://localhost/", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True)


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    def path(self, lang: str, page: str = "") -> Path:
        page = page.strip("/")
        return self.root / LANG_PREFIX[lang] / page / "index.html" if page else self.root / LANG_PREFIX[lang] / "index.html"

    def html(self, lang: str, page: str = "") -> str:
        return self.path(lang, page).read_text(encoding="utf-8")

    def pages(self, lang: str) -> set[str]:
        """Page paths of one language, relative to that language's root."""
        base = self.root / LANG_PREFIX[lang]
        others = [self.root / p for l, p in LANG_PREFIX.items() if p and l != lang]
        found = set()
        for path in base.rglob("*.html"):
            if any(path.is_relative_to(o) for o in others):
                continue
            found.add(path.relative_to(base).as_posix())
        return found


    def search_fragments(self) -> list[dict]:
        """Pagefind's record of every indexed page (``url``, ``content``, ``filters``, ``meta``), all languages.

        Each fragment is gzip'ed JSON after Pagefind's ``pagefind_dcd`` signature."""
        records = []
        for path in sorted((self.root / "pagefind").rglob("fragment/*.pf_fragment")):  # parts/ too
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(PAGEFIND_SIGNATURE), path
            records.append(json.loads(data[len(PAGEFIND_SIGNATURE):]))
        return records


PAGEFIND_SIGNATURE = b"pagefind_dcd"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_mkdocs_build(REPO, out)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(out)
