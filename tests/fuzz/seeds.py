"""A small valid project made from the repository's data, and the data files each kind reads.

Derived from the code: every kind in ``kinds.KINDS`` names where its data is kept (``Kind.data``), so a
kind added later is fuzzed from its own data with no change here. A folder keeps its first files, and
a file in a folder that lists records (a year of events) its first records, so that each check of a
mutated file stays fast.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ncp_site import kinds
from ncp_site.core.sources import STATE_FILE

REPO = Path(__file__).resolve().parents[2]
FILES_PER_FOLDER = 2
RECORDS_PER_LIST = 3


@dataclass(frozen=True)
class Target:
    """A data file the fuzzer rewrites: one a kind reads, or a new file in a kind's folder."""

    kind: str
    path: str  # relative to the project root: ``data/cases/kz0003.yml``
    new: bool = False  # the file does not exist in the seed project


def data_locations() -> dict[str, tuple[str, ...]]:
    """Each kind's data, as it declares it (plus the translation state, which the checks read)."""
    locations = {kind.name: kind.data for kind in kinds.all_kinds()}
    locations["translation_state"] = (STATE_FILE,)
    return locations


def make_seed_project(root: Path) -> list[Target]:
    """Copy the repository's configuration, pages and a little of each kind's data to ``root``."""
    from ncp_site.project import load_project

    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    targets, candidates = [], {}
    for kind, places in data_locations().items():
        for place in places:
            source = REPO / "data" / place
            if source.is_dir():
                candidates[(kind, place)] = sorted(source.glob("*.yml"))
                targets.append(Target(kind, f"data/{place}/zz-fuzz.yml", new=True))
            elif source.is_file():
                targets.append(Target(kind, _copy(source, root)))
    # A folder keeps its first files; a kept file that names records the trimming left out (a news
    # item's related events) is replaced by the folder's next one, so the seed stays valid.
    chosen = {key: paths[:FILES_PER_FOLDER] for key, paths in candidates.items()}
    for _ in range(10):
        for _, place in chosen:
            shutil.rmtree(root / "data" / place, ignore_errors=True)
        copied = {(kind, _copy(path, root, trim=True)): (kind, place, path)
                  for (kind, place), paths in chosen.items() for path in paths}
        broken = {e.path for e in load_project(root).errors}
        bad = [source for (kind, relative), source in copied.items() if relative in broken]
        if not bad:
            return targets + [Target(kind, relative) for kind, relative in copied]
        for kind, place, path in bad:
            candidates[(kind, place)].remove(path)
            remaining = [p for p in candidates[(kind, place)] if p not in chosen[(kind, place)]]
            chosen[(kind, place)] = [p for p in chosen[(kind, place)] if p != path] + remaining[:1]
    raise AssertionError(f"no valid seed project: {sorted(broken)}")


def _copy(path: Path, root: Path, trim: bool = False) -> str:
    """Copy a data file; with ``trim``, a file of one list of records keeps only its first records."""
    relative = path.relative_to(REPO).as_posix()
    destination = root / relative
    destination.parent.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if trim else None
    lists = [key for key, value in data.items() if isinstance(value, list)] if isinstance(data, dict) else []
    if len(lists) == 1 and len(data[lists[0]]) > RECORDS_PER_LIST:
        data[lists[0]] = data[lists[0]][:RECORDS_PER_LIST]
        destination.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    else:
        shutil.copy(path, destination)
    return relative
