"""mypy over the package reports nothing (its settings: pyproject.toml's ``[tool.mypy]``), and it holds the
kinds to what they declare they read: a kind reads another kind's data only as its ``Kind.needs`` types it,
and ``kinds.Data`` must give every kind what its needs say."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def mypy(*paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", *paths], cwd=REPO, capture_output=True, text=True)


def test_mypy_finds_no_error_in_the_package():
    result = mypy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout


def test_mypy_refuses_a_read_the_kind_did_not_declare_and_needs_the_data_does_not_meet(tmp_path):
    sneaky = tmp_path / "sneaky_kind.py"
    sneaky.write_text(textwrap.dedent('''
        from collections.abc import Sequence
        from typing import Protocol

        from ncp_site.core.kind import Kind, LoadContext, ReadsGlossary
        from ncp_site.kinds import Data


        def load(ctx: LoadContext[ReadsGlossary]) -> tuple[object, list]:
            return ctx.loaded.cases, []


        class NeedsNumbers(Protocol):
            @property
            def cases(self) -> Sequence[int]: ...


        def count(ctx: LoadContext[NeedsNumbers]) -> tuple[object, list]:
            return sum(ctx.loaded.cases), []


        KINDS: tuple[Kind[Data], ...] = (Kind(name="counting", load=count, needs=NeedsNumbers),)
    '''), encoding="utf-8")
    result = mypy(str(sneaky))
    assert result.returncode == 1
    said = result.stdout
    assert 'sneaky_kind.py:10: error: "ReadsGlossary" has no attribute "cases"' in said, said
    assert "sneaky_kind.py:22: error:" in said, said  # Data's cases are not numbers
    assert "LoadContext[NeedsNumbers]" in said and "LoadContext[Data]" in said, said
    assert "ncp_site/" not in said, "the package itself has no error"
