"""Every source file is read once per load: the kinds and every check share the parsed documents."""

import builtins
import io
from collections import Counter
from pathlib import Path

from builders import REPO, load


def test_one_read_per_data_file_and_page(monkeypatch):
    reads: Counter = Counter()
    root = REPO.resolve()

    def counted(original):
        def wrapper(self_or_file, *args, **kwargs):
            path = Path(self_or_file).resolve() if isinstance(self_or_file, (str, Path)) else None
            if path is not None and (path.is_relative_to(root / "data") or path.is_relative_to(root / "docs")):
                reads[path.relative_to(root).as_posix()] += 1
            return original(self_or_file, *args, **kwargs)
        return wrapper

    opener = counted(io.open)  # pathlib's read_bytes and read_text open files through io.open too
    monkeypatch.setattr(builtins, "open", opener)
    monkeypatch.setattr(io, "open", opener)
    project = load(REPO)
    assert project.ok, project.errors
    sources = sorted(p.relative_to(REPO).as_posix() for folder in ("data", "docs")
                     for p in (REPO / folder).rglob("*") if p.suffix in (".yml", ".yaml", ".md"))
    assert sources, "the repository has data and pages"
    assert {path: reads[path] for path in sources} == {path: 1 for path in sources}
    assert set(reads) == set(sources), f"read besides the sources: {set(reads) - set(sources)}"
