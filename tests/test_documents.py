"""The documents for people stay short and true: the README at most 250 lines naming only paths that exist,
every relative link of the documents leading to a file and heading that exist, and no docstring, comment or
document naming a file or module that is gone (``scripts/stale_names.py``)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from builders import REPO, script

README = REPO / "README.md"
DOCUMENTS = sorted([*REPO.glob("*.md"), *(REPO / "guide").glob("*.md")])

LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\s]+)`")
PATH_LIKE = re.compile(r"^(?:\.{1,2}/)?[\w.-]+(?:/[\w.-]*)*$")
PLACEHOLDER = re.compile(r"[<>{}*]|\.\.\.")


stale_names = script("stale_names")


def ignored(path: str) -> bool:
    """A file the build or the tests make (``site/``, ``.venv/``, ``test-results/``): git ignores it."""
    return subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=REPO).returncode == 0


def named_paths(text: str) -> set[str]:
    """The repository paths a document names, in code spans: ``scripts/build``, ``data/cases/kz0002.yml``,
    ``mkdocs.yml`` (a command's words, addresses and placeholders are not paths)."""
    found = set()
    for span in CODE.findall(text):
        span = span.rstrip(".,:;")
        if PLACEHOLDER.search(span) or "://" in span or not PATH_LIKE.match(span):
            continue
        if "/" in span or re.search(r"\.(?:py|md|yml|toml|json|txt|sh)$", span):
            found.add(span.split("#")[0].split(":")[0])
    return found


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_\[\]()]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def test_the_readme_is_at_most_250_lines():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 250, f"README.md has {lines} lines: move the detail to ARCHITECTURE.md or guide/, and link it"


def test_every_path_the_readme_names_exists():
    text = README.read_text(encoding="utf-8")
    missing = sorted(path for path in named_paths(text)
                     if not (REPO / path).exists() and not ignored(path))
    assert missing == [], f"README.md names paths that do not exist: {missing}"


def test_a_path_that_does_not_exist_is_found():
    """The check above can fail: a moved file named in a code span is caught, a command or address is not."""
    text = "Run `bash scripts/build`, see `tests/mkdocs/test_plugin.py` and `https://example.org/a/b`."
    assert named_paths(text) == {"tests/mkdocs/test_plugin.py"}
    assert not (REPO / "tests/mkdocs/test_plugin.py").exists()
    assert ignored("site/index.html") and not ignored("tests/builders.py")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document):
    problems = []
    text = re.sub(r"```.*?```", "", document.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in LINK.findall(CODE.sub("", text)):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (document.parent / file).resolve() if file else document
        if not linked.exists():
            problems.append(f"{target}: no such file")
            continue
        if anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            problems.append(f"{target}: {linked.name} has no heading #{anchor}")
    assert problems == [], f"{document.relative_to(REPO)}: " + "; ".join(problems)


def test_the_anchor_of_a_heading_is_github_s():
    assert slug("`./ncp`: the Secretariat's command") == "ncp-the-secretariats-command"
    assert slug("Tests, fuzzing and publishing") == "tests-fuzzing-and-publishing"


def test_no_docstring_comment_or_document_names_a_file_or_module_that_is_gone():
    found = [f"{path}:{line}: {name} -- {why}" for path in stale_names.tracked()
             for line, name, why in stale_names.stale(path)]
    assert found == [], "\n".join(found)


def test_the_stale_names_finder_finds_a_moved_file_and_a_renamed_module(tmp_path, monkeypatch):
    module = tmp_path / "example.py"
    module.write_text('"""Made by ``ncp_site.mkdocs_plugin``, tested in tests/mkdocs/test_plugin.py and\n'
                      'tests/builders.py, from ``ncp_site.core.kind.Kind``."""\n'
                      'LINK = "tests/gone.py"  # a string of the program is not prose\n', encoding="utf-8")
    monkeypatch.setattr(stale_names, "REPO", tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "builders.py").write_text("", encoding="utf-8")
    found = {name for _, name, _ in stale_names.stale("example.py")}
    assert found == {"ncp_site.mkdocs_plugin", "tests/mkdocs/test_plugin.py"}
