"""Every source file is read once per load: the kinds and every check share the parsed documents."""

import builtins
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from builders import REPO, case_record, check_unchanged, load, make_project, write_yaml


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


# --- what is under data/ and docs/ but must not be read or published ------------------------------

def _problems(root: Path) -> dict[str, str]:
    """``ncp check``'s errors by shown path: ``path:line: field: problem -- fix``."""
    return {e.path: str(e) for e in load(root).errors}


@pytest.mark.parametrize("target", ["/proc/self/environ", "../../../outside.txt", "../index.en.md", "../../.git/config"])
def test_a_link_in_docs_is_a_located_error_wherever_it_points(tmp_path, target):
    """``/proc/self/environ`` linked from docs/ published the build's environment. Links inside the repository
    are refused too: they can reach what is never published (.git/, a local .env)."""
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    (root / "docs" / "files").mkdir()
    (root / "docs" / "files" / "env.txt").symlink_to(target)
    problems = _problems(root)
    assert problems["docs/files/env.txt"] == (
        f"docs/files/env.txt:1: (file): is a link (to '{target}'), which is never read or published -- replace the "
        "link by a copy of the file")


def test_links_in_data_to_a_file_or_a_folder_are_located_errors_and_not_read(tmp_path, capsys):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    write_yaml(tmp_path / "elsewhere" / "kz0102.yml", case_record("kz0102"))
    (root / "data" / "cases" / "kz0102.yml").symlink_to(tmp_path / "elsewhere" / "kz0102.yml")
    (root / "data" / "news").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    project = load(root)
    problems = {e.path: str(e) for e in project.errors}
    assert "is a link" in problems["data/cases/kz0102.yml"] and "replace the link by a copy" in problems["data/cases/kz0102.yml"]
    assert problems["data/news"].startswith("data/news:1: (folder): is a link (to ")
    assert [case.id for case in project.data.cases] == ["kz0101"]
    status, out = check_unchanged(root, capsys, root / "data" / "cases")
    assert status == 1 and "data/cases/kz0102.yml:1: (file): is a link" in out


def test_a_hidden_file_or_link_is_neither_read_nor_reported(tmp_path):
    """Editors keep their own files there (Emacs' lock ``.#kz0101.yml`` is a link to nowhere); MkDocs never publishes them."""
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    (root / "data" / "cases" / ".#kz0101.yml").symlink_to("root@host.1234:1700000000")
    (root / "docs" / ".env").write_text("TOKEN=x\n", encoding="utf-8")
    assert load(root).ok


def test_a_pipe_under_docs_is_a_located_error(tmp_path):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    os.mkfifo(root / "docs" / "pipe")
    assert _problems(root)["docs/pipe"] == ("docs/pipe:1: (file): is not a regular file (a device, a pipe or a socket) "
                                            "-- remove it: only files and folders are read and published")


def _as_unprivileged(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``ncp`` run so that file permissions apply: as root (who reads every folder), without the two
    capabilities that bypass them. The user stays the same, so a Python inside a private clone still runs."""
    drop = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv (util-linux) to drop the capabilities")
        drop = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    return subprocess.run([*drop, sys.executable, "-m", "ncp_site.cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=120, cwd="/", check=False)


@pytest.mark.parametrize("unreadable", ["data/news", "data/cases", "docs/about"])
def test_a_folder_that_cannot_be_read_is_a_located_error_not_an_empty_folder(tmp_path, unreadable):
    """Before: the check said "valid" with 0 news, and the build published none."""
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    write_yaml(root / "data" / "news" / "2026.yml", {"news": []})
    (root / "docs" / "about").mkdir()
    (root / "docs" / "about" / "index.en.md").write_text("# About\n", encoding="utf-8")
    (root / unreadable).chmod(0)
    try:
        done = _as_unprivileged(root, "check")
    finally:
        (root / unreadable).chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert (f"{unreadable}:1: (folder): cannot be read (Permission denied), so its files would be left out -- "
            "make it readable") in done.stdout


def test_a_file_that_cannot_be_read_is_a_located_error(tmp_path):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    (root / "data" / "cases" / "kz0101.yml").chmod(0)
    done = _as_unprivileged(root, "check")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "data/cases/kz0101.yml:1: (file): cannot be read (Permission denied)" in done.stdout


@pytest.mark.parametrize(("name", "problem"), [
    ("cases/kz0102.yaml", "is not read: data files are named *.yml -- rename it to kz0102.yml"),
    ("cases/kz0102.YML", "is not read: data files are named *.yml -- rename it to kz0102.yml"),
    ("reports.yaml", "is not read: data files are named *.yml -- rename it to reports.yml"),
    ("cases/2026/kz0102.yml", "is not read: the files of data/cases/ are read from that folder alone -- move it to "
                              "data/cases/"),
    ("case/kz0102.yml", "is not a file or folder the site reads -- move it where its kind is kept (data/action-plans/"),
    ("notes.txt", "is not a file or folder the site reads"),
])
def test_a_data_file_no_kind_reads_is_a_located_error(tmp_path, capsys, name, problem):
    """Before: a case saved as kz0102.yaml, or in a folder of its own, was left out of the site without a word."""
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    write_yaml(root / "data" / name, case_record("kz0102"))
    status, out = check_unchanged(root, capsys, root / "data" / "cases")
    assert status == 1 and f"data/{name}:1: (file): {problem}" in out


def test_the_repository_reads_every_file_under_data():
    assert load(REPO).sources.unread_errors([p for kind in load(REPO).kinds for p in kind.data]) == []
