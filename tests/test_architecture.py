"""The package's layers hold: import-linter's contracts, and generation that does not import MkDocs."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_generating_the_site_imports_no_mkdocs():
    code = ("import sys, ncp_site.project, ncp_site.site.pages, ncp_site.site.files, ncp_site.cli\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('mkdocs', 'material', 'mkdocs_static_i18n', 'mkdocs_macros')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
