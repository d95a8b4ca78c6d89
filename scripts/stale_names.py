"""Names in the code's docstrings and comments and in the documents that no longer exist.

    python scripts/stale_names.py            # every stale name, one line each: path:line: name -- why

A file moves or a module is renamed and its name lives on in a docstring (``mkdocs_plugin``,
``tests/mkdocs/test_plugin.py``). This lists every repository path (``tests/builders.py``,
``kinds/cases/load.py``, ``guide/``) and every dotted name of the package (``ncp_site.site.theme``,
``core.kind.Kind``) written in a tracked file that resolves to nothing. Paths of the built site
(``feeds/news.xml``), placeholders (``data/cases/<id>.yml``) and example files in messages are not
repository paths and are left alone. A developer's tool, not part of the package;
``tests/test_documents.py`` runs it.
"""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "ncp_site"
SCANNED = (".py", ".md", ".toml", ".html", ".js", ".css", ".sh")
"""The files whose text names other files: code, documents, configuration, templates."""
SKIPPED = ("data/", "docs/", "schemas/", "docs-screenshots/", "requirements-lock.txt", "package-lock.json",
           "scripts/stale_names.py")
"""The data and the visitors' pages name the built site's paths, not the repository's (and this tool its examples)."""

FIRST = ("ncp_site", "tests", "scripts", "guide", "overrides", ".github", ".ci", "core", "kinds", "checks",
         "mkdocs", "site", "data", "docs")
"""Where a repository path starts: the repository's folders and the package's (``translations/`` is also
where translators keep their files: the package's is named ``ncp_site/translations/``)."""
EXAMPLES = "data/"
"""A file named under ``data/`` is often an example of the Secretariat's (``data/cases/kz-2026-enterprise.yml``):
its folder, not the file, must exist. Pages under ``docs/`` are checked by ``ncp check`` and MkDocs, and a
document names pages the Secretariat may add (``docs/assets/emblem.svg``): not checked here."""
PATH = re.compile(r"(?<![\w./@:-])((?:%s)/(?:[\w.-]+/)*[\w.-]*)" % "|".join(re.escape(f) for f in FIRST))
ROOT_FILE = re.compile(r"(?<![\w./-])([A-Z][A-Z-]+\.md|pyproject\.toml|mkdocs\.yml|macros\.py|package\.json)\b")
DOTTED = re.compile(r"`((?:ncp_site|core|kinds|checks|site|mkdocs|translations)(?:\.\w+)+)(?:\(\))?`")
FILE_NAME = re.compile(r"\.(?:py|md|yml|yaml|toml|json|html|js|css)$")
PLACEHOLDER = re.compile(r"[<>{}*\[\]]|\.\.\.|…")

OUTPUT = re.compile(r"^(?:data/\w+\.(?:json|csv|schema\.json)|data/<|docs/files/|site/(?!\w+\.py))")
"""Paths of the built site that share a first folder with the repository (``data/cases.json``)."""


def tracked() -> list[str]:
    said = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [p for p in said.splitlines() if p.endswith(SCANNED) and not p.startswith(SKIPPED)
            and (REPO / p).is_file()]


def exists(name: str, where: str) -> bool:
    """A path exists from the repository's root, the package's, or the folder of the file naming it."""
    name = name.rstrip(".")
    if name.startswith("docs/"):
        return True
    if name.startswith(EXAMPLES):
        return (REPO / name.rstrip("/")).parent.is_dir()
    bases = [REPO, REPO / PACKAGE, (REPO / where).parent, REPO / PACKAGE / "kinds"]
    module, _, attribute = name.rpartition(".")
    names = [name, f"{name}.py"] + ([f"{module}.py"] if attribute.isidentifier() and module else [])
    return any((base / each).exists() for base in bases for each in names)


def resolves(dotted: str) -> bool:
    """``ncp_site.core.kind.Kind``, or the same without ``ncp_site.``: a module, then attributes; else a name of
    the installed package it starts with (MkDocs' own ``mkdocs.utils.clean_directory``, which the bridge names)."""
    parts = dotted.split(".")
    if parts[0] == PACKAGE:
        return _resolves(parts, 2)
    return _resolves([PACKAGE, *parts], 2) or _resolves(parts, 1)


def _resolves(parts: list[str], shortest: int) -> bool:
    for cut in range(len(parts), shortest - 1, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def prose(path: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of what a file says to people: a Python file's docstrings and comments (its
    strings are the program's, its tests' examples), every line of any other file."""
    text = (REPO / path).read_text(encoding="utf-8")
    if not path.endswith(".py"):
        yield from enumerate(text.splitlines(), 1)
        return
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for first, following in zip(body, body[1:] + [None]):
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                        and isinstance(first.value.value, str):
                    for offset, line in enumerate(first.value.value.splitlines()):
                        yield first.lineno + offset, line


def stale(path: str) -> Iterator[tuple[int, str, str]]:
    """(line, name, why) for every name in one file that resolves to nothing."""
    for number, line in prose(path):
        for match in PATH.finditer(line):
            name = match.group(1)
            rest = line[match.end():match.end() + 1]
            if (PLACEHOLDER.search(name) or rest in "<{*…[" and rest or OUTPUT.match(name)
                    or name.endswith("/") and name.count("/") == 1 and name[:-1] in FIRST):
                continue
            if not exists(name, path):
                yield number, name, "no such file or folder"
        for match in ROOT_FILE.finditer(line):
            if not (REPO / match.group(1)).exists():
                yield number, match.group(1), "no such file at the repository's root"
        for match in DOTTED.finditer(line):
            if not FILE_NAME.search(match.group(1)) and not resolves(match.group(1)):
                yield number, match.group(1), "no such module or name in the package"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(REPO))
    found = [(path, line, name, why) for path in tracked() for line, name, why in stale(path)]
    for path, line, name, why in found:
        print(f"{path}:{line}: {name} -- {why}")
    print(f"{len(found)} stale name(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
