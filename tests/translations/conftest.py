"""The translators' tests share one small project (tests/translating.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from translating import reviewed_project


@pytest.fixture
def project(tmp_path, capsys) -> Path:
    """A small trilingual project, reviewed in kk and en by 'First Reviewer' on 2026-11-01, under git."""
    return reviewed_project(tmp_path / "site", capsys)
